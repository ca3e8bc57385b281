"""How failures are told: one short line per failure, for reports, ``stats`` and the database."""

from __future__ import annotations

REASON_CHARS = 300


def describe(exc: BaseException) -> str:
    """A one-line reason for a failure record: exception type and message, kept short."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}"[:REASON_CHARS] if message else type(exc).__name__
