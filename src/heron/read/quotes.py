"""Quotes as readers get them: pages of attributed statements, and grouped by speaker (which
actors a speaker name such as "Putin" stands for: :func:`heron.read.actors.speaker_ids`)."""

from __future__ import annotations

from heron.read.paging import MAX_LIMIT, Page, clamp
from heron.records import QuoteRecord, SpeakerQuotes
from heron.store.base import QuoteFilter, Store


def quotes(store: Store, speakers: list[str] | None = None,
           article_ids: list[str] | None = None, limit: int = 50, offset: int = 0,
           min_confidence: float = 0.0) -> Page[QuoteRecord]:
    """Quotes, optionally of some speakers (actor ids) or from some articles, in article order;
    only statements at or above ``min_confidence`` (quotes stored before it existed count as 1)
    and negated ones (the threshold is tuned on statements; what was not said is news too)."""
    limit, offset = clamp(limit, offset)
    where = QuoteFilter(speakers, article_ids, min_confidence)
    return Page(store.count_quotes(where), limit, offset,
                store.quote_records(where, limit, offset))


def quote_is_shown(confidence: float, negated: bool, min_confidence: float) -> bool:
    """Whether readers get a quote at ``min_confidence``: confident enough, or negated (the
    threshold is tuned on statements; what was not said is news too). The store's
    ``QuoteFilter`` applies the same rule in SQL."""
    return negated or confidence >= min_confidence


def quotes_by_speaker(store: Store, article_ids: list[str], min_confidence: float = 0.0,
                      limit: int = MAX_LIMIT) -> list[SpeakerQuotes]:
    """Quotes of some articles at or above ``min_confidence`` (negated ones kept) grouped by
    speaker, the most quoted speaker first."""
    groups: dict[str, SpeakerQuotes] = {}
    for quote in quotes(store, article_ids=article_ids, limit=limit,
                        min_confidence=min_confidence).items:
        speaker = quote["speaker"]
        actor_id, name = (speaker["actor_id"], speaker["name"]) if speaker else (None, None)
        group = groups.setdefault(actor_id or name or "", {
            "actor_id": actor_id, "name": name or "unattributed", "quotes": []})
        group["quotes"].append(quote)
    return sorted(groups.values(), key=lambda g: -len(g["quotes"]))
