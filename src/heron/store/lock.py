"""One writer at a time: a lock held while a process stores, analyses or fuses articles.

Two ingests on one database would otherwise both pick the same pending articles, analyse them
twice and fuse them twice (document frequencies counted twice, sources listed twice). Both
locks are released by the system when their holder dies, so a killed process never leaves one
behind:

* a SQLite file: an advisory lock (``flock``) on ``<database>.lock``; readers (``heron serve``,
  exports, search) never take it, SQLite's WAL mode keeps them unblocked;
* a PostgreSQL database: a session-level advisory lock (``pg_advisory_lock``) held on the
  writer's connection, so ingesters on several machines take turns; readers never take it.
"""

from __future__ import annotations

import fcntl
import os
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from heron.store.sqlite_errors import StoreError

POLL_SECONDS = 0.2


class LockTimeout(StoreError):
    """Another process kept the database's writer lock for longer than we would wait."""


class PollingLock:
    """Re-entrant within one process: nested ``with`` blocks share one acquisition. Subclasses
    say how to try the lock once, release it, and who holds it."""

    def __init__(self, target: str, timeout: float, on_wait: Callable[[str], None] | None = None):
        self.target = target  # the database, as messages name it
        self.timeout = timeout
        self.on_wait = on_wait
        self._depth = 0

    def __enter__(self) -> PollingLock:
        if self._depth == 0:
            self._acquire()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._release()

    def _acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        told = False
        while not self._try():
            holder = self._holder()
            if time.monotonic() >= deadline:
                self._give_up()
                raise LockTimeout(
                    f"{self.target} is being written by another Heron process ({holder}); "
                    f"waited {self.timeout:g} s. Try again when it has finished "
                    f"(HERON_LOCK_TIMEOUT sets how long to wait)")
            if not told and self.on_wait:
                self.on_wait(f"waiting for another Heron process ({holder}) to finish "
                             f"writing {self.target}")
                told = True
            time.sleep(POLL_SECONDS)

    def _try(self) -> bool:
        raise NotImplementedError

    def _release(self) -> None:
        raise NotImplementedError

    def _holder(self) -> str:
        return "pid unknown"

    def _give_up(self) -> None:
        """Called once when waiting timed out."""


class WriterLock(PollingLock):
    """The writer lock of a SQLite file: ``flock`` on ``<db>.lock``, which names the holder's pid."""

    def __init__(self, db_path: str | Path, timeout: float,
                 on_wait: Callable[[str], None] | None = None):
        super().__init__(str(db_path), timeout, on_wait)
        self.path = Path(f"{db_path}.lock")
        self._file: Any = None

    def _try(self) -> bool:
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("a+")
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        self._file.seek(0)
        self._file.truncate()
        self._file.write(f"{os.getpid()}\n")
        self._file.flush()
        return True

    def _release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._give_up()

    def _give_up(self) -> None:
        self._file.close()
        self._file = None

    def _holder(self) -> str:
        self._file.seek(0)
        pid = self._file.read().strip()
        return f"pid {pid}" if pid.isdecimal() else "pid unknown"


class AdvisoryLock(PollingLock):
    """The writer lock of a PostgreSQL database, on the writer's own connection (``raw``: a
    psycopg connection in autocommit mode)."""

    def __init__(self, raw: Any, target: str, timeout: float,
                 on_wait: Callable[[str], None] | None = None):
        super().__init__(target, timeout, on_wait)
        self.raw = raw
        self.key = lock_key("writer")

    def _try(self) -> bool:
        return bool(self.raw.execute("SELECT pg_try_advisory_lock(%s)", [self.key]).fetchone()[0])

    def _release(self) -> None:
        self.raw.execute("SELECT pg_advisory_unlock(%s)", [self.key])

    def _holder(self) -> str:
        row = self.raw.execute("SELECT pid FROM pg_locks WHERE locktype = 'advisory' "
                               "AND objid = %s AND granted LIMIT 1", [self.key & 0xFFFFFFFF])
        found = row.fetchone()
        return f"server backend pid {found[0]}" if found else "pid unknown"


def lock_key(name: str) -> int:
    """A stable advisory-lock key for ``name`` (shared by every Heron version)."""
    return zlib.crc32(f"heron:{name}".encode())
