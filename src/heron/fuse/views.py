"""Read-side views of fusion for the Python API, the CLI and the web app: plain dicts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from heron.fuse.dates import is_reported, period_end
from heron.store.base import Store

STORY_KEYS = ("id", "label", "first_date", "last_date", "outlets", "n_articles", "n_events",
              "n_contradictions")
TIMELINE_KEYS = ("id", "event_type", "mode", "date", "date_precision", "status", "planned",
                 "n_outlets", "n_sources", "label", "actors", "recipients", "location",
                 "contradiction_ids", "first_reported", "killed", "injured", "size", "n_denials",
                 "n_direct_outlets", "background", "plan_links", "confidence")
SOURCE_KEYS = ("article_id", "outlet", "source", "event_id", "sentence", "trigger", "actors",
               "recipients", "date", "date_precision", "status", "location", "mode",
               "killed", "injured", "size", "published", "facilitators")
# How a source bears on its fused event: "direct" (it reports the event itself),
# "arrangement" (it reports only the arranging that other sources say the event served) or
# "denial" (it reports that the event did not happen).
DIRECT = "direct"


def story_summary(story: dict[str, Any]) -> dict[str, Any]:
    return {k: story[k] for k in STORY_KEYS}


def stories(store: Store, limit: int = 50, offset: int = 0,
            query: str | None = None) -> list[dict[str, Any]]:
    return [story_summary(s) for s in store.story_records(limit, offset, query)]


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    record = store.story_record(story_id)
    if record is None:
        return None
    out = story_summary(record)
    out["articles"] = []
    for article_id in store.story_article_ids(story_id):
        article = store.article(article_id)
        if article:
            out["articles"].append({"id": article.id, "title": article.title,
                                    "outlet": article.outlet, "published": article.published})
    out["actors"] = store.story_actor_counts(story_id)
    return out


def timeline_item(fused: dict[str, Any]) -> dict[str, Any]:
    out = {k: fused.get(k) for k in TIMELINE_KEYS}
    out["background"] = bool(out["background"])
    out["plan_links"] = out["plan_links"] or []
    if out["confidence"] is None:  # fused before confidences were kept on fused events
        out["confidence"] = max((s.get("confidence") or 0.0 for s in fused.get("sources", [])),
                                default=0.0)
    return out


# Timeline sections. An analyst's timeline holds the story's current events; acts dated long
# before it (background clauses: "the 2015 deal", "the 1953 armistice") get their own section.
CURRENT, PLANNED, BACKGROUND = "current", "planned", "background"
WINDOW_BEFORE_DAYS = 31  # an act dated this long before the story's first report is background
# A single-outlet item is shown by default only when the events component is this confident of
# it and a time expression of its own sentence dates it (a round figure, not tuned on data):
# corroborated (or contested) items are always shown.
SINGLE_SOURCE_CONFIDENCE = 0.7


def section(item: dict[str, Any], story: dict[str, Any] | None) -> str:
    """current | planned | background: background mentions, and anything explicitly dated more
    than ``WINDOW_BEFORE_DAYS`` before the story's first report, are background."""
    if item["background"]:
        return BACKGROUND
    start = (story or {}).get("first_date")
    dated = item["date"] and not is_reported(item["date_precision"] or "")
    if start and dated and period_end(item["date"]) and \
            period_end(item["date"]) < date.fromisoformat(start[:10]) - timedelta(WINDOW_BEFORE_DAYS):
        return BACKGROUND
    return PLANNED if item["planned"] else CURRENT


def hidden_by_default(item: dict[str, Any]) -> bool:
    """Single-outlet, uncontested items that are not confident or not dated by their own
    sentence: kept, but shown only on request (``heron timeline --all``, ``?all=1``)."""
    if item["n_outlets"] > 1 or item["contradiction_ids"]:
        return False
    own_date = item["date"] and not is_reported(item["date_precision"] or "")
    return item["confidence"] < SINGLE_SOURCE_CONFIDENCE or not own_date


def timeline(store: Store, story_id: str) -> list[dict[str, Any]]:
    """Past events by resolved date (then corroboration), planned items after them. Each item
    says its ``section`` (current | planned | background) and whether it is ``hidden`` by
    default (see :func:`hidden_by_default`)."""
    story = store.story_record(story_id)
    items = [timeline_item(f) for f in store.fused_event_records(story_id)]
    ids = {i["id"] for i in items}
    for item in items:
        # a linked event merged away later leaves a stale id on its partner: not shown
        item["plan_links"] = [i for i in item["plan_links"] if i in ids]
        item["section"] = section(item, story)
        item["hidden"] = hidden_by_default(item)
        item["corroborated"] = item["n_outlets"] > 1
    return sorted(items, key=lambda f: (f["planned"], f["date"] or "9999", -f["n_outlets"],
                                        -f["n_sources"], f["id"]))


def timeline_sections(store: Store, story_id: str,
                      show_all: bool = False) -> dict[str, Any]:
    """The analyst's timeline: ``current`` events in date order (corroborated first within a
    day), ``planned`` items, ``background``; items hidden by default are left out unless
    ``show_all``, and counted in ``n_hidden``."""
    items = timeline(store, story_id)
    shown = [i for i in items if show_all or not i["hidden"]]
    out: dict[str, Any] = {name: [i for i in shown if i["section"] == name]
                           for name in (CURRENT, PLANNED, BACKGROUND)}
    out["n_hidden"] = sum(i["hidden"] for i in items) if not show_all else 0
    return out


def fused_event(store: Store, fused_id: str) -> dict[str, Any] | None:
    fused = store.fused_event_record(fused_id)
    if fused is None:
        return None
    out = timeline_item(fused)
    out["story_id"] = fused["story_id"]
    out["sources"] = [{**{k: s.get(k) for k in SOURCE_KEYS}, "support": s.get("support", DIRECT)}
                      for s in fused["sources"]]
    out["consensus"] = fused["consensus"]
    out["stances"] = fused.get("stances", [])
    return out


def contradictions(store: Store, story_id: str | None = None) -> list[dict[str, Any]]:
    return store.contradiction_records(story_id)


def largest_story(store: Store) -> str | None:
    top = store.story_records(limit=1)
    return top[0]["id"] if top else None
