"""Article metadata pages (texts and analyses are read whole from the store)."""

from __future__ import annotations

from heron.read.paging import Page, clamp
from heron.records import ArticleSummary
from heron.store.base import Store


def articles(store: Store, limit: int = 50, offset: int = 0) -> Page[ArticleSummary]:
    """Article metadata (no texts), newest first."""
    limit, offset = clamp(limit, offset)
    return Page(store.count_articles(), limit, offset, store.article_summaries(limit, offset))
