"""The embedded store: one SQLite file (WAL mode, FTS5 search), versioned by migrations.

Each article's analysis is written in one transaction, so a crash loses at most the article
in flight and a re-run analyses whatever is still marked pending.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from heron.ingest.dedup import bands, hamming
from heron.model import (
    LOCAL_ACTOR_KIND,
    LOCAL_ACTOR_PREFIX,
    Analysis,
    Article,
    Removal,
    is_local_actor,
)
from heron.records import (
    ActorCount,
    Claim,
    Contradiction,
    FusedEvent,
    SearchHit,
    Story,
    StoryRecord,
)
from heron.store.budget import Budget, check_query, limited
from heron.store.lock import PollingLock, WriterLock
from heron.store.migrations import MIGRATIONS
from heron.store.read_sql import ReadSQL, like_escape
from heron.store.records import (
    ACTOR_COUNTS,
    FORM_COLUMNS,
    actor_counts,
    analysis_from_rows,
    analysis_rows,
    participant_rows,
)
from heron.store.sqlite_errors import StoreError

__all__ = ["MAX_ATTEMPTS", "SQLiteStore", "StoreError"]

ARTICLE_COLUMNS = ("id", "title", "published", "published_source", "outlet", "url", "author",
                   "source", "text", "raw_text", "removed", "content_hash", "simhash",
                   "duplicate_of", "duplicate_kind")
# Failed tries of one stage (analysis or fusion) before a document is left marked as failed.
MAX_ATTEMPTS = 2
RUNNABLE = f"attempts < {MAX_ATTEMPTS}"
# Tables whose rows carry their full record as JSON in a ``data`` column.
RECORD_TABLES = ("mentions", "timexes", "places", "events", "quotes")
# A participant row takes its event's rowid (its place in the event order) from the event row
# saved just before it.
PARTICIPANT_COLUMNS = "event_id, article_id, role, actor_id, country, date, event_type, status"
INSERT_PARTICIPANT = (f"INSERT INTO event_participants ({PARTICIPANT_COLUMNS}, event_rowid) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT rowid FROM events WHERE id = ?))")


class SQLiteStore(ReadSQL):
    # What saving one document's records can raise that is that document's fault (it is marked
    # failed); FATAL_ERRORS (a locked, full or read-only database) stop the run instead.
    RECORD_ERRORS: tuple[type[Exception], ...] = (
        sqlite3.IntegrityError, sqlite3.InterfaceError, ValueError, TypeError)
    FATAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,)

    def __init__(self, path: str | Path, readonly: bool = False, lock_timeout: float = 3600.0,
                 on_wait: Callable[[str], None] | None = None):
        self.path = str(path)
        self.readonly = readonly
        try:
            self.conn = self._connect()
            # Held by whoever stores, analyses or fuses (heron.store.lock).
            self.writer_lock = self._writer_lock(lock_timeout, on_wait)
            if not readonly and self.schema_version != len(MIGRATIONS):
                # Only a database that needs migrating waits for other writers.
                with self.writer_lock:
                    self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use database {self.path}: {exc}") from exc

    def _writer_lock(self, timeout: float, on_wait: Callable[[str], None] | None) -> PollingLock:
        return WriterLock(self.path, timeout, on_wait)

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False)
        # Waiting comes first: switching to WAL needs a moment of exclusive access, which
        # another process creating or migrating the same new file may hold.
        conn.execute("PRAGMA busy_timeout=10000")
        if not self.readonly:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} has schema version {version}, newer than this Heron "
                             f"({len(MIGRATIONS)}); upgrade Heron")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.conn:
                self.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    # -- ingest ----------------------------------------------------------------------------
    def seen_source(self, content_hash: str, source: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM article_sources WHERE content_hash = ? AND source = ?",
            (content_hash, source)).fetchone()
        return row is not None

    def find_exact(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND duplicate_of IS NULL LIMIT 1",
            (content_hash,)).fetchone()
        return row["id"] if row else None

    def find_near(self, simhash: int, max_bits: int) -> str | None:
        """The closest original article within ``max_bits`` SimHash bits, found via band index."""
        pairs = list(enumerate(bands(simhash)))
        rows = self.conn.execute(
            "SELECT DISTINCT a.id, a.simhash FROM simhash_bands b JOIN articles a ON a.id = b.article_id "
            f"WHERE {' OR '.join(['(b.band = ? AND b.value = ?)'] * len(pairs))}",
            [x for pair in pairs for x in pair])
        best: tuple[int, str] | None = None
        for article_id, stored in rows:
            distance = hamming(simhash, stored)
            if distance <= max_bits and (best is None or distance < best[0]):
                best = (distance, article_id)
        return best[1] if best else None

    def unique_id(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def add_article(self, article: Article) -> None:
        record = article.to_dict()
        record["removed"] = json.dumps(record["removed"], ensure_ascii=False)
        values = [record[c] for c in ARTICLE_COLUMNS]
        # Duplicates are stored (linked) but never analysed.
        analysed = 1 if article.duplicate_of else 0
        with self.conn:
            self.conn.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, analysed, ingested_at) "
                f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))}, ?, ?)",
                [*values, analysed, datetime.now(UTC).isoformat(timespec="seconds")])
            self.conn.execute("INSERT OR IGNORE INTO article_sources VALUES (?, ?)",
                              (article.content_hash, article.source))
            if not article.duplicate_of:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO simhash_bands VALUES (?, ?, ?)",
                    [(i, v, article.id) for i, v in enumerate(bands(article.simhash))])

    # -- analysis --------------------------------------------------------------------------
    def pending(self, limit: int) -> list[Article]:
        rows = self.conn.execute(
            f"SELECT * FROM articles WHERE analysed = 0 AND {RUNNABLE} ORDER BY rowid LIMIT ?",
            (limit,))
        return [_article(r) for r in rows]

    def pending_ids(self) -> list[str]:
        """Ids of the articles still to analyse, in ingest order (a snapshot the analysis
        streams through, so workers never wait for the next page)."""
        rows = self.conn.execute(
            f"SELECT id FROM articles WHERE analysed = 0 AND {RUNNABLE} ORDER BY rowid")
        return [r[0] for r in rows]

    def pending_article(self, article_id: str) -> Article | None:
        """The article if it still awaits analysis (another ingester sharing the database may
        have analysed it since the snapshot of :meth:`pending_ids`)."""
        row = self.conn.execute(
            f"SELECT * FROM articles WHERE id = ? AND analysed = 0 AND {RUNNABLE}",
            (article_id,)).fetchone()
        return _article(row) if row else None

    def count_pending(self) -> int:
        return self.conn.execute(
            f"SELECT count(*) FROM articles WHERE analysed = 0 AND {RUNNABLE}").fetchone()[0]

    def record_failure(self, article_id: str, stage: str, reason: str) -> int:
        """Mark one failed try of ``stage`` on the article; returns its failed tries so far."""
        with self.conn:
            self.conn.execute("UPDATE articles SET attempts = attempts + 1, failed_stage = ?, "
                              "failure = ? WHERE id = ?", (stage, reason, article_id))
        row = self.conn.execute("SELECT attempts FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return row[0] if row else 0

    def failures(self) -> list[dict[str, Any]]:
        """Documents whose analysis or fusion failed: id, source, stage, reason, attempts and
        whether a later run will try again (``retry``)."""
        rows = self.conn.execute(
            "SELECT id, source, failed_stage AS stage, failure AS reason, attempts FROM articles "
            "WHERE failed_stage IS NOT NULL ORDER BY rowid")
        return [{**dict(r), "retry": r["attempts"] < MAX_ATTEMPTS} for r in rows]

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace the article's analysis and mark it analysed, all in one transaction."""
        aid = analysis.article_id
        participants = participant_rows(analysis)
        with self.conn:
            self._begin_write()
            old_mentions = self.conn.execute(f"SELECT {FORM_COLUMNS} FROM mentions "
                                             "WHERE article_id = ?", (aid,)).fetchall()
            replaced = actor_counts(
                self.conn.execute(f"SELECT {PARTICIPANT_COLUMNS} FROM event_participants "
                                  "WHERE article_id = ?", (aid,)).fetchall(), old_mentions)
            for table in (*RECORD_TABLES, "analyses", "event_participants"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
            # Document-local actors are numbered per analysis: a re-run renumbers them, so the
            # article's old ones go with its old rows (real-world actors are shared: kept).
            stale = sorted({row[0] for row in old_mentions if is_local_actor(row[0])})
            self.conn.executemany("DELETE FROM actors WHERE id = ?", [(i,) for i in stale])
            self.conn.execute("INSERT INTO analyses VALUES (?, ?)",
                              (aid, json.dumps([asdict(s) for s in analysis.sentences])))
            for table, columns, rows in analysis_rows(analysis):
                self.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})", rows)
            self.conn.executemany(INSERT_PARTICIPANT, [(*row, row[0]) for row in participants])
            mentions = [(m.actor_id, m.text, m.kind, m.confident) for m in analysis.mentions]
            self._update_actor_counts(actor_counts(participants, mentions), replaced)
            self.conn.executemany(
                "INSERT OR IGNORE INTO actors (id, name, country, sector, kind, kb_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(a.id, a.name, a.country, a.sector, a.kind, a.kb_id) for a in analysis.actors])
            self.conn.execute("UPDATE articles SET analysed = 1, attempts = 0, failed_stage = NULL, "
                              "failure = NULL WHERE id = ?", (aid,))

    def _begin_write(self) -> None:
        """Open the write transaction now: the counts save_analysis takes back must be those
        of the rows it deletes, so they are read inside it (a plain SELECT opens none)."""
        self.conn.execute("BEGIN IMMEDIATE")

    def _update_actor_counts(self, added: dict[str, Counter[tuple]],
                             removed: dict[str, Counter[tuple]]) -> None:
        """Keep the per-actor counts (records.ACTOR_COUNTS) in step with the participant and
        mention rows an analysis added and the ones it replaced; a key left at 0 is deleted."""
        for table, (keys, count) in ACTOR_COUNTS.items():
            change = Counter(added[table])
            change.subtract(removed[table])
            columns = ", ".join(keys)
            self.conn.executemany(
                f"INSERT INTO {table} ({columns}, {count}) VALUES ({', '.join('?' * len(keys))}, ?) "
                f"ON CONFLICT ({columns}) DO UPDATE SET {count} = {count} + excluded.{count}",
                [(*key, n) for key, n in sorted(change.items()) if n])
            self.conn.executemany(
                f"DELETE FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in keys)} "
                f"AND {count} <= 0", [key for key, n in sorted(change.items()) if n < 0])

    def analysis(self, article_id: str) -> Analysis | None:
        row = self.conn.execute("SELECT sentences FROM analyses WHERE article_id = ?",
                                (article_id,)).fetchone()
        if row is None:
            return None
        tables = {t: [json.loads(r[0]) for r in self.conn.execute(
            f"SELECT data FROM {t} WHERE article_id = ? ORDER BY rowid", (article_id,))]
            for t in RECORD_TABLES}
        return analysis_from_rows(article_id, json.loads(row[0]), tables)

    # -- reading ---------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self, limit: int = 100, offset: int = 0) -> list[Article]:
        rows = self.conn.execute("SELECT * FROM articles ORDER BY rowid LIMIT ? OFFSET ?",
                                 self._window(limit, offset))
        return [_article(r) for r in rows]

    def search(self, query: str, limit: int = 20,
               budget: Budget | None = None) -> list[SearchHit]:
        """Full-text search of titles and texts (FTS5 syntax; plain words are AND-ed), within
        bounds (:func:`check_query`) and a time budget (the request's or a default one)."""
        check_query(query)
        sql = ("SELECT a.id, a.title, a.outlet, a.published, "
               "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(articles_fts) AS rank "
               "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
               "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
        with limited(self.conn, budget) as budget:
            try:
                rows = self.conn.execute(sql, (query, limit)).fetchall()
            except sqlite3.OperationalError:  # FTS syntax error: search the words as phrases
                if budget.exceeded():
                    raise
                rows = self.conn.execute(sql, (_quote_terms(query), limit)).fetchall()
        return [cast(SearchHit, dict(r)) for r in rows]

    def rows(self, table: str, where: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Rows of any table as dicts; record tables return their full JSON records."""
        clause, params = _where(where)
        if table in RECORD_TABLES:
            for row in self.conn.execute(f"SELECT data FROM {table}{clause} ORDER BY rowid", params):
                yield json.loads(row[0])
            return
        for row in self.conn.execute(f"SELECT * FROM {table}{clause} ORDER BY rowid", params):
            yield dict(row)

    def query(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        """Read-only SQL for the API layers (fusion, web)."""
        return self.conn.execute(sql, params).fetchall()

    def stats(self) -> dict[str, int]:
        def count(sql: str) -> int:
            return self.conn.execute(sql).fetchone()[0]

        out = {
            "articles": count("SELECT count(*) FROM articles"),
            "analysed": count("SELECT count(*) FROM articles WHERE analysed = 1 "
                              "AND duplicate_of IS NULL"),
            "duplicates": count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "pending": count(f"SELECT count(*) FROM articles WHERE analysed = 0 AND {RUNNABLE}"),
            "failed": count(f"SELECT count(*) FROM articles WHERE failed_stage IS NOT NULL "
                            f"AND NOT {RUNNABLE}"),
            "actors": count(f"SELECT count(*) FROM actors WHERE kind <> '{LOCAL_ACTOR_KIND}'"),
        }
        for table in RECORD_TABLES:
            out[table] = count(f"SELECT count(*) FROM {table}")
        return out

    # -- fusion ----------------------------------------------------------------------------
    # Records of the fusion tables keep their full JSON in ``data``; the other columns are the
    # indexed fields heron.fuse blocks on. Callers group one article's writes in fusion_batch().
    def fusion_batch(self) -> sqlite3.Connection:
        """Context manager committing one article's fusion writes atomically."""
        return self.conn

    def unfused(self, limit: int) -> list[Article]:
        rows = self.conn.execute(f"SELECT * FROM articles WHERE fused = 0 AND analysed = 1 "
                                 f"AND {RUNNABLE} ORDER BY rowid LIMIT ?", (limit,))
        return [_article(r) for r in rows]

    def count_unfused(self) -> int:
        return self.conn.execute(f"SELECT count(*) FROM articles WHERE fused = 0 AND analysed = 1 "
                                 f"AND {RUNNABLE}").fetchone()[0]

    def mark_fused(self, article_id: str) -> None:
        self.conn.execute("UPDATE articles SET fused = 1, attempts = 0, failed_stage = NULL, "
                          "failure = NULL WHERE id = ?", (article_id,))

    def key_df(self, keys: list[str]) -> dict[str, int]:
        """Document frequency of each key (0 when unseen); key '' holds the document count."""
        found: dict[str, int] = {}
        for chunk in _chunks(keys, 500):
            rows = self.conn.execute(f"SELECT key, df FROM fusion_df WHERE key IN "
                                     f"({', '.join('?' * len(chunk))})", chunk)
            found.update((r[0], r[1]) for r in rows)
        return {k: found.get(k, 0) for k in keys}

    def add_key_df(self, keys: list[str]) -> None:
        self.conn.executemany("INSERT INTO fusion_df VALUES (?, 1) "
                              "ON CONFLICT(key) DO UPDATE SET df = df + 1", [(k,) for k in keys])

    def story_candidates(self, keys: list[str], date_from: str | None, date_to: str | None,
                         per_key: int) -> set[str]:
        """Stories indexed under any of ``keys``, limited per key to the ``per_key`` latest
        (within the date window when one is given)."""
        window, dates = ("AND date BETWEEN ? AND ? ", [date_from, date_to]) if date_from and \
            date_to else ("", [])
        one_key = (f"SELECT story_id FROM (SELECT story_id FROM story_keys WHERE key = ? {window}"
                   "ORDER BY date DESC NULLS LAST LIMIT ?) k")
        found: set[str] = set()
        # every key in one statement (a round trip each on a server database), in chunks
        # below SQLite's limit of 500 terms in a compound SELECT
        for chunk in _chunks(keys, 100):
            rows = self.conn.execute(" UNION ALL ".join([one_key] * len(chunk)),
                                     [p for key in chunk for p in (key, *dates, per_key)])
            found.update(r[0] for r in rows)
        return found

    def set_story_keys(self, story_id: str, keys: list[str], date: str | None) -> None:
        self.conn.execute("DELETE FROM story_keys WHERE story_id = ?", (story_id,))
        self.conn.executemany("INSERT INTO story_keys VALUES (?, ?, ?)",
                              [(k, story_id, date) for k in keys])

    def save_story(self, story: StoryRecord) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (story["id"], story["label"], story["first_date"], story["last_date"],
             story["n_articles"], story["n_events"], story["n_contradictions"],
             json.dumps(story["data"], ensure_ascii=False)))

    def add_story_article(self, story_id: str, article_id: str, date: str | None,
                          score: float, source: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?, ?, ?)",
                          (article_id, story_id, date, score, source))

    def merge_stories(self, keep_id: str, gone_id: str) -> None:
        """Move everything filed under story ``gone_id`` to ``keep_id`` and delete it (the
        caller saves the merged story record)."""
        for table in ("fused_events", "claims", "contradictions"):
            self.conn.execute(f"UPDATE {table} SET story_id = ?, data = json_set(data, "
                              "'$.story_id', ?) WHERE story_id = ?", (keep_id, keep_id, gone_id))
        self.conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?",
                          (keep_id, gone_id))
        self.conn.execute("DELETE FROM story_keys WHERE story_id = ?", (gone_id,))
        self.conn.execute("DELETE FROM stories WHERE id = ?", (gone_id,))

    def story_record(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return self._story(row) if row else None

    def story_data(self, story_id: str) -> StoryRecord | None:
        """A story without its outlet list (what clustering needs, cheaply)."""
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return cast(StoryRecord, {**dict(row), "data": json.loads(row["data"])}) if row else None

    def _story(self, row: sqlite3.Row) -> Story:
        """A story record with its sources (outlets) in order of first appearance."""
        story = cast(Story, {**dict(row), "data": json.loads(row["data"])})
        story["outlets"] = [r[0] for r in self.conn.execute(
            "SELECT source FROM story_articles WHERE story_id = ? GROUP BY source "
            "ORDER BY min(rowid)", (story["id"],))]
        return story

    def story_records(self, limit: int = 50, offset: int = 0,
                      query: str | None = None) -> list[Story]:
        """Stories, largest first; ``query`` filters labels (case-insensitive substring)."""
        sql, params = "SELECT * FROM stories", []
        if query:
            sql, params = sql + " WHERE label LIKE ? ESCAPE '\\'", [f"%{like_escape(query)}%"]
        sql += " ORDER BY n_articles DESC, n_events DESC, id LIMIT ? OFFSET ?"
        return [self._story(r) for r in self.conn.execute(
            sql, [*params, *self._window(limit, offset)])]

    @staticmethod
    def _window(limit: int, offset: int) -> tuple[int | None, int]:
        """LIMIT and OFFSET values to bind (see :func:`_bounded`)."""
        return _bounded(limit), _bounded(offset)

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                                (article_id,)).fetchone()
        return row[0] if row else None

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self.conn.execute("SELECT article_id FROM story_articles WHERE story_id = ? "
                                 "ORDER BY date NULLS FIRST, rowid", (story_id,))
        return [r[0] for r in rows]

    def fused_candidates(self, story_id: str, family: str, date_from: str,
                         date_to: str) -> list[FusedEvent]:
        rows = self.conn.execute(
            "SELECT data FROM fused_events WHERE story_id = ? AND family = ? "
            "AND (date BETWEEN ? AND ? OR date IS NULL)", (story_id, family, date_from, date_to))
        return [json.loads(r[0]) for r in rows]

    def save_fused_event(self, fused: FusedEvent) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO fused_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (fused["id"], fused["story_id"], fused["family"], fused["event_type"], fused["date"],
             int(fused["planned"]), fused["n_outlets"], fused["n_sources"],
             fused["first_reported"], json.dumps(fused, ensure_ascii=False)))
        self.conn.executemany(
            "INSERT OR REPLACE INTO fused_event_sources VALUES (?, ?, ?, ?)",
            [(s["event_id"], fused["id"], s["article_id"], s["outlet"]) for s in fused["sources"]])

    def delete_fused_event(self, fused_id: str) -> None:
        """Remove a fused event merged into another (its sources were re-saved there)."""
        self.conn.execute("DELETE FROM contradictions WHERE fused_event_id = ?", (fused_id,))
        self.conn.execute("DELETE FROM fused_event_sources WHERE fused_id = ?", (fused_id,))
        self.conn.execute("DELETE FROM fused_events WHERE id = ?", (fused_id,))

    def fused_event_record(self, fused_id: str) -> FusedEvent | None:
        row = self.conn.execute("SELECT data FROM fused_events WHERE id = ?",
                                (fused_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def fused_event_records(self, story_id: str | None = None) -> list[FusedEvent]:
        clause, params = _where({"story_id": story_id} if story_id else None)
        rows = self.conn.execute(f"SELECT data FROM fused_events{clause} ORDER BY date NULLS FIRST, rowid",
                                 params)
        return [json.loads(r[0]) for r in rows]

    def planned_fused_events(self, story_id: str, date_from: str,
                             date_to: str) -> list[FusedEvent]:
        rows = self.conn.execute(
            "SELECT data FROM fused_events WHERE story_id = ? AND planned = 1 "
            "AND (date BETWEEN ? AND ? OR date IS NULL)", (story_id, date_from, date_to))
        return [json.loads(r[0]) for r in rows]

    def claim_candidates(self, story_id: str, speaker_id: str) -> list[Claim]:
        rows = self.conn.execute("SELECT data FROM claims WHERE story_id = ? AND speaker_id = ?",
                                 (story_id, speaker_id))
        return [json.loads(r[0]) for r in rows]

    def save_claim(self, claim: Claim) -> None:
        self.conn.execute("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?, ?)",
                          (claim["id"], claim["story_id"], claim["speaker_id"],
                           claim["n_outlets"], claim["n_sources"],
                           json.dumps(claim, ensure_ascii=False)))

    def claim_records(self, story_id: str | None = None) -> list[Claim]:
        clause, params = _where({"story_id": story_id} if story_id else None)
        rows = self.conn.execute(f"SELECT data FROM claims{clause} ORDER BY rowid", params)
        return [json.loads(r[0]) for r in rows]

    def replace_contradictions(self, column: str, target_id: str,
                               items: list[Contradiction]) -> None:
        """Replace the contradictions recorded for one fused event or claim."""
        if column not in ("fused_event_id", "claim_id"):
            raise ValueError(f"bad contradiction target {column!r}")
        self.conn.execute(f"DELETE FROM contradictions WHERE {column} = ?", (target_id,))
        self.conn.executemany(
            "INSERT INTO contradictions VALUES (?, ?, ?, ?, ?, ?)",
            [(c["id"], c["story_id"], c.get("fused_event_id"), c.get("claim_id"), c["attribute"],
              json.dumps(c, ensure_ascii=False)) for c in items])

    def contradiction_records(self, story_id: str | None = None) -> list[Contradiction]:
        clause, params = _where({"story_id": story_id} if story_id else None)
        rows = self.conn.execute(f"SELECT data FROM contradictions{clause} ORDER BY rowid",
                                 params)
        return [json.loads(r[0]) for r in rows]

    def count_story_contradictions(self, story_id: str) -> int:
        return self.conn.execute("SELECT count(*) FROM contradictions WHERE story_id = ?",
                                 (story_id,)).fetchone()[0]

    def count_story_fused_events(self, story_id: str) -> int:
        return self.conn.execute("SELECT count(*) FROM fused_events WHERE story_id = ?",
                                 (story_id,)).fetchone()[0]

    def story_actor_counts(self, story_id: str) -> list[ActorCount]:
        """Resolved real-world actors mentioned in the story's articles, most mentioned first
        (document-local actors — "a police spokesman" of one article — are no story's actors)."""
        rows = self.conn.execute(
            "SELECT m.actor_id, a.name, a.country, a.sector, count(*) AS mentions "
            "FROM story_articles s JOIN mentions m ON m.article_id = s.article_id "
            "LEFT JOIN actors a ON a.id = m.actor_id "
            "WHERE s.story_id = ? AND m.actor_id IS NOT NULL AND m.actor_id NOT LIKE ? "
            "GROUP BY m.actor_id, a.name, a.country, a.sector ORDER BY mentions DESC, m.actor_id",
            (story_id, f"{LOCAL_ACTOR_PREFIX}%"))
        return [cast(ActorCount, dict(r)) for r in rows]

    def tables(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%'")
        return [r[0] for r in rows]


def _article(row: sqlite3.Row) -> Article:
    values = {c: row[c] for c in ARTICLE_COLUMNS}
    values["removed"] = [Removal(**r) for r in json.loads(values["removed"])]
    return Article(**values)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _where(where: dict[str, Any] | None) -> tuple[str, list[Any]]:
    if not where:
        return "", []
    for column in where:
        if not column.isidentifier():
            raise ValueError(f"bad column name {column!r}")
    return " WHERE " + " AND ".join(f"{c} = ?" for c in where), list(where.values())


def _bounded(n: int) -> int:
    """A LIMIT/OFFSET SQLite can bind (it raises OverflowError past 2**63 - 1); a negative
    LIMIT keeps its SQLite meaning, no limit (a negative OFFSET counts as 0 in SQLite)."""
    return max(-1, min(int(n), 2**62))


def _quote_terms(query: str) -> str:
    terms = [t.replace('"', "") for t in query.split()]
    return " ".join(f'"{t}"' for t in terms if t) or '""'

