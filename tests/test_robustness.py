"""Bad input never stops a batch nor leaves a database stuck (issue 19): every crash class found
by fuzzing has a regression test here, on the real model, a real SQLite file and real processes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conftest import failing_stage
from heron.api import Heron
from heron.config import Settings
from heron.nlp.chunks import CHUNK_CHARS, split_chunks

HERON = [sys.executable, "-m", "heron.cli"]
GOOD = "Russian forces shelled Kharkiv on Monday, killing three civilians, Ukrainian officials said.\n"


def ingest_one(tmp_path: Path, name: str, content: str, **kwargs) -> tuple[Heron, object]:
    """Ingest ``content`` as file ``name`` next to a good article; the database stays open."""
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / name).write_text(content)
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    h = Heron(tmp_path / "t.db")
    return h, h.ingest([tmp_path / "in"], **kwargs)


def assert_healthy(h: Heron, report) -> None:
    """Nothing failed, everything stored was analysed and fused, and a later ingest works."""
    assert not report.failed, report.failed
    stats = h.stats()
    assert stats["pending"] == 0 and stats["failed"] == 0, stats
    assert h.store.count_unfused() == 0
    assert any(a.id == "good" for a in h.articles())


@pytest.mark.parametrize("text", [
    "On 1 January 0001 troops attacked the city, officials said.\n",
    "The ceasefire ends on December 31, 9999, the ministry said on Monday.\n",
    "Talks resumed on 9999-12-31 and will go on for two weeks, envoys said.\n",
    "Gunmen killed ² people in the village on Monday, officials said.\n",
    "Gunmen killed ٣ people and wounded ¹⁰ in the village on Monday, officials said.\n",
])
def test_extreme_dates_and_odd_digits_in_text(tmp_path: Path, text: str) -> None:
    h, report = ingest_one(tmp_path, "odd.txt", text, published="2025-08-20")
    assert report.ingested == 2 and report.analysed == 2
    assert_healthy(h, report)
    for timex in h.analysis("odd").timexes:  # out-of-range dates are kept as text only
        assert not timex.value[:4].isdecimal() or 1000 <= int(timex.value[:4]) <= 2999


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "December 31, 9999"])
def test_extreme_published_metadata_is_ignored_with_a_note(tmp_path: Path, published: str) -> None:
    record = {"id": "x", "text": GOOD, "published": published}
    h, report = ingest_one(tmp_path, "x.jsonl", json.dumps(record) + "\n")
    assert_healthy(h, report)
    assert h.article("x").published is None
    assert any("no date within years 1000-2999" in n for n in report.notes)


def test_published_option_is_validated(tmp_path: Path) -> None:
    with Heron(tmp_path / "t.db") as h, pytest.raises(ValueError, match="not a date"):
        h.ingest([tmp_path], published="not-a-date")
    result = subprocess.run([*HERON, "ingest", str(tmp_path), "--db", str(tmp_path / "t.db"),
                             "--published", "not-a-date"], capture_output=True, text=True)
    assert result.returncode == 2 and "not a date" in result.stderr


def test_html_that_breaks_the_extractor_does_not_stop_the_batch(tmp_path: Path) -> None:
    # trafilatura raises AssertionError on this page; the batch goes on, the page is reported.
    h, report = ingest_one(tmp_path, "bad.html", "<svg><![CDATA[<html><html>")
    assert_healthy(h, report)
    assert [p.location.endswith("bad.html") for p in report.skipped] == [True]
    h2 = Heron(tmp_path / "t.db")  # the database is still usable by a later run
    (tmp_path / "more.txt").write_text(GOOD.replace("three", "four"))
    assert h2.ingest([tmp_path / "more.txt"]).ingested == 1


def test_deeply_nested_html_keeps_its_text(tmp_path: Path) -> None:
    body = "<div>" * 3000 + "<p>Police arrested twelve protesters in Lagos on Friday.</p>" + "</div>" * 3000
    h, report = ingest_one(tmp_path, "deep.html", f"<html><body>{body}</body></html>")
    assert_healthy(h, report)
    assert "Police arrested twelve protesters" in h.article("deep").text
    assert any("levels deep, too deep for the HTML extractor" in n for n in report.notes)


def test_long_text_is_analysed_in_chunks_with_whole_text_offsets(tmp_path: Path) -> None:
    paragraphs = [f"Police arrested {i} protesters in Lagos on Friday, officials said. "
                  f"President Bola Tinubu condemned the violence in a statement." for i in range(400)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 2 * CHUNK_CHARS
    h, report = ingest_one(tmp_path, "long.txt", text, published="2025-08-20")
    assert_healthy(h, report)
    article, analysis = h.article("long"), h.analysis("long")
    for record in (*analysis.mentions, *analysis.timexes):
        assert article.text[record.start:record.end] == record.text
    for event in analysis.events:
        assert article.text[event.trigger.start:event.trigger.end] == event.trigger.text
    assert analysis.events[-1].trigger.start > 2 * CHUNK_CHARS  # the last chunk was analysed
    ids = [e.id for e in analysis.events]
    assert len(ids) == len(set(ids))
    assert all(m.article_id == "long" for m in analysis.mentions)


def test_chunks_stay_under_spacys_limit_and_rebuild_the_text() -> None:
    text = ("word " * 50 + "\n") * 5000 + "x" * 50_000  # 1.3 M characters, one unbreakable run
    chunks = split_chunks(text)
    assert "".join(chunks) == text and len(text) > 1_000_000
    assert max(map(len, chunks)) <= CHUNK_CHARS


@Language.component("test_failing_parse")
def failing_parse(doc: Doc) -> Doc:
    """A spaCy pipe (not a Heron stage) failing on a marker: a bug inside spaCy's own batch."""
    if "MARKER" in doc.text:
        raise RuntimeError("boom in spaCy")
    return doc


