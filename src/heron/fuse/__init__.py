"""Across outlets: stories, fused events, claims, contradictions and timelines.

Fusion runs after analysis, one article at a time and only over articles not fused yet
(``articles.fused``): the article joins or opens a story (:mod:`heron.fuse.stories`), its
events merge into the story's fused events (:mod:`heron.fuse.events`), its quotes into claims
(:mod:`heron.fuse.claims`), stances on planned events are attached
(:mod:`heron.fuse.stances`) and the contradictions of everything touched are recomputed
(:mod:`heron.fuse.contradictions`). Each article's fusion is one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from heron.errors import describe
from heron.fuse import stances as stance_mod
from heron.fuse.arrangements import link_arrangements
from heron.fuse.claims import claim_contradictions, fuse_article_quotes
from heron.fuse.consensus import summarise
from heron.fuse.contradictions import fused_contradictions
from heron.fuse.events import fuse_article_events, link_plans, merge_split_events
from heron.fuse.stories import article_date, assign, shift_day
from heron.model import Article
from heron.records import FusedEvent
from heron.store.base import Store

log = logging.getLogger(__name__)
BATCH = 200
STANCE_WINDOW_DAYS = 60  # planned events a stance may refer to: dated this close


def fuse_pending(store: Store, progress: Callable[[int, int], None] | None = None,
                 failed: Callable[[Article, str, int], None] | None = None,
                 min_confidence: float = 0.0, quote_min_confidence: float = 0.0,
                 event_min_confidence: float = 0.0) -> int:
    """Fuse every analysed article not fused yet; returns how many were processed. Event
    evidence below ``min_confidence`` and relayed quotes below ``quote_min_confidence`` take
    no side in a contradiction; event mentions below ``event_min_confidence`` join no fused
    event of several mentions (:mod:`heron.fuse.events`).

    An article whose fusion raises is rolled back alone, marked with the reason
    (``store.record_failure``; ``failed`` gets the article, reason and failed tries so far)
    and the batch goes on."""
    total = store.count_unfused()
    done, failures = 0, set[str]()  # a failure is retried by a later run, not this one
    while batch := [a for a in store.unfused(BATCH + len(failures)) if a.id not in failures]:
        for article in batch:
            try:
                with store.fusion_batch():
                    if not article.duplicate_of:  # a duplicate adds no new evidence
                        fuse_article(store, article, min_confidence, quote_min_confidence,
                                     event_min_confidence)
                    store.mark_fused(article.id)
            except Exception as exc:  # one article must not stop the others
                log.debug("fusion of %s failed", article.id, exc_info=True)
                reason = describe(exc)
                attempts = store.record_failure(article.id, "fuse", reason)
                failures.add(article.id)
                if failed:
                    failed(article, reason, attempts)
                continue
            done += 1
            if progress:
                progress(done, total)
    return done


def fuse_article(store: Store, article: Article, min_confidence: float = 0.0,
                 quote_min_confidence: float = 0.0, event_min_confidence: float = 0.0) -> str | None:
    """Fuse one analysed article; returns its story id. Every event takes part, whatever its
    confidence, but only one at or above ``event_min_confidence`` joins or seeds a fused
    event of several mentions (one below stays a fused event of its own); only evidence at
    or above ``min_confidence`` (quotes: ``quote_min_confidence``) can raise a
    contradiction."""
    analysis = store.analysis(article.id)
    if analysis is None:
        return None
    story_id = assign(store, article, analysis)
    touched = {f["id"]: f for f in fuse_article_events(store, story_id, article, analysis,
                                                                event_min_confidence)}
    merged_away = merge_split_events(store, story_id, touched, event_min_confidence)
    for fused_id in merged_away:
        store.delete_fused_event(fused_id)
    touched.update(link_arrangements(store, story_id, article, analysis, touched,
                                     event_min_confidence))
    touched.update(link_plans(store, story_id, touched))
    planned = _planned_around(store, story_id, article_date(article, analysis))
    for fused_id in merged_away:
        planned.pop(fused_id, None)
    for key, fused in touched.items():  # the versions being updated replace stored ones
        planned.pop(key, None)
        if fused["planned"]:
            planned[key] = fused
    found = stance_mod.article_stances(article, analysis)
    touched.update((f["id"], f) for f in stance_mod.attach(found, list(planned.values())))
    for fused in touched.values():
        summarise(fused)
        store.replace_contradictions("fused_event_id", fused["id"],
                                     fused_contradictions(fused, min_confidence))
        store.save_fused_event(fused)
    for claim in fuse_article_quotes(store, story_id, article, analysis):
        store.replace_contradictions("claim_id", claim["id"],
                                     claim_contradictions(claim, quote_min_confidence))
        store.save_claim(claim)
    refresh_counts(store, story_id)
    return story_id


def _planned_around(store: Store, story_id: str, day: str | None) -> dict[str, FusedEvent]:
    """The story's planned fused events dated near ``day`` (all of them when undated)."""
    if day is None:
        lo, hi = "0000", "9999"
    else:
        lo, hi = shift_day(day, -STANCE_WINDOW_DAYS), shift_day(day, STANCE_WINDOW_DAYS)
    return {f["id"]: f for f in store.planned_fused_events(story_id, lo, hi)}


def refresh_counts(store: Store, story_id: str) -> None:
    story = store.story_record(story_id)
    if story is None:
        return
    story["n_events"] = store.count_story_fused_events(story_id)
    story["n_contradictions"] = store.count_story_contradictions(story_id)
    store.save_story(story)
