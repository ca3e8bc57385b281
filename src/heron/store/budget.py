"""Bounded queries: limits on a full-text query's size, and a time budget per request that
SQLite checks while it works (its progress handler), so one expensive query cannot hold a
core for minutes, nor outlive the client that asked for it or the server's shutdown.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from heron.store.sqlite_errors import StoreError

MAX_QUERY_CHARS = 200
# FTS5's snippet() and prefix terms ("t*") cost grows with each term: 400 terms took > 120 s.
MAX_QUERY_TERMS = 12
SEARCH_SECONDS = float(os.environ.get("HERON_SEARCH_SECONDS", "5"))
PROGRESS_STEPS = 5_000  # SQLite virtual-machine steps between two budget checks
TERM = re.compile(r"\w+\*?")
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})  # FTS5 operators cost no lookup
# Set when the server is shutting down: every running query stops at its next check.
SHUTDOWN = threading.Event()


class QueryError(ValueError):
    """A query Heron refuses to run (too long, too many terms, a NUL character)."""


class QueryTimeout(StoreError):
    """A query ran out of its time budget, or its client went away."""


class Budget:
    def __init__(self, seconds: float = SEARCH_SECONDS, cancelled: threading.Event | None = None):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.cancelled = cancelled or threading.Event()

    def exceeded(self) -> bool:
        return (time.monotonic() > self.deadline or self.cancelled.is_set()
                or SHUTDOWN.is_set())


# The budget of the request being served on this thread (the web app sets it per request).
current_budget: ContextVar[Budget | None] = ContextVar("current_budget", default=None)


def check_query(query: str) -> str:
    """The query if Heron will run it; raises :class:`QueryError` with the reason otherwise."""
    if "\x00" in query:
        raise QueryError("the query contains a NUL character")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(query)} characters long; at most "
                         f"{MAX_QUERY_CHARS} are searched")
    terms = sum(1 for t in TERM.findall(query) if t not in OPERATORS)
    if terms > MAX_QUERY_TERMS:
        raise QueryError(f"the query has {terms} terms; at most {MAX_QUERY_TERMS} are searched")
    return query


@contextmanager
def limited(conn: sqlite3.Connection, budget: Budget | None) -> Iterator[Budget]:
    """Run SQL on ``conn`` within ``budget`` (the request's, else a fresh default one);
    an interrupted statement raises :class:`QueryTimeout`."""
    budget = budget or current_budget.get() or Budget()
    conn.set_progress_handler(budget.exceeded, PROGRESS_STEPS)
    try:
        yield budget
    except sqlite3.OperationalError as exc:
        if budget.exceeded():
            raise QueryTimeout(f"the query was stopped after {budget.seconds:g} s (time budget, "
                               f"client gone or server stopping); narrow it down") from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
