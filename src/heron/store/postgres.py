"""The server store: PostgreSQL behind the same ``Store`` interface (``--db postgresql://…``).

Several ingesters and ``heron serve`` instances can share one database. The store reuses the
SQLite store's methods through a small connection adapter that speaks the same SQL dialect
subset: ``?`` placeholders, ``INSERT OR IGNORE`` / ``INSERT OR REPLACE``, ``rowid`` order
(every PostgreSQL table has an identity column named ``rowid``) and SQLite's
case-insensitive ``LIKE``. Only what differs in substance is written here: the connection,
migrations (``pg_migrations.py``), full-text search with PostgreSQL's own FTS, row locks and
advisory locks for concurrent writers.

Concurrency: ingesters on any machine take turns as writers (a session-level advisory lock,
:class:`heron.store.lock.AdvisoryLock`, as SQLite's lock file does for one machine); readers
never wait. As a second line of defence each article's analysis is saved in one transaction
that first locks the article's row, and only while the article is still pending, so the first
analysis saved wins.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

from heron.model import Analysis
from heron.records import SearchHit
from heron.store.budget import Budget, QueryTimeout, check_query, current_budget
from heron.store.lock import AdvisoryLock, PollingLock, lock_key
from heron.store.migrations import MIGRATIONS
from heron.store.pg_migrations import PG_MIGRATIONS
from heron.store.sqlite import SQLiteStore, StoreError

assert len(PG_MIGRATIONS) == len(MIGRATIONS), "each SQLite migration needs its PostgreSQL twin"

# ``INSERT OR REPLACE`` targets: each table's primary key is its first column, so SQLite's
# delete-then-insert (which also moves the row to the end of ``rowid`` order) is reproduced.
REPLACE_KEYS = {"stories": "id", "story_articles": "article_id", "fused_events": "id",
                "fused_event_sources": "event_id", "claims": "id"}
HIDDEN_COLUMNS = frozenset({"rowid", "fts"})  # PostgreSQL-only columns `SELECT *` must not show
INSERT_OR = re.compile(r"^\s*INSERT OR (IGNORE|REPLACE) INTO (\w+)", re.IGNORECASE)
JSON_SET = re.compile(r"json_set\(data, '\$\.(\w+)', \?\)")
# ``ON CONFLICT … DO UPDATE SET df = df + 1``: PostgreSQL wants the old value table-qualified.
UPSERT_SELF = re.compile(r"INSERT INTO (\w+)(.*DO UPDATE SET (\w+) = )\3\b", re.DOTALL)
# An insert of one row of values and nothing after them: ``executemany`` sends many rows as one
# multi-row statement (a round trip and a server-side statement per batch, not per row).
ONE_ROW_INSERT = re.compile(r"^\s*(INSERT (?:OR (?:IGNORE|REPLACE) )?INTO \w+(?: \([^)]*\))? VALUES )"
                            r"(\((?:(?!ON CONFLICT).)*\))\s*$", re.IGNORECASE | re.DOTALL)
# Parameters per multi-row statement: psycopg caches the parsing of statements with at most
# 50 (a bigger one is parsed again each time, which cost more than its round trips saved).
MAX_PARAMS = 50


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class Row(tuple):
    """A result row readable by position and by column name, like ``sqlite3.Row``."""

    _names: tuple[str, ...]

    def __new__(cls, names: tuple[str, ...], values: Sequence[Any]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._names.index(key))
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    description = cursor.description or []
    keep = [i for i, c in enumerate(description) if c.name not in HIDDEN_COLUMNS]
    names = tuple(description[i].name for i in keep)
    if len(keep) == len(description):
        return lambda values: Row(names, values)
    return lambda values: Row(names, [values[i] for i in keep])


def translate(sql: str) -> str:
    """SQLite-dialect SQL of the shared store code → PostgreSQL (psycopg placeholders)."""
    sql = JSON_SET.sub(r"jsonb_set(data::jsonb, '{\1}', to_jsonb(?::text))::text", sql)
    match = INSERT_OR.match(sql)
    if match:
        sql = f"INSERT INTO {match.group(2)}" + sql[match.end():]
        if match.group(1).upper() == "IGNORE":
            sql += " ON CONFLICT DO NOTHING"
    sql = UPSERT_SELF.sub(r"INSERT INTO \1\2\1.\3", sql)
    sql = sql.replace(" LIKE ", " ILIKE ")
    return sql.replace("%", "%%").replace("?", "%s")


class Connection:
    """The subset of ``sqlite3.Connection`` the store code uses, over a psycopg connection in
    autocommit mode: ``with conn:`` is one transaction (nested: a savepoint)."""

    def __init__(self, url: str):
        import psycopg

        self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        self._transactions: list[Any] = []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        replace = INSERT_OR.match(sql)
        if replace and replace.group(1).upper() == "REPLACE":
            with self._step():
                self._delete_replaced(replace.group(2), [params])
                return self.raw.execute(translate(sql), list(params))
        if not params:  # no placeholder processing: a literal % stays as written
            return self.raw.execute(translate(sql).replace("%%", "%"))
        return self.raw.execute(translate(sql), list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        replace = INSERT_OR.match(sql)
        replacing = replace is not None and replace.group(1).upper() == "REPLACE"
        one_row = ONE_ROW_INSERT.match(sql)
        if replacing and len({r[0] for r in rows}) < len(rows):
            one_row = None  # a key twice: SQLite keeps the last row, so insert them in turn
        with self._step(), self.raw.cursor() as cursor:
            if replace is not None and replacing:
                self._delete_replaced(replace.group(2), rows)
            if one_row is None:
                cursor.executemany(translate(sql), [list(r) for r in rows])
                return
            head, values = one_row.groups()
            size = max(1, MAX_PARAMS // max(1, len(rows[0])))
            for start in range(0, len(rows), size):
                batch = rows[start:start + size]
                cursor.execute(translate(head + ", ".join([values] * len(batch))),
                               [v for row in batch for v in row])

    def _step(self) -> Any:
        """A transaction making a multi-statement step atomic, as SQLite's single statement
        is; inside an open transaction, none: a failed statement aborts that transaction
        anyway (a savepoint would cost two round trips per step)."""
        return contextlib.nullcontext() if self._transactions else self

    def _delete_replaced(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        key = REPLACE_KEYS[table]
        self.raw.execute(f"DELETE FROM {table} WHERE {key} = ANY(%s)", [[r[0] for r in rows]])

    @contextlib.contextmanager
    def pipelined(self) -> Iterator[Connection]:
        """``with conn:`` whose statements are sent without waiting for each one's result
        (psycopg's pipeline mode): only a read waits, so the writes between two reads cost
        one round trip, not one each. An error surfaces at the next read or at the end, and
        rolls the whole transaction back."""
        with self.raw.pipeline(), self:
            yield self

    def __enter__(self) -> Connection:
        transaction = self.raw.transaction()
        transaction.__enter__()
        self._transactions.append(transaction)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._transactions.pop().__exit__(*exc)

    def close(self) -> None:
        self.raw.close()


class PostgresStore(SQLiteStore):
    """``Store`` on a PostgreSQL server; ``path`` is the connection URL."""

    def __init__(self, path: str, readonly: bool = False, lock_timeout: float = 3600.0,
                 on_wait: Callable[[str], None] | None = None):
        import psycopg

        self.RECORD_ERRORS = (psycopg.errors.IntegrityError, psycopg.errors.DataError,
                              ValueError, TypeError)
        self.FATAL_ERRORS = (psycopg.OperationalError,)
        super().__init__(path, readonly, lock_timeout, on_wait)

    @property
    def pg(self) -> Connection:
        """``self.conn``, the psycopg adapter (the shared store code sees it as the sqlite3
        connection whose dialect it speaks)."""
        return cast(Connection, self.conn)

    def _writer_lock(self, timeout: float, on_wait: Callable[[str], None] | None) -> PollingLock:
        return AdvisoryLock(self.pg.raw, _redacted(self.path), timeout, on_wait)

    def _connect(self) -> Any:
        try:
            return Connection(self.path)
        except ImportError as exc:
            raise StoreError("PostgreSQL needs psycopg: pip install 'heron[postgres]'") from exc
        except Exception as exc:  # psycopg.OperationalError: unreachable, bad credentials
            raise StoreError(f"cannot connect to {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        with self.conn:
            # One migrating process at a time (several ingesters may start together).
            self.pg.raw.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key("migrate")])
            self.pg.raw.execute("CREATE TABLE IF NOT EXISTS heron_schema (version INTEGER NOT NULL)")
            version = self.schema_version
            if version > len(PG_MIGRATIONS):
                raise StoreError(f"{self.path} has schema version {version}, newer than this "
                                 f"Heron ({len(PG_MIGRATIONS)}); upgrade Heron")
            for script in PG_MIGRATIONS[version:]:
                self.pg.raw.execute(script)
            self.pg.raw.execute("DELETE FROM heron_schema")
            self.pg.raw.execute("INSERT INTO heron_schema VALUES (%s)", [len(PG_MIGRATIONS)])

    @property
    def schema_version(self) -> int:
        exists = self.pg.raw.execute("SELECT to_regclass('heron_schema')").fetchone()
        if exists is None or exists[0] is None:
            return 0
        row = self.pg.raw.execute("SELECT max(version) FROM heron_schema").fetchone()
        return int(row[0] or 0) if row else 0

    def fusion_batch(self) -> Any:
        """One article's fusion writes, committed atomically and pipelined (see
        :meth:`Connection.pipelined`)."""
        return self.pg.pipelined()

    def save_analysis(self, analysis: Analysis) -> None:
        """As in SQLite, but the first analysis saved wins: the article's row is locked, and an
        article another ingester analysed meanwhile is left as it is. Its analysis may already
        be fused, and a second parse of the same text in a different ``nlp.pipe`` batch can
        differ in rare tokens, so replacing it could orphan fused sources. Its statements are
        pipelined (see :meth:`Connection.pipelined`)."""
        with self.pg.pipelined():
            row = self.conn.execute("SELECT analysed FROM articles WHERE id = ? FOR UPDATE",
                                    (analysis.article_id,)).fetchone()
            if row is not None and row[0]:
                return
            super().save_analysis(analysis)

    def _begin_write(self) -> None:
        """Nothing to open: save_analysis already runs in the transaction that locked the
        article's row (SELECT … FOR UPDATE)."""

    def add_key_df(self, keys: list[str]) -> None:
        """As in SQLite, in one statement (a row per key would be a statement per key)."""
        self.pg.raw.execute(
            "INSERT INTO fusion_df SELECT key, count(*) FROM unnest(%s::text[]) AS key "
            "GROUP BY key ON CONFLICT (key) DO UPDATE SET df = fusion_df.df + excluded.df", [keys])

    @staticmethod
    def _window(limit: int, offset: int) -> tuple[int | None, int]:
        # SQLite reads LIMIT -1 as "no limit" (exports ask for every story); PostgreSQL wants
        # NULL, and refuses a negative OFFSET (SQLite counts it as 0).
        rows, offset = SQLiteStore._window(limit, offset)
        return (None if rows is None or rows < 0 else rows), max(0, offset)

    def search(self, query: str, limit: int = 20,
               budget: Budget | None = None) -> list[SearchHit]:
        """Full-text search with PostgreSQL's FTS (``websearch_to_tsquery``: plain words are
        AND-ed, "quoted phrases", OR, -excluded), best rank first; within the same bounds and
        time budget as SQLite's search (the server cancels the statement: statement_timeout)."""
        import psycopg

        check_query(query)
        budget = budget or current_budget.get() or Budget()
        millis = max(1, int(budget.seconds * 1000))
        try:
            with self.conn:
                self.pg.raw.execute(f"SET LOCAL statement_timeout = {millis}")
                rows = self.pg.raw.execute(
                    "SELECT a.id, a.title, a.outlet, a.published, "
                    "ts_headline('english', a.text, q, 'StartSel=[, StopSel=], MaxWords=12, "
                    "MinWords=5, FragmentDelimiter=\" … \", MaxFragments=1') AS snippet, "
                    "-ts_rank(a.fts, q) AS rank "
                    "FROM articles a, websearch_to_tsquery('english', %s) q WHERE a.fts @@ q "
                    "ORDER BY rank, a.rowid LIMIT %s", [query, limit]).fetchall()
        except psycopg.errors.QueryCanceled as exc:
            raise QueryTimeout(f"the query was stopped after {budget.seconds:g} s (time budget); "
                               f"narrow it down") from exc
        return [cast(SearchHit, dict(zip(r.keys(), r, strict=True))) for r in rows]

    def tables(self) -> list[str]:
        rows = self.pg.raw.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_name <> 'heron_schema' ORDER BY table_name")
        return [r[0] for r in rows]


def _redacted(url: str) -> str:
    """The URL without its password (messages name the database)."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)
