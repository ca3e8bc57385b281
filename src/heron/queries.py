"""Read queries shared by the web app and the CLI: filtered, paginated views over a Heron store.

Every function takes a :class:`~heron.store.sqlite.SQLiteStore` (``Heron.store``) and returns
plain JSON-friendly dicts. Every filter is an indexed column (events: date, type, status,
confidence; ``event_participants``: actor and country by role), never a scan of JSON records.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from heron.api import Heron
from heron.export.tables import plover_event
from heron.store.sqlite import SQLiteStore, like_escape

MAX_LIMIT = 500
# Far past any real page, far below SQLite's 64-bit integers (larger offsets overflowed).
MAX_OFFSET = 1_000_000_000
NOT_HAPPENED = ("negated", "hypothetical", "future")
# An event whose actor or recipient list holds ``?`` under the given field (indexed lookup).
_PARTICIPANT_SQL = "e.id IN (SELECT event_id FROM event_participants WHERE {field} = ?)"


@dataclass
class Page:
    """One page of a longer result: ``items`` from ``offset``, out of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "items": self.items}


@dataclass
class EventFilter:
    """Filters of :func:`events`; ``None`` means "any". Dates compare as ISO strings."""

    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None  # actor id, as actor or as recipient
    country: str | None = None  # ISO-3 (or IGO code) of an actor or recipient
    event_type: str | None = None
    status: str | None = None
    article_ids: list[str] | None = None  # e.g. the articles of one story
    min_confidence: float | None = None  # events at or above this confidence only


    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, op, value in (("e.date", ">=", self.date_from), ("e.date", "<=", self.date_to),
                                  ("e.event_type", "=", _upper(self.event_type)),
                                  ("e.status", "=", _lower(self.status))):
            if value:
                clauses.append(f"{column} {op} ?")
                params.append(value)
        for field_name, value in (("actor_id", self.actor), ("country", _upper(self.country))):
            if value:
                clauses.append(_PARTICIPANT_SQL.format(field=field_name))
                params.append(value)
        if self.min_confidence:
            clauses.append("e.confidence >= ?")
            params.append(self.min_confidence)
        if self.article_ids is not None:
            clauses.append(f"e.article_id IN ({', '.join('?' * len(self.article_ids))})")
            params.extend(self.article_ids)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _lower(value: str | None) -> str | None:
    return value.lower() if value else None


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))


# -- PLOVER quad classes ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def _event_types() -> dict[str, Any]:
    # The events lexicon is the single source of each type's quad class and score.
    from heron.nlp.events.lexicon import load_lexicon

    return load_lexicon().types


def quad_class(event_type: str | None) -> str | None:
    """``verbal cooperation`` … ``material conflict`` for a PLOVER event type (None if unknown)."""
    known = _event_types().get((event_type or "").upper())
    return known.quad if known else None


def stance(event_type: str | None) -> str | None:
    """``cooperation`` or ``conflict`` (the two halves of the quad classes)."""
    quad = quad_class(event_type)
    return quad.split()[1] if quad else None


# -- events ----------------------------------------------------------------------------------
def events(store: SQLiteStore, where: EventFilter, limit: int = 50, offset: int = 0) -> Page:
    """Event mentions in PLOVER layout (see :func:`heron.export.tables.plover_event`)."""
    limit, offset = clamp(limit, offset)
    clause, params = where.where()
    total = store.query(f"SELECT count(*) FROM events e{clause}", params)[0][0]
    rows = store.query(f"SELECT e.data FROM events e{clause} ORDER BY e.date, e.rowid "
                       f"LIMIT ? OFFSET ?", [*params, limit, offset])
    return Page(total, limit, offset, [event_row(json.loads(r[0])) for r in rows])


def event_row(record: dict[str, Any]) -> dict[str, Any]:
    return {**plover_event(record), "quad_class": quad_class(record["event_type"])}


