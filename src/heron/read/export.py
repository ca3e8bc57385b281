"""What each exportable table contains: plain dict rows read from the store (the writers in
:mod:`heron.export` turn them into JSONL, CSV or Parquet)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from heron.read.events import plover_event
from heron.read.quotes import quote_is_shown
from heron.read.stories import story_summary
from heron.records import ActorExportRow, StoryRow
from heron.store.base import Store

# Rows of different tables are different records; the writers take any JSON-like row.
Rows = Iterator[dict[str, Any]]
ARTICLE_EXPORT_COLUMNS = ("id", "title", "published", "published_source", "outlet", "url", "author",
                          "source", "duplicate_of", "duplicate_kind", "text", "removed")


def _articles(store: Store) -> Rows:
    for row in store.rows("articles"):
        record = {c: row[c] for c in ARTICLE_EXPORT_COLUMNS}
        record["removed"] = json.loads(record["removed"])
        yield record


def _actors(store: Store) -> Rows:
    """Canonical actors with every surface form seen and how often."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for actor_id, text, n in store.mention_counts():
        forms[actor_id][text] += n
    for row in store.rows("actors"):
        seen = forms.get(row["id"], Counter())
        actor: ActorExportRow = {
            "id": row["id"], "name": row["name"], "country": row["country"],
            "sector": row["sector"], "kind": row["kind"], "kb_id": row["kb_id"] or "new",
            "mentions": sum(seen.values()),
            "surface_forms": dict(seen.most_common()),
        }
        yield _row(actor)


def _events(store: Store) -> Rows:
    return (_row(plover_event(e)) for e in store.rows("events"))


def _stories(store: Store) -> Rows:
    for story in store.story_records(limit=-1):
        row: StoryRow = {**story_summary(story), "articles": store.story_article_ids(story["id"])}
        yield _row(row)


def _fused_events(store: Store) -> Rows:
    # reports parked on a planned event until the contact they corroborate is known are
    # fusion's working state, not part of the planned event
    for record in store.fused_event_records():
        record.pop("arrangements", None)
        yield _row(record)


def _claims(store: Store) -> Rows:
    return map(_row, store.claim_records())


def _contradictions(store: Store) -> Rows:
    return map(_row, store.contradiction_records())


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A typed record as a row for the writers (a shallow copy: the same keys, in order)."""
    return dict(record)


def _records(table: str) -> Callable[[Store], Rows]:
    return lambda store: store.rows(table)


EXPORT_TABLES: dict[str, Callable[[Store], Rows]] = {
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


def table_rows(store: Store, table: str, min_confidence: float = 0.0,
               quote_min_confidence: float = 0.0) -> Rows:
    """Rows of ``table``; events below ``min_confidence`` and quotes below
    ``quote_min_confidence`` (negated ones aside, as in :func:`heron.read.quotes.quotes`) are
    left out."""
    if table not in EXPORT_TABLES:
        raise KeyError(f"unknown table {table!r}; choose from {', '.join(EXPORT_TABLES)}")
    rows = EXPORT_TABLES[table](store)
    if table == "events" and min_confidence > 0:
        return (row for row in rows if row["confidence"] >= min_confidence)
    if table == "quotes" and quote_min_confidence > 0:
        return (row for row in rows if quote_is_shown(row.get("confidence", 1.0),
                                                      bool(row.get("negated")),
                                                      quote_min_confidence))
    return rows
