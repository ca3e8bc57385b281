"""What each HTML page shows, gathered from the Heron API (over :mod:`heron.read`).

Functions return template contexts (plain dicts) or None when the thing does not exist; the
route handlers in :mod:`heron.web.app` only pick the template and the status code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, cast
from urllib.parse import urlsplit

from heron.api import Heron
from heron.fuse.consensus import sentence_key
from heron.model import Analysis
from heron.read.events import event_row, stance_per_day, with_quad
from heron.read.paging import Page
from heron.read.quotes import quote_is_shown, quotes_by_speaker
from heron.records import Consensus, EventRow, PerSource, SourceView, SpanRecord, TimelineItem
from heron.web.charts import stance_chart, world_point
from heron.web.highlight import Mark, highlight, path_id


def actor_href(actor_id: str | None) -> str | None:
    return f"/actors/{path_id(actor_id)}" if actor_id else None


def evidence_href(article_id: str, span: SpanRecord | None) -> str:
    """Link to a span of an article, highlighted and scrolled to on the article page."""
    href = f"/articles/{path_id(article_id)}"
    return f"{href}?start={span['start']}&end={span['end']}#target" if span else href


# -- article ---------------------------------------------------------------------------------
def article_page(h: Heron, article_id: str, target: tuple[int, int] | None,
                 show_all: bool = False) -> dict[str, Any] | None:
    article = h.article(article_id)
    if article is None:
        return None
    analysis = h.analysis(article_id)
    shown = shown_findings(analysis, h, show_all) if analysis else None
    # Every finding stays marked (and an anchor) in the text, so links from actor and event
    # pages always land; the lists beside it hold the confident ones unless ?all=1.
    marks = article_marks(analysis, shown) if analysis and shown else []
    if target:
        marks.append(Mark(target[0], target[1], "target", "the cited evidence", anchor="target"))
    n_hidden = (len(analysis.events) + len(analysis.quotes) - len(shown.events)
                - len(shown.quotes)) if analysis and shown else 0
    return {
        "article": article,
        "analysis": analysis,
        "text_html": highlight(article.text, marks),
        "events": [event_row(e.to_dict()) for e in shown.events] if shown else [],
        "quotes": shown.quotes if shown else [],
        "n_hidden": n_hidden,
        "show_all": show_all,
        "actors": _article_actors(analysis) if analysis else [],
        "removed": article.removed,
        "original": h.article(article.duplicate_of) if article.duplicate_of else None,
        "url_href": web_url(article.url),
    }


def shown_findings(analysis: Analysis, h: Heron, show_all: bool) -> Analysis:
    """The analysis with only the events and quotes readers get elsewhere (exports, timeline,
    ``/api/quotes``): at or above the export thresholds, negated quotes kept; all if
    ``show_all``."""
    if show_all:
        return analysis
    events = [e for e in analysis.events if e.confidence >= h.settings.min_confidence]
    quotes = [q for q in analysis.quotes
              if quote_is_shown(q.confidence, q.negated, h.settings.quote_min_confidence)]
    return replace(analysis, events=events, quotes=quotes)


def web_url(url: str | None) -> str | None:
    """The article's URL when it is safe to link (http/https); ``javascript:`` and co. are not."""
    try:
        return url if url and urlsplit(url).scheme in ("http", "https") else None
    except ValueError:  # unparsable (e.g. "http://[::1"): shown as text, never linked
        return None


def article_marks(analysis: Analysis, shown: Analysis) -> list[Mark]:
    """Marks for every mention, event trigger and quote of ``analysis``; the ones not in
    ``shown`` say in their title that they fall below the export threshold."""
    low = " — below the export threshold"
    shown_events = {e.id for e in shown.events}
    shown_quotes = {q.id for q in shown.quotes}
    marks = [Mark(m.start, m.end, "mention" if m.confident or not m.actor_id else "mention-unsure",
                  _mention_title(m.name, m.country, m.sector, m.actor_id, m.kind),
                  href=actor_href(m.actor_id))
             for m in analysis.mentions]
    marks += [Mark(e.trigger.start, e.trigger.end, "trigger",
                   f"{e.event_type} {e.mode or ''} ({e.status})"
                   + ("" if e.id in shown_events else low), anchor=f"ev-{e.id}")
              for e in analysis.events]
    for q in analysis.quotes:
        speaker = q.speaker.name if q.speaker else "unattributed"
        title = f"quote of {speaker}" + ("" if q.id in shown_quotes else low)
        for i, span in enumerate(q.content_spans or [q.content]):
            marks.append(Mark(span.start, span.end, "quote", title,
                              anchor=f"q-{q.id}" if i == 0 else None))
    return marks


def _mention_title(name: str | None, country: str | None, sector: str | None,
                   actor_id: str | None, kind: str) -> str:
    if not actor_id:
        return f"unresolved {kind} mention"
    return " ".join(part for part in (name, country, sector) if part)


