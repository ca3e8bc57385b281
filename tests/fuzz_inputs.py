"""Hypothesis strategies for hostile ingest input: random unicode, HTML, JSON records, dates
and raw bytes, mixed with real news sentences so that the NLP stages have work to do. Shared
by the property test (tests/test_fuzz.py, a bounded run in `make test`) and bench/fuzz.py."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import strategies as st

SENTENCES = (
    "Russian forces shelled Kharkiv on Monday, killing three civilians, officials said.",
    "President Zelensky said on Tuesday he would meet Vladimir Putin in Geneva next week.",
    "Police arrested twelve protesters in Lagos on Friday after clashes near the port.",
    "\"We will not accept this,\" the foreign minister told reporters in Warsaw.",
    "NATO Secretary General Mark Rutte urged allies to send more air defence systems.",
    "Gunmen killed ² people and wounded ¹⁰ in the village, the army said.",
)
DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%Y-%m-%d", "%d/%m/%Y", "%A, %B %d")
EXTREME_DATES = ("1 January 0001", "December 31, 9999", "9999-12-31", "0001-01-01",
                 "31/12/9999", "in 9999 years", "within 10000000 days", "February 30, 2025")
ODD_TEXT = ("\u202e", "\u2066", "\x00", "\ufeff", "\u0000\u0001", "²³¹", "٣٤", "𝟘𝟙",
            "\r\n", "\t", "&amp;&#0;&#x110000;", "<![CDATA[", "]]>", "\\ud800")
TAGS = ("p", "div", "table", "tr", "td", "svg", "math", "script", "style", "a", "span",
        "article", "main", "ul", "li", "h1", "pre", "html", "body", "head", "title")


def dates() -> st.SearchStrategy[str]:
    formatted = st.builds(lambda d, f: d.strftime(f), st.dates(min_value=date(1, 1, 1)),
                          st.sampled_from(DATE_FORMATS))
    return st.one_of(formatted, st.sampled_from(EXTREME_DATES))


def fragments() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=60), st.sampled_from(SENTENCES), dates(),
                     st.sampled_from(ODD_TEXT), st.integers().map(str))


def texts() -> st.SearchStrategy[str]:
    return st.lists(fragments(), min_size=1, max_size=12).map(" ".join)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    depth = draw(st.sampled_from([1, 3, 20, 300]))
    tags = [draw(st.sampled_from(TAGS)) for _ in range(min(depth, 30))] * (depth // 30 + 1)
    opened = "".join(f"<{t}>" for t in tags[:depth])
    closed = "".join(f"</{t}>" for t in reversed(tags[:depth])) if draw(st.booleans()) else ""
    return draw(st.sampled_from(["", "<!DOCTYPE html>", "<html><head><title>t</title></head>"])) \
        + opened + draw(texts()) + closed


def field_values() -> st.SearchStrategy[object]:
    return st.one_of(st.none(), texts(), dates(), st.integers(), st.booleans(), st.floats(),
                     st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                          st.integers(), max_size=2))


@st.composite
def json_records(draw: st.DrawFn) -> str:
    record = {"id": draw(st.one_of(st.text(max_size=20), st.integers(), st.booleans())),
              "text": draw(st.one_of(texts(), field_values())),
              "published": draw(st.one_of(dates(), field_values())),
              "title": draw(field_values()), "url": draw(st.one_of(
                  st.sampled_from(["http://[::1", "javascript:alert(1)", "http://x.org/a"]),
                  field_values())),
              "html": draw(st.one_of(st.none(), html_pages()))}
    layout = draw(st.sampled_from(["line", "pretty", "list", "broken"]))
    if layout == "pretty":
        return json.dumps(record, indent=2)
    if layout == "list":
        return json.dumps([record, record])
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    return line[: draw(st.integers(0, len(line)))] if layout == "broken" else line


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """One input file: its name (the suffix chooses the reader) and its bytes."""
    kind = draw(st.sampled_from(["txt", "html", "jsonl", "json", "bytes"]))
    if kind == "html":
        body = draw(html_pages())
    elif kind in ("jsonl", "json"):
        body = "\n".join(draw(st.lists(json_records(), min_size=1, max_size=3)))
    elif kind == "bytes":
        return draw(st.sampled_from(["b.txt", "b.html", "b.jsonl"])), draw(st.binary(max_size=300))
    else:
        body = draw(texts())
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "utf-32", "latin-1", "cp1252"]))
    data = body.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
    if draw(st.booleans()):  # a stray byte somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\xff" + data[at:]
    return f"doc.{kind}", data


def batches() -> st.SearchStrategy[list[tuple[str, bytes]]]:
    return st.lists(documents(), min_size=1, max_size=3)


def ingest_batch(folder, batch: list[tuple[str, bytes]], published: str | None):
    """Write ``batch`` as files in a fresh ``folder`` and ingest it (all stages) into a new
    database there; returns the open Heron and the report. Raises only if Heron does."""
    from heron.api import Heron

    folder.mkdir(parents=True)
    for i, (name, data) in enumerate(batch):
        (folder / f"{i}-{name}").write_bytes(data)
    h = Heron(folder / "fuzz.db")
    return h, h.ingest([folder / f"{i}-{name}" for i, (name, _) in enumerate(batch)],
                       published=published)


def check_healthy(h, report) -> None:
    """The properties every batch must keep: no document failed, nothing is left pending or
    unfused, every skipped input has a reason, and the database takes a later ingest."""
    assert report.failed == [], [(f.article_id, f.reason) for f in report.failed]
    assert all(p.reason for p in report.skipped)
    stats = h.stats()
    assert stats["pending"] == 0 and stats["failed"] == 0, stats
    assert h.store.count_unfused() == 0
