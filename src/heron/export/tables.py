"""What each exportable table contains: plain dict rows built from the store."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from heron.store.sqlite import SQLiteStore

ARTICLE_EXPORT_COLUMNS = ("id", "title", "published", "published_source", "outlet", "url", "author",
                          "source", "duplicate_of", "duplicate_kind", "text", "removed")


def _articles(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    for row in store.rows("articles"):
        record = {c: row[c] for c in ARTICLE_EXPORT_COLUMNS}
        record["removed"] = json.loads(record["removed"])
        yield record


def _actors(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    """Canonical actors with every surface form seen and how often."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for row in store.query("SELECT actor_id, text, count(*) AS n FROM mentions "
                           "WHERE actor_id IS NOT NULL GROUP BY actor_id, text"):
        forms[row["actor_id"]][row["text"]] += row["n"]
    for row in store.rows("actors"):
        seen = forms.get(row["id"], Counter())
        yield {
            "id": row["id"], "name": row["name"], "country": row["country"],
            "sector": row["sector"], "kind": row["kind"], "kb_id": row["kb_id"] or "new",
            "mentions": sum(seen.values()),
            "surface_forms": dict(seen.most_common()),
        }


def plover_event(event: dict[str, Any]) -> dict[str, Any]:
    """An event record in PLOVER's JSON layout (actor/recipient lists with codes), plus provenance."""
    def actors(refs: list[dict]) -> list[dict]:
        return [{"text": r["text"], "code": r["country"], "sector": r["sector"],
                 "actor_id": r["actor_id"], "name": r["name"], "start": r["start"], "end": r["end"]}
                for r in refs]

    return {
        "id": event["id"],
        "event_type": event["event_type"],
        "mode": event["mode"] or "",
        "context": event["context"],
        "status": event["status"],
        "actor": actors(event["actors"]),
        "recipient": actors(event["recipients"]),
        "facilitator": actors(event.get("facilitators", [])),  # arranged it; not a participant
        "date": event["date"],
        "date_end": event["date_end"],
        "date_text": event["date_text"],
        "date_precision": event["date_precision"],
        "background": event.get("background", False),
        "location": event["location"],
        "killed": event["killed"], "injured": event["injured"], "size": event["size"],
        "event_text": event["trigger"]["text"],
        "trigger": event["trigger"],
        "sentence": event["sentence_span"],
        "quote_id": event.get("quote_id"), "quote_role": event.get("quote_role"),
        "pattern": event["pattern"],
        "confidence": event["confidence"],
        "article_id": event["article_id"],
    }


def _events(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    return (plover_event(e) for e in store.rows("events"))


# -- fusion
def _stories(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    from heron.fuse.views import story_summary

    for story in store.story_records(limit=-1):
        yield {**story_summary(story), "articles": store.story_article_ids(story["id"])}


def _fused_events(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    # reports parked on a planned event until the contact they corroborate is known are
    # fusion's working state, not part of the planned event
    for record in store.fused_event_records():
        record.pop("arrangements", None)
        yield record


def _claims(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    return iter(store.claim_records())


def _contradictions(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    return iter(store.contradiction_records())


def _records(table: str) -> Callable[[SQLiteStore], Iterator[dict[str, Any]]]:
    return lambda store: store.rows(table)


EXPORT_TABLES: dict[str, Callable[[SQLiteStore], Iterator[dict[str, Any]]]] = {
    "articles": _articles,
    "actors": _actors,
    "mentions": _records("mentions"),
    "events": _events,
    "quotes": _records("quotes"),
    "timexes": _records("timexes"),
    "places": _records("places"),
    "stories": _stories,
    "fused_events": _fused_events,
    "claims": _claims,
    "contradictions": _contradictions,
}


def table_rows(store: SQLiteStore, table: str, min_confidence: float = 0.0,
               quote_min_confidence: float = 0.0) -> Iterator[dict[str, Any]]:
    """Rows of ``table``; events below ``min_confidence`` and quotes below
    ``quote_min_confidence`` (negated ones aside, see :func:`heron.queries.quotes`) are left out."""
    if table not in EXPORT_TABLES:
        raise KeyError(f"unknown table {table!r}; choose from {', '.join(EXPORT_TABLES)}")
    rows = EXPORT_TABLES[table](store)
    if table == "events" and min_confidence > 0:
        return (row for row in rows if row["confidence"] >= min_confidence)
    if table == "quotes" and quote_min_confidence > 0:
        return (row for row in rows
                if row.get("negated") or row.get("confidence", 1.0) >= quote_min_confidence)
    return rows