def _article_actors(analysis: Analysis) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, Any]] = {}
    for m in analysis.mentions:
        if m.actor_id:
            entry = counts.setdefault(m.actor_id, {"actor_id": m.actor_id, "name": m.name,
                                                   "country": m.country, "sector": m.sector,
                                                   "mentions": 0})
            entry["mentions"] += 1
    return sorted(counts.values(), key=lambda a: -a["mentions"])


# -- story -----------------------------------------------------------------------------------
def story_page(h: Heron, story_id: str, show_all: bool = False) -> dict[str, Any] | None:
    story = h.story(story_id)
    if story is None:
        return None
    sections = h.timeline_sections(story_id, show_all)
    happened = [with_quad(e) for e in sections["current"]]
    article_ids = [a["id"] for a in story["articles"]]
    return {
        "story": story,
        "days": by_date(happened),
        "planned": [with_quad(e) for e in sections["planned"]],
        "background": [with_quad(e) for e in sections["background"]],
        "n_hidden": sections["n_hidden"],
        "show_all": show_all,
        "contradictions": h.contradictions(story_id=story_id),
        "quotes_by_speaker": quotes_by_speaker(h.store, article_ids,
                                               h.settings.quote_min_confidence),
        "chart": stance_chart(stance_per_day(happened)),
    }


def by_date(timeline: list[TimelineItem]) -> list[tuple[str, list[TimelineItem]]]:
    """Events grouped by date, in date order; undated events last."""
    groups: dict[str, list[TimelineItem]] = defaultdict(list)
    for event in timeline:
        groups[event["date"] or "undated"].append(event)
    return sorted(groups.items(), key=lambda item: (item[0] == "undated", item[0]))


# -- fused event -----------------------------------------------------------------------------
def event_page(h: Heron, fused_id: str) -> dict[str, Any] | None:
    fused = h.fused_event(fused_id)
    if fused is None:
        return None
    location = fused["location"]
    # every attribute's consensus, whatever the type of its values
    consensus = cast(dict[str, Consensus[Any]], fused["consensus"])
    return {
        "event": with_quad(fused),
        "sources": [_source(s) for s in _one_per_sentence(fused["sources"])],
        "consensus": [_consensus_row(attribute, c) for attribute, c in consensus.items()],
        "story": h.story(fused["story_id"]),
        "contradictions": [c for c in h.contradictions(story_id=fused["story_id"])
                           if c["id"] in fused["contradiction_ids"]],
        "map": world_point(location["lat"], location["lon"]) if location else None,
    }


def _one_per_sentence(sources: list[SourceView]) -> list[SourceView]:
    """A sentence that mentions the event twice ("met ... for talks") is one source to a reader,
    as it is to the counts (``n_sources``)."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for source in sources:
        if sentence_key(source) not in seen:
            seen.add(sentence_key(source))
            kept.append(source)
    return kept


def _consensus_row(attribute: str, consensus: Consensus) -> dict[str, Any]:
    """One attribute of a fused event: the agreed value and which source said what."""
    said: dict[str, list[PerSource]] = defaultdict(list)
    for item in consensus["per_source"]:
        if item["value"] is not None:
            said[shown(item["value"])].append(item)
    value = consensus["value"]
    return {"attribute": attribute, "value": None if value is None else shown(value),
            "agreeing_sources": consensus["agreeing_sources"], "said": sorted(said.items())}


def shown(value: Any) -> str:
    """An attribute value as a reader wants it: a place by its name, a list joined."""
    if isinstance(value, dict):
        name, country = value.get("name"), value.get("country")
        return f"{name} ({country})" if name and country and name != country else str(name or "?")
    if isinstance(value, list | tuple):
        return ", ".join(shown(v) for v in value)
    return str(value)


def _source(source: SourceView) -> dict[str, Any]:
    """A source of a fused event with its sentence highlighted (trigger and actor spans)."""
    sentence = source["sentence"]
    marks = [Mark(source["trigger"]["start"], source["trigger"]["end"], "trigger", "trigger")]
    for role, refs in (("actor", source["actors"]), ("recipient", source["recipients"])):
        marks += [Mark(r["start"], r["end"], role, f"{role}: {r['name']}", actor_href(r["actor_id"]))
                  for r in refs]
    return {**source, "sentence_html": highlight(sentence["text"], marks, base=sentence["start"]),
            "href": evidence_href(source["article_id"], sentence)}


# -- actor -----------------------------------------------------------------------------------
ACTOR_EVENTS_PER_PAGE = 50


def actor_page(h: Heron, actor_id: str, offset: int = 0) -> dict[str, Any] | None:
    actor = h.actor(actor_id, ACTOR_EVENTS_PER_PAGE, offset)
    if actor is None:
        return None
    # One pager for both role lists: a page shows up to 50 events in each role.
    total = max(actor["n_events_as_actor"], actor["n_events_as_recipient"])
    page: Page[EventRow] = Page(total, actor["limit"], actor["offset"])
    return {"actor": actor, "chart": stance_chart(actor["trend"]), "page": page}