@contextmanager
def failing_spacy_pipe() -> Iterator[None]:
    from heron.nlp.pipeline import get_pipeline

    nlp = get_pipeline(Settings()).nlp
    nlp.add_pipe("test_failing_parse", after="ner")
    try:
        yield
    finally:
        nlp.remove_pipe("test_failing_parse")


def _folder_with_one_bad(tmp_path: Path, n_good: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n_good):
        (folder / f"ok{i}.txt").write_text(GOOD.replace("three", str(i + 2)))
    (folder / "bad.txt").write_text("MARKER: Gunmen attacked a convoy near Goma on Sunday.\n")
    return folder


def test_a_failing_document_is_marked_retried_once_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = _folder_with_one_bad(tmp_path, 5)
    with failing_stage("MARKER"), Heron(tmp_path / "t.db") as h:
        report = h.ingest([folder])
        assert report.analysed == 5 and report.fused == 5
        assert [(f.article_id, f.stage, f.retry) for f in report.failed] == [("bad", "analyse", True)]
        assert "boom in a component" in report.failed[0].reason
        assert h.stats()["failed"] == 0  # one more try is due
        again = h.ingest([folder])  # a later run retries it once ...
        assert [(f.article_id, f.retry) for f in again.failed] == [("bad", False)]
        assert h.stats()["failed"] == 1 and h.stats()["pending"] == 0
        assert h.ingest([folder]).failed == []  # ... then leaves it marked
        assert h.failures()[0]["reason"].startswith("RuntimeError: boom")
    result = subprocess.run([*HERON, "stats", "--db", str(tmp_path / "t.db")],
                            capture_output=True, text=True)
    assert "failed       1" in result.stdout and "bad" in result.stdout


@pytest.mark.parametrize("failure", [failing_stage, failing_spacy_pipe],
                         ids=["heron-stage", "spacy-pipe"])
def test_one_failing_document_fails_alone_in_worker_processes(tmp_path: Path, failure) -> None:
    """With two worker processes and small batches, the bad document (in the middle of a
    batch) fails alone, whether a Heron stage or spaCy itself raised, and every other document
    is analysed once, in order."""
    folder = _folder_with_one_bad(tmp_path, 7)
    settings = Settings(batch_size=2, workers=2, components=("actors", "events"))
    with (failure("MARKER") if failure is failing_stage else failure()), \
            Heron(tmp_path / "t.db", settings) as h:
        report = h.ingest([folder])
        assert report.analysed == 7 and report.fused == 7
        assert [(f.article_id, f.stage) for f in report.failed] == [("bad", "analyse")]
        assert "boom in" in report.failed[0].reason
        assert h.stats()["analysed"] == 7 and h.stats()["pending"] == 1  # one retry is due


def test_a_failing_fusion_is_rolled_back_alone(tmp_path: Path, monkeypatch) -> None:
    import heron.fuse as fuse

    real = fuse.fuse_article

    def fuse_article(store, article, *args):
        real(store, article, *args)  # writes happen, then the failure: all must be rolled back
        if "MARKER" in article.text:
            raise RuntimeError("boom in fusion")

    monkeypatch.setattr(fuse, "fuse_article", fuse_article)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(GOOD)
    (folder / "bad.txt").write_text("MARKER: Gunmen attacked a convoy near Goma on Sunday.\n")
    with Heron(tmp_path / "t.db", Settings(components=("actors", "events"))) as h:
        report = h.ingest([folder])
        assert report.fused == 1 and [f.stage for f in report.failed] == ["fuse"]
        assert h.store.story_of("bad") is None and h.store.story_of("ok") is not None
        df = h.store.key_df([""])[""]
        assert df == 1  # the failed article's document frequencies were rolled back