# -- stories --------------------------------------------------------------------------------
def find_stories(h: Heron, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Stories whose label matches ``query`` or that hold an article matching it (full text),
    label matches first, then by the rank of their best-matching article."""
    found = {s["id"]: s for s in h.stories(limit=limit, query=query)}
    for hit in h.search(query, limit=MAX_LIMIT):
        story_id = h.store.story_of(hit["id"])
        if story_id and story_id not in found and len(found) < limit:
            story = h.story(story_id)
            if story:
                found[story_id] = {k: v for k, v in story.items() if k not in ("articles", "actors")}
    return list(found.values())


# -- articles --------------------------------------------------------------------------------
ARTICLE_LIST_COLUMNS = "id, title, outlet, published, url, duplicate_of, duplicate_kind, analysed"


def articles(store: SQLiteStore, limit: int = 50, offset: int = 0) -> Page:
    """Article metadata (no texts), newest first."""
    limit, offset = clamp(limit, offset)
    total = store.query("SELECT count(*) FROM articles")[0][0]
    rows = store.query(f"SELECT {ARTICLE_LIST_COLUMNS} FROM articles "
                       f"ORDER BY published DESC, rowid LIMIT ? OFFSET ?", (limit, offset))
    return Page(total, limit, offset, [dict(r) for r in rows])


# -- quotes ----------------------------------------------------------------------------------
SPEAKER_MARGIN = 5  # name-match points within which several actors answer to one name


def quotes(store: SQLiteStore, speaker: str | list[str] | None = None,
           article_ids: list[str] | None = None, limit: int = 50, offset: int = 0,
           min_confidence: float = 0.0) -> Page:
    """Quotes, optionally of some speakers (actor ids) or from some articles, in article order;
    only statements at or above ``min_confidence`` (quotes stored before it existed count as 1)
    and negated ones (the threshold is tuned on statements; what was not said is news too)."""
    limit, offset = clamp(limit, offset)
    clauses, params = [], []
    if min_confidence > 0:
        clauses.append("(coalesce(confidence, 1.0) >= ? OR negated)")
        params.append(min_confidence)
    if speaker:
        speakers = [speaker] if isinstance(speaker, str) else speaker
        clauses.append(f"speaker_id IN ({', '.join('?' * len(speakers))})")
        params.extend(speakers)
    if article_ids is not None:
        clauses.append(f"article_id IN ({', '.join('?' * len(article_ids))})")
        params.extend(article_ids)
    clause = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = store.query(f"SELECT count(*) FROM quotes{clause}", params)[0][0]
    rows = store.query(f"SELECT data FROM quotes{clause} ORDER BY rowid LIMIT ? OFFSET ?",
                       [*params, limit, offset])
    return Page(total, limit, offset, [json.loads(r[0]) for r in rows])


def quotes_by_speaker(store: SQLiteStore, article_ids: list[str],
                      limit: int = MAX_LIMIT) -> list[dict[str, Any]]:
    """Quotes of some articles grouped by speaker, the most quoted speaker first."""
    groups: dict[str, dict[str, Any]] = {}
    for quote in quotes(store, article_ids=article_ids, limit=limit).items:
        speaker = quote.get("speaker") or {}
        key = speaker.get("actor_id") or speaker.get("name") or ""
        group = groups.setdefault(key, {"actor_id": speaker.get("actor_id"),
                                        "name": speaker.get("name") or "unattributed",
                                        "quotes": []})
        group["quotes"].append(quote)
    return sorted(groups.values(), key=lambda g: -len(g["quotes"]))


def speaker_ids(store: SQLiteStore, name: str) -> list[str]:
    """The actor ids a speaker argument stands for: itself when it is a stored actor id, else
    the actors whose name or a surface form matches it best ("Putin", "Zelensky", "Lavrov")."""
    from heron.nlp.actors.lookup import matching_actors

    if store.query("SELECT 1 FROM actors WHERE id = ?", [name]):
        return [name]
    matches = matching_actors(name, actor_forms(store))
    return [actor_id for actor_id, score in matches if score >= matches[0][1] - SPEAKER_MARGIN]


def actor_forms(store: SQLiteStore) -> list[tuple[str, str]]:
    """(actor id, canonical name or surface form) for every stored actor."""
    return [(r[0], r[1]) for r in store.query(
        "SELECT id, name FROM actors UNION SELECT actor_id, text FROM mentions "
        "WHERE actor_id IS NOT NULL", ())]


# -- actors ----------------------------------------------------------------------------------
def actors(store: SQLiteStore, query: str | None = None, country: str | None = None,
           limit: int = 50, offset: int = 0) -> Page:
    """Canonical actors with their mention counts, the most mentioned first."""
    limit, offset = clamp(limit, offset)
    clauses, params = [], []
    if query:
        clauses.append("a.name LIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(query)}%")
    if country:
        clauses.append("a.country = ?")
        params.append(country.upper())
    clause = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = store.query(f"SELECT count(*) FROM actors a{clause}", params)[0][0]
    rows = store.query(
        f"SELECT a.id, a.name, a.country, a.sector, a.kind, a.kb_id, "
        f"(SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions "
        f"FROM actors a{clause} ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?",
        [*params, limit, offset])
    return Page(total, limit, offset, [dict(r) for r in rows])


def actor(store: SQLiteStore, actor_id: str, limit: int = 50,
          offset: int = 0) -> dict[str, Any] | None:
    """Everything about one actor: surface forms, one page (``limit``/``offset``) of its events
    in each role with their totals, quotes, co-actors and the trend. Co-actors and the trend
    cover every event, counted by the database over indexed columns: a page of an actor with
    50,000 events reads 50 of them."""
    rows = store.query("SELECT id, name, country, sector, kind, kb_id FROM actors WHERE id = ?",
                       (actor_id,))
    if not rows:
        return None
    limit, offset = clamp(limit, offset)
    as_actor, as_recipient = (_events_in_role(store, actor_id, role, limit, offset)
                              for role in ("actors", "recipients"))
    return {
        **dict(rows[0]),
        "surface_forms": surface_forms(store, actor_id),
        "events_as_actor": as_actor.items,
        "events_as_recipient": as_recipient.items,
        "n_events_as_actor": as_actor.total,
        "n_events_as_recipient": as_recipient.total,
        "limit": limit,
        "offset": offset,
        "quotes": quotes(store, speaker=actor_id, limit=MAX_LIMIT).items,
        "co_actors": co_actors(store, actor_id),
        "trend": actor_trend(store, actor_id),
    }


def surface_forms(store: SQLiteStore, actor_id: str) -> list[dict[str, Any]]:
    """Each text the actor was named by, how often, and how often the link was not confident."""
    rows = store.query(
        "SELECT text, kind, count(*) AS n, sum(CASE WHEN confident THEN 0 ELSE 1 END) AS unsure "
        "FROM mentions WHERE actor_id = ? GROUP BY text, kind ORDER BY n DESC, text, kind", (actor_id,))
    return [dict(r) for r in rows]


# The events an actor takes part in (any role), through the participants index.
_ACTOR_EVENTS = "SELECT event_id FROM event_participants WHERE actor_id = ?"


def _events_in_role(store: SQLiteStore, actor_id: str, role: str, limit: int,
                    offset: int) -> Page:
    where = "e.id IN (SELECT event_id FROM event_participants WHERE actor_id = ? AND role = ?)"
    total = store.query(f"SELECT count(*) FROM events e WHERE {where}", (actor_id, role))[0][0]
    rows = store.query(f"SELECT e.data FROM events e WHERE {where} ORDER BY e.date, e.rowid "
                       f"LIMIT ? OFFSET ?", (actor_id, role, limit, offset))
    return Page(total, limit, offset, [event_row(json.loads(r[0])) for r in rows])


def co_actors(store: SQLiteStore, actor_id: str, top: int = 10) -> list[dict[str, Any]]:
    """The other actors of the actor's events, in the most events first."""
    rows = store.query(
        "SELECT p.actor_id, a.name, a.country, a.sector, count(DISTINCT p.event_id) AS events "
        f"FROM event_participants p LEFT JOIN actors a ON a.id = p.actor_id "
        f"WHERE p.event_id IN ({_ACTOR_EVENTS}) AND p.actor_id IS NOT NULL AND p.actor_id <> ? "
        "GROUP BY p.actor_id, a.name, a.country, a.sector ORDER BY events DESC, p.actor_id "
        "LIMIT ?", (actor_id, actor_id, top))
    return [dict(r) for r in rows]


def stance_per_day(event_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per day-precise date: how many events were cooperation and how many conflict.

    Only what sources say happened counts: negated, hypothetical and future events do not.
    """
    return _per_day(((e.get("date") or "")[:10], e["event_type"], 1) for e in event_rows
                    if e.get("status") not in NOT_HAPPENED)


def actor_trend(store: SQLiteStore, actor_id: str) -> list[dict[str, Any]]:
    """:func:`stance_per_day` of every event of the actor, counted by the database."""
    rows = store.query(
        "SELECT substr(e.date, 1, 10) AS day, e.event_type, count(*) AS n FROM events e "
        f"WHERE e.id IN ({_ACTOR_EVENTS}) "
        f"AND (e.status IS NULL OR e.status NOT IN ({', '.join('?' * len(NOT_HAPPENED))})) "
        "GROUP BY substr(e.date, 1, 10), e.event_type", (actor_id, *NOT_HAPPENED))
    return _per_day((r["day"] or "", r["event_type"], r["n"]) for r in rows)


def _per_day(counts: Iterable[tuple[str, str | None, int]]) -> list[dict[str, Any]]:
    days: dict[str, Counter[str]] = defaultdict(Counter)
    for day, event_type, n in counts:
        if len(day) == 10 and (side := stance(event_type)):
            days[day][side] += n
    return [{"date": day, "cooperation": c["cooperation"], "conflict": c["conflict"]}
            for day, c in sorted(days.items())]
