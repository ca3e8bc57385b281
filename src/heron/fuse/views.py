"""Read-side views of fusion for the Python API, the CLI and the web app: plain dicts."""

from __future__ import annotations

from typing import Any

from heron.store.base import Store

STORY_KEYS = ("id", "label", "first_date", "last_date", "outlets", "n_articles", "n_events",
              "n_contradictions")
TIMELINE_KEYS = ("id", "event_type", "mode", "date", "date_precision", "status", "planned",
                 "n_outlets", "n_sources", "label", "actors", "recipients", "location",
                 "contradiction_ids", "first_reported", "killed", "injured", "size", "n_denials",
                 "n_direct_outlets")
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
    return {k: fused.get(k) for k in TIMELINE_KEYS}


def timeline(store: Store, story_id: str) -> list[dict[str, Any]]:
    """Past events by resolved date (then corroboration), planned items after them."""
    items = [timeline_item(f) for f in store.fused_event_records(story_id)]
    return sorted(items, key=lambda f: (f["planned"], f["date"] or "9999", -f["n_outlets"],
                                        -f["n_sources"], f["id"]))


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
