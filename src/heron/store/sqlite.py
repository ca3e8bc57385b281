"""The embedded store: one SQLite file (WAL mode, FTS5 search), versioned by migrations.

Each article's analysis is written in one transaction, so a crash loses at most the article
in flight and a re-run analyses whatever is still marked pending.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from heron.ingest.dedup import bands, hamming
from heron.model import Analysis, Article, Removal
from heron.store.migrations import MIGRATIONS
from heron.store.records import analysis_from_rows, analysis_rows

ARTICLE_COLUMNS = ("id", "title", "published", "published_source", "outlet", "url", "author",
                   "source", "text", "raw_text", "removed", "content_hash", "simhash",
                   "duplicate_of", "duplicate_kind")
# Tables whose rows carry their full record as JSON in a ``data`` column.
RECORD_TABLES = ("mentions", "timexes", "places", "events", "quotes")


class StoreError(RuntimeError):
    """The database file cannot be opened or is not a Heron database."""


class SQLiteStore:
    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        try:
            self.conn = self._connect()
            if not readonly:
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot use database {self.path}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=10000")
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
        candidates: set[str] = set()
        for band, value in enumerate(bands(simhash)):
            rows = self.conn.execute(
                "SELECT article_id FROM simhash_bands WHERE band = ? AND value = ?", (band, value))
            candidates.update(r[0] for r in rows)
        best: tuple[int, str] | None = None
        for article_id in candidates:
            row = self.conn.execute("SELECT simhash FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
            distance = hamming(simhash, row[0])
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
            "SELECT * FROM articles WHERE analysed = 0 ORDER BY rowid LIMIT ?", (limit,))
        return [_article(r) for r in rows]

    def count_pending(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles WHERE analysed = 0").fetchone()[0]

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace the article's analysis and mark it analysed, all in one transaction."""
        aid = analysis.article_id
        with self.conn:
            for table in (*RECORD_TABLES, "analyses"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
            self.conn.execute("INSERT INTO analyses VALUES (?, ?)",
                              (aid, json.dumps([asdict(s) for s in analysis.sentences])))
            for table, columns, rows in analysis_rows(analysis):
                self.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})", rows)
            self.conn.executemany(
                "INSERT OR IGNORE INTO actors (id, name, country, sector, kind, kb_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(a.id, a.name, a.country, a.sector, a.kind, a.kb_id) for a in analysis.actors])
            self.conn.execute("UPDATE articles SET analysed = 1 WHERE id = ?", (aid,))

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
                                 (limit, offset))
        return [_article(r) for r in rows]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search of titles and texts (FTS5 syntax; plain words are AND-ed)."""
        sql = ("SELECT a.id, a.title, a.outlet, a.published, "
               "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(articles_fts) AS rank "
               "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
               "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:  # FTS syntax error: search the words as phrases
            rows = self.conn.execute(sql, (_quote_terms(query), limit)).fetchall()
        return [dict(r) for r in rows]

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
            "pending": count("SELECT count(*) FROM articles WHERE analysed = 0"),
            "actors": count("SELECT count(*) FROM actors"),
        }
        for table in RECORD_TABLES:
            out[table] = count(f"SELECT count(*) FROM {table}")
        return out

    def tables(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%'")
        return [r[0] for r in rows]


def _article(row: sqlite3.Row) -> Article:
    values = {c: row[c] for c in ARTICLE_COLUMNS}
    values["removed"] = [Removal(**r) for r in json.loads(values["removed"])]
    return Article(**values)


def _where(where: dict[str, Any] | None) -> tuple[str, list[Any]]:
    if not where:
        return "", []
    for column in where:
        if not column.isidentifier():
            raise ValueError(f"bad column name {column!r}")
    return " WHERE " + " AND ".join(f"{c} = ?" for c in where), list(where.values())


def _quote_terms(query: str) -> str:
    terms = [t.replace('"', "") for t in query.split()]
    return " ".join(f'"{t}"' for t in terms if t) or '""'

