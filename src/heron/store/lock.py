"""One writer at a time: an advisory lock on ``<database>.lock`` held while a process stores,
analyses or fuses articles.

Two ingests on one database would otherwise both pick the same pending articles, analyse them
twice and fuse them twice (document frequencies counted twice, sources listed twice). The lock
is the operating system's (``flock``), so a killed process never leaves it behind. Readers
(``heron serve``, exports, search) never take it: SQLite's WAL mode keeps them unblocked.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from heron.store.sqlite import StoreError

POLL_SECONDS = 0.2


class LockTimeout(StoreError):
    """Another process kept the database's writer lock for longer than we would wait."""


class WriterLock:
    """Re-entrant within one process: nested ``with`` blocks share one acquisition."""

    def __init__(self, db_path: str | Path, timeout: float,
                 on_wait: Callable[[str], None] | None = None):
        self.path = Path(f"{db_path}.lock")
        self.timeout = timeout
        self.on_wait = on_wait
        self._depth = 0
        self._file = None

    def __enter__(self) -> WriterLock:
        if self._depth == 0:
            self._acquire()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def _acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self._holder(handle)
                if time.monotonic() >= deadline:
                    handle.close()
                    raise LockTimeout(
                        f"{self.path.with_suffix('')} is being written by another Heron process "
                        f"({holder}); waited {self.timeout:g} s. Try again when it has finished "
                        f"(HERON_LOCK_TIMEOUT sets how long to wait)") from None
                if not told and self.on_wait:
                    self.on_wait(f"waiting for another Heron process ({holder}) to finish "
                                 f"writing {self.path.with_suffix('')}")
                    told = True
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle

    @staticmethod
    def _holder(handle) -> str:
        handle.seek(0)
        pid = handle.read().strip()
        return f"pid {pid}" if pid.isdecimal() else "pid unknown"
