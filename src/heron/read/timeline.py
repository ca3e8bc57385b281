"""A story's timeline as analysts read it (current, planned and background sections; single-
source items hidden by default) and one fused event with its sources and consensus."""

from __future__ import annotations

from datetime import date, timedelta

from heron.fuse.dates import is_reported, period_end
from heron.records import (
    FusedEvent,
    FusedEventView,
    FusedSummary,
    Source,
    SourceView,
    Story,
    TimelineItem,
    TimelineSection,
    TimelineSections,
)
from heron.store.base import Store

# Timeline sections. An analyst's timeline holds the story's current events; acts dated long
# before it (background clauses: "the 2015 deal", "the 1953 armistice") get their own section.
CURRENT: TimelineSection = "current"
PLANNED: TimelineSection = "planned"
BACKGROUND: TimelineSection = "background"
WINDOW_BEFORE_DAYS = 31  # an act dated this long before the story's first report is background
# A single-outlet item is shown by default only when the events component is this confident of
# it and a time expression of its own sentence dates it (a round figure, not tuned on data):
# corroborated (or contested) items are always shown.
SINGLE_SOURCE_CONFIDENCE = 0.7


def fused_summary(fused: FusedEvent) -> FusedSummary:
    """What a timeline shows of a fused event. Records fused before a field was kept lack it
    (None; no plan links; the confidence of its best source)."""
    confidence = fused.get("confidence")
    if confidence is None:
        confidence = max((s.get("confidence") or 0.0 for s in fused.get("sources", [])),
                         default=0.0)
    return {
        "id": fused["id"], "event_type": fused["event_type"], "mode": fused["mode"],
        "date": fused["date"], "date_precision": fused["date_precision"],
        "status": fused["status"], "planned": fused["planned"],
        "n_outlets": fused["n_outlets"], "n_sources": fused["n_sources"],
        "label": fused["label"], "actors": fused["actors"], "recipients": fused["recipients"],
        "location": fused["location"], "contradiction_ids": fused["contradiction_ids"],
        "first_reported": fused.get("first_reported"), "killed": fused.get("killed"),
        "injured": fused.get("injured"), "size": fused.get("size"),
        "n_denials": fused.get("n_denials"), "n_direct_outlets": fused.get("n_direct_outlets"),
        "background": bool(fused.get("background")), "plan_links": fused.get("plan_links") or [],
        "confidence": confidence,
    }


def section(item: FusedSummary, story: Story | None) -> TimelineSection:
    """current | planned | background: background mentions, and anything explicitly dated more
    than ``WINDOW_BEFORE_DAYS`` before the story's first report, are background."""
    if item["background"]:
        return BACKGROUND
    start = story["first_date"] if story else None
    dated = item["date"] and not is_reported(item["date_precision"] or "")
    end = period_end(item["date"]) if dated else None
    if start and end and end < date.fromisoformat(start[:10]) - timedelta(WINDOW_BEFORE_DAYS):
        return BACKGROUND
    return PLANNED if item["planned"] else CURRENT


def hidden_by_default(item: FusedSummary) -> bool:
    """Single-outlet, uncontested items that are not confident or not dated by their own
    sentence: kept, but shown only on request (``heron timeline --all``, ``?all=1``)."""
    if item["n_outlets"] > 1 or item["contradiction_ids"]:
        return False
    own_date = item["date"] and not is_reported(item["date_precision"] or "")
    return bool(item["confidence"] < SINGLE_SOURCE_CONFIDENCE or not own_date)


def timeline(store: Store, story_id: str) -> list[TimelineItem]:
    """Past events by resolved date (then corroboration), planned items after them. Each item
    says its ``section`` (current | planned | background) and whether it is ``hidden`` by
    default (see :func:`hidden_by_default`)."""
    story = store.story_record(story_id)
    summaries = [fused_summary(f) for f in store.fused_event_records(story_id)]
    ids = {s["id"] for s in summaries}
    items: list[TimelineItem] = []
    for summary in summaries:
        # a linked event merged away later leaves a stale id on its partner: not shown
        summary["plan_links"] = [i for i in summary["plan_links"] if i in ids]
        items.append({**summary, "section": section(summary, story),
                      "hidden": hidden_by_default(summary),
                      "corroborated": summary["n_outlets"] > 1})
    return sorted(items, key=lambda f: (f["planned"], f["date"] or "9999", -f["n_outlets"],
                                        -f["n_sources"], f["id"]))


def timeline_sections(store: Store, story_id: str, show_all: bool = False) -> TimelineSections:
    """The analyst's timeline: ``current`` events in date order (corroborated first within a
    day), ``planned`` items, ``background``; items hidden by default are left out unless
    ``show_all``, and counted in ``n_hidden``."""
    items = timeline(store, story_id)
    shown = [i for i in items if show_all or not i["hidden"]]
    return {"current": [i for i in shown if i["section"] == CURRENT],
            "planned": [i for i in shown if i["section"] == PLANNED],
            "background": [i for i in shown if i["section"] == BACKGROUND],
            "n_hidden": sum(i["hidden"] for i in items) if not show_all else 0}


def fused_event(store: Store, fused_id: str) -> FusedEventView | None:
    """A fused event with its source mentions and per-attribute consensus."""
    fused = store.fused_event_record(fused_id)
    if fused is None:
        return None
    return {**fused_summary(fused), "story_id": fused["story_id"],
            "sources": [source_view(s) for s in fused["sources"]],
            "consensus": fused["consensus"], "stances": fused.get("stances", [])}


def source_view(source: Source) -> SourceView:
    """A source mention as readers see it, without fusion's working fields (content words,
    venues, ...); ``support`` is "direct" unless it reports an arrangement or a denial."""
    return {
        "article_id": source["article_id"], "outlet": source["outlet"],
        "source": source["source"], "event_id": source["event_id"],
        "sentence": source["sentence"], "trigger": source["trigger"],
        "actors": source["actors"], "recipients": source["recipients"], "date": source["date"],
        "date_precision": source["date_precision"], "status": source["status"],
        "location": source["location"], "mode": source["mode"], "killed": source["killed"],
        "injured": source["injured"], "size": source["size"],
        "published": source["published"], "facilitators": source.get("facilitators"),
        "support": source.get("support", "direct"),
    }
