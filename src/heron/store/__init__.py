"""Storage: :func:`open_store` picks the backend from the ``--db`` value."""

from __future__ import annotations

from pathlib import Path

from heron.store.postgres import PostgresStore, is_postgres_url
from heron.store.sqlite import SQLiteStore


def open_store(db: str | Path, readonly: bool = False) -> SQLiteStore:
    """A PostgreSQL store for ``postgresql://…`` URLs, else the SQLite file at ``db``."""
    if is_postgres_url(str(db)):
        return PostgresStore(str(db), readonly=readonly)
    return SQLiteStore(db, readonly=readonly)
