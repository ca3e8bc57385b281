"""One page of a longer result, and the bounds every ``limit``/``offset`` is held to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic

from heron.records import Item, PageRecord

MAX_LIMIT = 500
# Far past any real page, far below SQLite's 64-bit integers (larger offsets overflowed).
MAX_OFFSET = 1_000_000_000


@dataclass
class Page(Generic[Item]):
    """One page of a longer result: ``items`` from ``offset``, out of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[Item] = field(default_factory=list)

    def to_dict(self) -> PageRecord[Item]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "items": self.items}


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))
