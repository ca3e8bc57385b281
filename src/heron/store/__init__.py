"""Storage: :func:`open_store` picks the backend from the ``--db`` value."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from heron.store.postgres import PostgresStore, is_postgres_url
from heron.store.sqlite import SQLiteStore


def open_store(db: str | Path, readonly: bool = False, lock_timeout: float = 3600.0,
               on_wait: Callable[[str], None] | None = None) -> SQLiteStore:
    """A PostgreSQL store for ``postgresql://…`` URLs, else the SQLite file at ``db``; writers
    wait up to ``lock_timeout`` seconds for another writer (``on_wait`` is told once)."""
    store = PostgresStore if is_postgres_url(str(db)) else SQLiteStore
    return store(str(db), readonly=readonly, lock_timeout=lock_timeout, on_wait=on_wait)
