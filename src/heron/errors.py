"""How failures are told: one short line per failure, for reports, ``stats`` and the database."""

from __future__ import annotations

REASON_CHARS = 300


class RemoteFailure(Exception):
    """A failure that happened elsewhere (a worker process, a Dask worker), known by the
    one-line reason :func:`describe` gave it there."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def describe(exc: BaseException) -> str:
    """A one-line reason for a failure record: exception type and message, kept short."""
    if isinstance(exc, RemoteFailure):
        return exc.reason
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}"[:REASON_CHARS] if message else type(exc).__name__
