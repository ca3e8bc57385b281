"""The read side's SQL: filtered, paginated lookups behind :mod:`heron.read`.

A mixin of :class:`~heron.store.sqlite.SQLiteStore` (and so of the PostgreSQL store, which
runs the same SQL through its dialect adapter). Every filter is an indexed column (events:
date, type, status, confidence; ``event_participants``: actor, role and country), never a scan
of JSON records. Methods return JSON records or plain dicts; shaping them for readers is
:mod:`heron.read`'s job.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from heron.model import LOCAL_ACTOR_KIND
from heron.records import (
    ActorRow,
    ActorSummary,
    ArticleSummary,
    CoActor,
    QuoteRecord,
    SurfaceForm,
)
from heron.store.base import ActorFilter, EventFilter, QuoteFilter

# An event whose actor or recipient list holds ``?`` under the given field (indexed lookup).
_PARTICIPANT_SQL = "e.id IN (SELECT event_id FROM event_participants WHERE {condition})"
# One page of the events of one actor in one role, in the event order (date, then insertion
# order), found from the participant rows alone: one range of event_participants_actor
# (migration 7). An event naming the actor twice in the role has two rows, adjacent in that
# order.
# event_rowid only orders the page (the same tie order on both backends); the join goes by
# the event's id, because a rowid can be renumbered (SQLite's VACUUM, a PostgreSQL rebuild).
_ROLE_PAGE = ("SELECT e.data FROM (SELECT DISTINCT date, event_rowid, event_id "
              "FROM event_participants WHERE actor_id = ? AND role = ? "
              "ORDER BY date NULLS FIRST, event_rowid LIMIT ? OFFSET ?) p "
              "JOIN events e ON e.id = p.event_id ORDER BY p.date NULLS FIRST, p.event_rowid")
Row = TypeVar("Row")


class _Conditions:
    """A ``WHERE`` clause built one condition at a time, each with its parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def any_of(self, column: str, values: Sequence[Any]) -> None:
        self.add(f"{column} IN ({_marks(values)})", *values)

    def sql(self) -> tuple[str, list[Any]]:
        return _joined(self.clauses), self.params


