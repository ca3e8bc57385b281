"""The store's error type, in a module of its own so that every store module can raise it."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The database file cannot be opened, is not a Heron database, or cannot be used now."""