def test_two_concurrent_ingests_analyse_and_fuse_each_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"a{i:02d}.txt").write_text(
            f"Protest number {i}: police arrested {i + 2} people in city {i} on Monday.\n"
            f"Officials in district {i} said talks about road {i} would resume.\n")
    db = tmp_path / "t.db"
    env = {**os.environ, "HERON_COMPONENTS": "actors,events", "HERON_BATCH_SIZE": "2"}
    cmd = [*HERON, "ingest", str(folder), "--db", str(db), "--published", "2025-08-20"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        docs = conn.execute("SELECT df FROM fusion_df WHERE key = ''").fetchone()[0]
        placed = conn.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    originals = count  # distinct texts: no duplicates
    assert (count, docs, placed) == (30, originals, originals)
    assert any("waiting for another Heron process" in err for _, err in outputs)


# -- input validation and encodings (read only: no analysis needed) ---------------------------
def read_only(tmp_path: Path, *paths) -> tuple[Heron, object]:
    h = Heron(tmp_path / "r.db", Settings(components=()))
    return h, h.ingest([str(p) for p in paths], analyse=False)


def test_fifos_and_devices_are_skipped_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD)
    h, report = read_only(tmp_path, fifo, "/dev/zero", tmp_path / "good.txt")
    reasons = {p.location: p.reason for p in report.skipped}
    assert "not a regular file" in reasons[str(fifo)]
    assert "unsupported file type" in reasons["/dev/zero"] or "not a regular" in reasons["/dev/zero"]
    assert report.ingested == 1


@pytest.mark.parametrize(("record", "reason"), [
    ({"id": "n", "text": 12345}, "fields must be strings: text"),
    ({"id": "b", "text": True}, "fields must be strings: text"),
    ({"id": "l", "text": ["a"]}, "fields must be strings: text"),
    ({"id": True, "text": GOOD}, "fields must be strings: id"),
])
def test_non_string_fields_are_rejected(tmp_path: Path, record: dict, reason: str) -> None:
    (tmp_path / "r.jsonl").write_text(json.dumps(record) + "\n" + json.dumps({"id": 7, "text": GOOD}) + "\n")
    h, report = read_only(tmp_path, tmp_path / "r.jsonl")
    assert [p.reason for p in report.skipped] == [reason]
    assert report.ingested == 1 and h.article("7") is not None  # numeric ids are fine


def test_pretty_printed_single_object_json_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "one", "text": GOOD}, indent=2))
    h, report = read_only(tmp_path, tmp_path / "one.json")
    assert (report.ingested, report.skipped) == (1, [])


def test_lone_surrogates_are_stored_as_replacement_characters(tmp_path: Path) -> None:
    (tmp_path / "s.jsonl").write_text('{"id": "s", "text": "Talks \\ud800 resumed in Geneva on Monday."}\n')
    h, report = read_only(tmp_path, tmp_path / "s.jsonl")
    assert report.ingested == 1 and "\ufffd" in h.article("s").text


def test_encodings(tmp_path: Path) -> None:
    text = "Zelensky met Merz in Berlin on Monday — “a good meeting”, officials said.\n" * 20
    (tmp_path / "stray.txt").write_bytes(text.encode() + b"\xff" + text.encode())
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))  # with its BOM
    (tmp_path / "utf32.txt").write_bytes(text.encode("utf-32"))
    h, report = read_only(tmp_path, *(tmp_path / n for n in ("stray.txt", "utf16.txt", "utf32.txt")))
    assert report.skipped == [] and report.ingested == 1 and report.duplicates == 2
    stray = h.article("stray")
    assert "— “a good meeting”" in stray.text and stray.text.count("\ufffd") == 1
    assert any("1 invalid UTF-8 byte sequence replaced" in n for n in report.notes)
    assert any("utf-16-le (byte order mark)" in n for n in report.notes)


def test_code_command_rejects_non_string_text(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": 42}, {"id": "b", "text": GOOD, "published": None}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    result = subprocess.run([*HERON, "code", str(tmp_path / "c.jsonl")], capture_output=True,
                            text=True, env={**os.environ, "HERON_COMPONENTS": "actors,events"})
    assert result.returncode == 0, result.stderr
    assert "c.jsonl:1: 'text' and 'published' must be strings" in result.stderr
    assert {json.loads(line)["id"] for line in result.stdout.splitlines()} == {"b"}