def event_where(where: EventFilter) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (over ``events e``) and its parameters for ``where``."""
    found = _Conditions()
    for column, op, value in (("e.date", ">=", where.date_from), ("e.date", "<=", where.date_to),
                              ("e.event_type", "=", _upper(where.event_type)),
                              ("e.status", "=", _lower(where.status))):
        if value:
            found.add(f"{column} {op} ?", value)
    if where.actor and where.role:
        found.add(_PARTICIPANT_SQL.format(condition="actor_id = ? AND role = ?"),
                  where.actor, where.role)
    elif where.actor:
        found.add(_PARTICIPANT_SQL.format(condition="actor_id = ?"), where.actor)
    if where.country:
        found.add(_PARTICIPANT_SQL.format(condition="country = ?"), where.country.upper())
    if where.min_confidence:
        found.add("e.confidence >= ?", where.min_confidence)
    if where.article_ids is not None:
        found.any_of("e.article_id", where.article_ids)
    return found.sql()


def _quote_where(where: QuoteFilter) -> tuple[str, list[Any]]:
    found = _Conditions()
    if where.min_confidence > 0:
        # quotes stored before confidences existed count as 1; negated ones are always kept
        found.add("(coalesce(confidence, 1.0) >= ? OR negated)", where.min_confidence)
    if where.speakers:  # an empty list filters nothing, like None
        found.any_of("speaker_id", where.speakers)
    if where.article_ids is not None:
        found.any_of("article_id", where.article_ids)
    return found.sql()


def _actor_where(where: ActorFilter) -> tuple[str, list[Any]]:
    found = _Conditions()
    # Actor lists hold real-world actors: a document-local one (an unnamed role of one
    # article, kind "role") is reached from its article's mentions and quotes only.
    found.add("a.kind <> ?", LOCAL_ACTOR_KIND)
    if where.name:
        found.add("a.name LIKE ? ESCAPE '\\'", f"%{like_escape(where.name)}%")
    if where.country:
        found.add("a.country = ?", where.country.upper())
    return found.sql()


class ReadSQL:
    """Read queries of the web pages, the API and exports (see module docstring)."""

    # sqlite3's, or the PostgreSQL store's adapter speaking the same dialect
    conn: sqlite3.Connection

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.conn.execute(sql, params).fetchall())

    def _count(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self.conn.execute(sql, params).fetchone()[0])

    # -- events ----------------------------------------------------------------------------
    def count_events(self, where: EventFilter) -> int:
        if _one_role_of_one_actor(where):  # counted at store time (migration 7)
            return self._count("SELECT coalesce(sum(events), 0) FROM actor_roles "
                               "WHERE actor_id = ? AND role = ?", (where.actor, where.role))
        clause, params = event_where(where)
        return self._count(f"SELECT count(*) FROM events e{clause}", params)

    def event_records(self, where: EventFilter, limit: int, offset: int) -> list[dict[str, Any]]:
        """Stored event records matching ``where``, by date then insertion order."""
        if _one_role_of_one_actor(where):
            rows = self._all(_ROLE_PAGE, (where.actor, where.role, limit, offset))
            return [json.loads(r[0]) for r in rows]
        clause, params = event_where(where)
        rows = self._all(f"SELECT e.data FROM events e{clause} ORDER BY e.date NULLS FIRST, e.rowid "
                         f"LIMIT ? OFFSET ?", [*params, limit, offset])
        return [json.loads(r[0]) for r in rows]

    def actor_day_counts(self, actor_id: str,
                         skip_statuses: Sequence[str]) -> list[tuple[str, str | None, int]]:
        """(day, event type, events) of every event the actor takes part in, except those whose
        status is one of ``skip_statuses``."""
        # counted at store time (actor_days, migration 7; '' stands for a missing value)
        rows = self._all(
            "SELECT day, event_type, sum(events) AS n FROM actor_days WHERE actor_id = ? "
            f"AND status NOT IN ({_marks(skip_statuses)}) GROUP BY day, event_type",
            (actor_id, *skip_statuses))
        return [(r["day"], r["event_type"] or None, int(r["n"])) for r in rows]

    # -- articles --------------------------------------------------------------------------
    def count_articles(self) -> int:
        return self._count("SELECT count(*) FROM articles")

    def article_summaries(self, limit: int, offset: int) -> list[ArticleSummary]:
        """Article metadata (no texts), newest first."""
        rows = self._all("SELECT id, title, outlet, published, url, duplicate_of, duplicate_kind, "
                         "analysed FROM articles ORDER BY published DESC NULLS LAST, rowid "
                         "LIMIT ? OFFSET ?", (limit, offset))
        return _records(ArticleSummary, rows)

    # -- quotes ----------------------------------------------------------------------------
    def count_quotes(self, where: QuoteFilter) -> int:
        clause, params = _quote_where(where)
        return self._count(f"SELECT count(*) FROM quotes{clause}", params)

    def quote_records(self, where: QuoteFilter, limit: int, offset: int) -> list[QuoteRecord]:
        """Stored quote records matching ``where``, in insertion (article) order."""
        clause, params = _quote_where(where)
        rows = self._all(f"SELECT data FROM quotes{clause} ORDER BY rowid LIMIT ? OFFSET ?",
                         [*params, limit, offset])
        return [json.loads(r[0]) for r in rows]

    # -- actors ----------------------------------------------------------------------------
    def has_actor(self, actor_id: str) -> bool:
        return bool(self._all("SELECT 1 FROM actors WHERE id = ?", [actor_id]))

    def actor_forms(self) -> list[tuple[str, str]]:
        """(actor id, canonical name or surface form) for every stored actor."""
        return [(r[0], r[1]) for r in self._all(
            "SELECT id, name FROM actors WHERE kind <> ? UNION SELECT m.actor_id, m.text "
            "FROM mentions m JOIN actors a ON a.id = m.actor_id WHERE a.kind <> ?",
            [LOCAL_ACTOR_KIND, LOCAL_ACTOR_KIND])]

    def count_actors(self, where: ActorFilter) -> int:
        clause, params = _actor_where(where)
        return self._count(f"SELECT count(*) FROM actors a{clause}", params)

    def actor_summaries(self, where: ActorFilter, limit: int,
                        offset: int) -> list[ActorSummary]:
        """Canonical actors with their mention counts, the most mentioned first."""
        clause, params = _actor_where(where)
        rows = self._all(
            f"SELECT a.id, a.name, a.country, a.sector, a.kind, a.kb_id, "
            f"(SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions "
            f"FROM actors a{clause} ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return _records(ActorSummary, rows)

    def actor_row(self, actor_id: str) -> ActorRow | None:
        rows = self._all("SELECT id, name, country, sector, kind, kb_id FROM actors WHERE id = ?",
                         (actor_id,))
        return _records(ActorRow, rows)[0] if rows else None

    def surface_forms(self, actor_id: str) -> list[SurfaceForm]:
        """Each text the actor was named by (with the mention kind), how often, and how often
        the link was not confident."""
        # counted at store time (actor_forms, migration 7; kind '' stands for none)
        rows = self._all(
            "SELECT text, kind, sum(mentions) AS n, "
            "sum(CASE WHEN confident = 1 THEN 0 ELSE mentions END) AS unsure FROM actor_forms "
            "WHERE actor_id = ? GROUP BY text, kind ORDER BY n DESC, text, kind", (actor_id,))
        return [cast(SurfaceForm, {**r, "kind": r["kind"] or None, "n": int(r["n"]),
                                   "unsure": int(r["unsure"])}) for r in map(dict, rows)]

    def mention_counts(self) -> list[tuple[str, str, int]]:
        """(actor id, surface form, mentions) of every resolved mention text."""
        rows = self._all("SELECT actor_id, text, count(*) AS n FROM mentions "
                         "WHERE actor_id IS NOT NULL GROUP BY actor_id, text")
        return [(r["actor_id"], r["text"], r["n"]) for r in rows]

    def co_actors(self, actor_id: str, top: int) -> list[CoActor]:
        """The other actors of the actor's events, in the most events first."""
        # counted at store time (actor_pairs, migration 7), not per request
        rows = self._all(
            "SELECT c.other_id AS actor_id, a.name, a.country, a.sector, c.events "
            "FROM actor_pairs c LEFT JOIN actors a ON a.id = c.other_id "
            "WHERE c.actor_id = ? ORDER BY c.events DESC, c.other_id LIMIT ?", (actor_id, top))
        return _records(CoActor, rows)


def _one_role_of_one_actor(where: EventFilter) -> bool:
    """True when ``where`` asks for the events of one actor in one role and nothing else (an
    actor's page), which the participant rows alone answer."""
    return bool(where.actor and where.role) and where == EventFilter(actor=where.actor,
                                                                      role=where.role)


def _records(kind: type[Row], rows: list[Any]) -> list[Row]:
    """Result rows as ``kind`` records (the SQL above names each of their columns; ``kind``
    only tells the type checker which record that is)."""
    return [cast(Row, dict(r)) for r in rows]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _joined(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _lower(value: str | None) -> str | None:
    return value.lower() if value else None


def like_escape(text: str) -> str:
    """``text`` matched literally by LIKE ... ESCAPE '\\' ("%" and "_" are no wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
