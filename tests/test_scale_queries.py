"""Queries that scale: what pages and the API filter on is an indexed column (query plans use
the indexes, no scan of event JSON), and migration 3 back-fills those columns on old files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from heron.api import Heron
from heron.read.events import stance_per_day
from heron.read.paging import MAX_LIMIT
from heron.store.base import EventFilter
from heron.store.migrations import MIGRATIONS
from heron.store.read_sql import event_where


def participants_from_json(conn: sqlite3.Connection) -> list[tuple]:
    rows = []
    for event_id, article_id, data, rowid in conn.execute(
            "SELECT id, article_id, data, rowid FROM events"):
        record = json.loads(data)
        rows += [(event_id, article_id, role, ref["actor_id"], ref["country"], record["date"],
                  record["event_type"], record["status"], rowid)
                 for role in ("actors", "recipients") for ref in record[role]]
    return sorted(rows, key=repr)


def test_participants_index_matches_event_records(seeded: Path) -> None:
    with sqlite3.connect(seeded) as conn:
        stored = sorted(conn.execute("SELECT * FROM event_participants").fetchall(), key=repr)
        assert stored and stored == participants_from_json(conn)
        assert conn.execute("SELECT count(*) FROM events WHERE confidence IS NULL").fetchone()[0] == 0


def test_filters_use_indexes_not_json_scans(seeded: Path) -> None:
    with Heron(seeded, readonly=True) as h:
        clause, params = event_where(EventFilter(actor="volodymyr-zelenskyy", country="UKR",
                                                 event_type="CONSULT"))
        plan = " ".join(str(tuple(r)) for r in h.store.query(
            f"EXPLAIN QUERY PLAN SELECT e.data FROM events e{clause}", params))
        # an actor is looked up by either index that starts with actor_id
        assert "SEARCH event_participants USING COVERING INDEX event_participants_" in plan
        assert "event_participants_country" in plan
        assert "json_each" not in plan
        page = h.events(EventFilter(actor="volodymyr-zelenskyy"), limit=5)
        assert page.total > 0 and all(
            "volodymyr-zelenskyy" in {p["actor_id"] for p in (*e["actor"], *e["recipient"])}
            for e in page.items)
        # the export threshold applies unless the filter sets its own
        every = h.events(EventFilter(actor="volodymyr-zelenskyy", min_confidence=0.0), limit=500)
        shown = h.events(EventFilter(actor="volodymyr-zelenskyy"), limit=500)
        assert all(e["confidence"] >= h.settings.min_confidence for e in shown.items)
        assert shown.total == sum(e["confidence"] >= h.settings.min_confidence
                                  for e in every.items) < every.total


def test_migration_backfills_an_old_database(seeded: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(seeded) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
    with sqlite3.connect(old) as conn:
        expected = sorted(conn.execute("SELECT * FROM event_participants").fetchall(), key=repr)
        quotes = conn.execute("SELECT confidence, negated FROM quotes ORDER BY rowid").fetchall()
        conn.executescript("DROP TABLE actor_roles; DROP TABLE actor_pairs; DROP TABLE actor_days; "
                           "DROP TABLE actor_forms; "
                           "DROP INDEX quotes_speaker_confidence; "
                           "DROP TABLE event_participants; DROP INDEX events_date; "
                           "DROP INDEX events_status; DROP INDEX actors_country; "
                           "DROP INDEX actors_name; ALTER TABLE events DROP COLUMN confidence; "
                           "ALTER TABLE quotes DROP COLUMN confidence; "
                           "ALTER TABLE quotes DROP COLUMN negated; PRAGMA user_version = 3;")
    with Heron(old) as h:
        assert h.store.schema_version == len(MIGRATIONS)
    with sqlite3.connect(old) as conn:
        assert sorted(conn.execute("SELECT * FROM event_participants").fetchall(),
                      key=repr) == expected
        assert conn.execute("SELECT confidence, negated FROM quotes ORDER BY rowid").fetchall() \
            == quotes and any(q[0] is not None and q[0] < 1 for q in quotes)


def test_actor_pages_are_paginated_and_aggregates_cover_every_event(seeded: Path) -> None:
    actor_id = "volodymyr-zelenskyy"
    with Heron(seeded, readonly=True) as h:
        whole = h.actor(actor_id, limit=MAX_LIMIT)
        page = h.actor(actor_id, limit=1, offset=1)
    assert whole["n_events_as_actor"] == len(whole["events_as_actor"]) >= 2
    assert page["n_events_as_actor"] == whole["n_events_as_actor"]
    assert page["events_as_actor"] == whole["events_as_actor"][1:2]
    # Trend and co-actors count every event, not only the page's, and agree with the same
    # computation over the full event rows (an event counts once even in both roles).
    every = {e["id"]: e for e in (*whole["events_as_actor"], *whole["events_as_recipient"])}
    assert page["trend"] == whole["trend"] == stance_per_day(list(every.values()))
    assert page["co_actors"] == whole["co_actors"] and whole["co_actors"]
    others = [{p["actor_id"] for p in (*e["actor"], *e["recipient"])} - {actor_id, None}
              for e in every.values()]
    assert [c["events"] for c in whole["co_actors"]] == \
        [sum(c["actor_id"] in o for o in others) for c in whole["co_actors"]]


def test_actor_page_reads_mentions_and_participants_from_covering_indexes(seeded: Path) -> None:
    """A big actor's page aggregates over all its mentions and events (surface forms, totals,
    co-actors, trend). At 50,000 articles reading the table row behind each index entry made
    it take seconds (bench/scale.py --latency-only); migration 5's indexes cover those reads,
    migration 7 reads a page from one index range and the aggregates from store-time counts."""
    statements: list[str] = []
    with Heron(seeded, readonly=True) as h:
        h.store.conn.set_trace_callback(statements.append)
        assert h.actor( "volodymyr-zelenskyy")["surface_forms"]
        h.store.conn.set_trace_callback(None)
        plans = [str(tuple(row)) for sql in statements if sql.lstrip().startswith("SELECT")
                 for row in h.store.query(f"EXPLAIN QUERY PLAN {sql}")]
    reads = [p for p in plans if "mentions" in p or "event_participants" in p
             or " p USING" in p]
    assert any("event_participants_actor" in p for p in reads)  # the event pages
    assert reads and all("COVERING INDEX" in p for p in reads), reads
    # totals, co-actors and the trend are counted at store time (migration 7)
    for table in ("actor_roles", "actor_pairs", "actor_days", "actor_forms"):  # primary keys
        assert any(f"USING INDEX sqlite_autoindex_{table}_1 (actor_id=?" in p for p in plans), \
            (table, plans)
