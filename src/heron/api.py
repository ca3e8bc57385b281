"""Heron's Python API. The CLI and the web app are thin layers over :class:`Heron`.

    import heron
    h = heron.open("news.db")
    report = h.ingest(["articles/"], published="2025-08-20")
    for hit in h.search("security guarantees"):
        print(hit["title"])
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from heron.config import MAX_YEAR, MIN_YEAR, Settings
from heron.errors import describe
from heron.fuse import fuse_pending
from heron.ingest.build import build_article
from heron.ingest.published import normalise_date
from heron.ingest.readers import Problem, RawDoc, read_sources
from heron.model import Analysis, Article, DuplicateKind
from heron.read import actors as read_actors
from heron.read import articles as read_articles
from heron.read import events as read_events
from heron.read import quotes as read_quotes
from heron.read import stories as read_stories
from heron.read import timeline as read_timeline
from heron.read.export import table_rows
from heron.read.paging import Page
from heron.records import (
    ActorSummary,
    ActorView,
    ArticleSummary,
    Claim,
    Contradiction,
    EventRow,
    FusedEventView,
    QuoteRecord,
    SearchHit,
    StorySummary,
    StoryView,
    TimelineItem,
    TimelineSections,
)
from heron.store import open_store
from heron.store.base import EventFilter
from heron.store.sqlite import MAX_ATTEMPTS

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Failure:
    """A stored document whose analysis or fusion raised; the batch went on without it."""

    article_id: str
    source: str
    stage: str  # "analyse" | "fuse"
    reason: str
    retry: bool  # a later run tries once more; False: left marked as failed


@dataclass
class IngestReport:
    ingested: int = 0  # new articles stored (originals)
    duplicates: int = 0  # stored and linked to an original, not analysed
    unchanged: int = 0  # already in the database from the same source: nothing added
    analysed: int = 0
    fused: int = 0  # articles placed in stories and merged into fused events
    skipped: list[Problem] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be ingested."""
        return bool(self.ingested or self.duplicates or self.unchanged) or not self.skipped


class Heron:
    """A Heron database: ingest articles, analyse them, read and export the results."""

    def __init__(self, db_path: str | Path, settings: Settings | None = None,
                 readonly: bool = False):
        self.settings = settings or Settings()
        self.store = open_store(db_path, readonly=readonly, lock_timeout=self.settings.lock_timeout,
                                on_wait=log.warning)  # a file path or a postgresql:// URL
        # Only one process stores, analyses or fuses at a time (see heron.store.lock).
        self.writer = self.store.writer_lock

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Heron:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ----------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], published: str | None = None,
               outlet: str | None = None, analyse: bool = True,
               progress: Progress | None = None, workers: int | None = None,
               dask: str | None = None) -> IngestReport:
        """Read, clean, de-duplicate and store articles, then analyse the new ones (in
        ``workers`` processes, or on the Dask scheduler at ``dask``)."""
        if published is not None and normalise_date(published) is None:
            raise ValueError(f"published date {published!r} is not a date (YYYY-MM-DD, years "
                             f"{MIN_YEAR}-{MAX_YEAR})")
        raw = read_sources([str(p) for p in paths], self.settings.max_file_bytes)
        with self.writer:
            report = self.add(raw, published=published, outlet=outlet)
            if analyse:
                report.analysed = self.analyse_pending(progress, report, workers, dask)
                report.fused = self.fuse(report=report)
        return report

    def add(self, docs: Iterable[RawDoc | Problem], published: str | None = None,
            outlet: str | None = None, report: IngestReport | None = None) -> IngestReport:
        """Store documents (no analysis); problems are collected, never raised."""
        report = report or IngestReport()
        with self.writer:
            self._add(docs, published, outlet, report)
        return report

    def _add(self, docs: Iterable[RawDoc | Problem], published: str | None, outlet: str | None,
             report: IngestReport) -> None:
        for item in docs:
            if isinstance(item, Problem):
                report.skipped.append(item)
                continue
            try:
                built = build_article(item, published, outlet)
                report.notes.extend(f"{item.source}: {note}" for note in item.notes)
                if isinstance(built, Problem):
                    report.skipped.append(built)
                else:
                    self._store_article(built, report)
            except self.store.FATAL_ERRORS:
                raise  # a locked, full or read-only database is no problem of this document
            except Exception as exc:  # one bad document must not stop the batch
                log.debug("cannot store %s", item.source, exc_info=True)
                report.skipped.append(Problem(item.source, f"cannot be stored: {describe(exc)}"))

    def _store_article(self, article: Article, report: IngestReport) -> None:
        if self.store.seen_source(article.content_hash, article.source):
            report.unchanged += 1
            return
        original = self.store.find_exact(article.content_hash)
        kind: DuplicateKind = "exact"
        if original is None:
            original = self.store.find_near(article.simhash, self.settings.near_dup_bits)
            kind = "near"
        if original is not None:
            article.duplicate_of, article.duplicate_kind = original, kind
            report.duplicates += 1
        else:
            report.ingested += 1
        article.id = self.store.unique_id(article.id)
        self.store.add_article(article)

    def analyse_pending(self, progress: Progress | None = None,
                        report: IngestReport | None = None, workers: int | None = None,
                        dask: str | None = None) -> int:
        """Analyse every article not analysed yet. Analysis runs in ``workers`` local processes
        (default ``settings.workers``) or on the Dask cluster at ``dask`` (default
        ``settings.dask_scheduler``); this process alone writes, one committed article at a
        time and in ingest order, so a killed run resumes with what is still pending. An
        article whose analysis fails is marked with the reason (``report.failed``,
        ``stats()``) and the batch goes on; a later run tries it once more."""
        with self.writer:
            return self._analyse_pending(progress, report, workers, dask)

    def _analyse_pending(self, progress: Progress | None, report: IngestReport | None,
                         workers: int | None, dask: str | None) -> int:
        ids = self.store.pending_ids()  # a snapshot: a failure is retried by a later run
        if not ids:
            return 0
        # Fetched lazily, as workers take them; articles another ingester analysed meanwhile
        # (a shared server database) are skipped, not analysed twice.
        articles = (a for a in map(self.store.pending_article, ids) if a is not None)
        done = 0
        for article, result in self._analyses(articles, len(ids), workers, dask):
            if not isinstance(result, Exception):
                result = self._save(result)
            if isinstance(result, Exception):
                self._failed(article, "analyse", result, report)
                continue
            done += 1
            if progress:
                progress(done, len(ids))
        return done

    def _analyses(self, articles: Iterator[Article], total: int, workers: int | None,
                  dask: str | None) -> Iterator[tuple[Article, Analysis | Exception]]:
        """Each article with its analysis (or why it has none), in order: from the Dask
        cluster when one is given, else from ``workers`` processes on this machine."""
        address = dask or self.settings.dask_scheduler
        if address:
            from heron.distributed import analyse_on_cluster

            return analyse_on_cluster(address, articles, self.settings)
        from heron.nlp.pipeline import get_pipeline  # spaCy loads only when there is work

        n_process = local_processes(workers or self.settings.workers, total,
                                    self.settings.batch_size)
        return get_pipeline(self.settings).analyse_each(articles, n_process=n_process)

    def _save(self, analysis: Analysis) -> Analysis | Exception:
        try:
            self.store.save_analysis(analysis)
        except self.store.RECORD_ERRORS as exc:
            return exc  # this record cannot be stored; a locked or full database still raises
        return analysis

    def _failed(self, article: Article, stage: str, exc: Exception,
                report: IngestReport | None) -> None:
        reason = describe(exc)
        attempts = self.store.record_failure(article.id, stage, reason)
        if report is not None:
            report.failed.append(Failure(article.id, article.source, stage, reason,
                                         retry=attempts < MAX_ATTEMPTS))

    def failures(self) -> list[dict[str, Any]]:
        """Documents whose analysis or fusion failed (id, source, stage, reason, attempts,
        retry)."""
        return self.store.failures()

    # -- fusion ----------------------------------------------------------------------------
    def fuse(self, progress: Progress | None = None, report: IngestReport | None = None) -> int:
        """Fuse every analysed article not fused yet (stories, fused events, claims); an
        article whose fusion fails is rolled back alone and marked, like a failed analysis."""
        def failed(article: Article, reason: str, attempts: int) -> None:
            if report is not None:
                report.failed.append(Failure(article.id, article.source, "fuse", reason,
                                             retry=attempts < MAX_ATTEMPTS))

        with self.writer:
            # A contradiction is raised only between statements an analyst would be shown, and
            # only events an analyst would be shown join or seed a fused event of several.
            return fuse_pending(self.store, progress, failed, self.settings.contradiction_floor,
                                self.settings.quote_min_confidence, self.settings.fusion_floor)

    def stories(self, limit: int = 50, offset: int = 0,
                query: str | None = None) -> list[StorySummary]:
        """Stories, largest first: id, label, first_date, last_date, outlets, n_articles,
        n_events, n_contradictions. ``query`` filters labels."""
        return read_stories.stories(self.store, limit, offset, query)

    def find_stories(self, query: str, limit: int = 50) -> list[StorySummary]:
        """Stories whose label matches ``query`` or that hold an article matching it (full
        text), label matches first."""
        return read_stories.find_stories(self.store, query, limit)

    def story(self, story_id: str) -> StoryView | None:
        """A story's summary plus its articles and actors."""
        return read_stories.story(self.store, story_id)

    def timeline(self, story_id: str) -> list[TimelineItem]:
        """The story's fused events by date; planned items (``planned`` True) come last."""
        return read_timeline.timeline(self.store, story_id)

    def timeline_sections(self, story_id: str, show_all: bool = False) -> TimelineSections:
        """The analyst's timeline: ``current``, ``planned`` and ``background`` items; single-
        outlet items that are not confident or not dated by their own sentence are left out
        (counted in ``n_hidden``) unless ``show_all``."""
        return read_timeline.timeline_sections(self.store, story_id, show_all)

    def fused_event(self, fused_id: str) -> FusedEventView | None:
        """A fused event with its source mentions and per-attribute consensus."""
        return read_timeline.fused_event(self.store, fused_id)

    def claims(self, story_id: str | None = None) -> list[Claim]:
        """Statements relayed by several sources: speaker, text, n_outlets, sources."""
        return read_stories.claims(self.store, story_id)

    def quotes(self, speaker: str | None = None, limit: int = 100,
               offset: int = 0) -> list[QuoteRecord]:
        """Attributed statements (speaker, cue, content, direct, channel, via, date, negated,
        event ids), optionally of one speaker given by actor id or name ("Putin")."""
        speakers = read_actors.speaker_ids(self.store, speaker) if speaker else None
        if speakers == []:
            return []
        return read_quotes.quotes(self.store, speakers, limit=limit, offset=offset,
                                  min_confidence=self.settings.quote_min_confidence).items

    def quote_page(self, speaker_id: str | None = None, limit: int = 50, offset: int = 0,
                   min_confidence: float | None = None) -> Page[QuoteRecord]:
        """One page of quotes (what ``/api/quotes`` serves), optionally of one speaker given by
        actor id; quotes below ``min_confidence`` (default: the quote export threshold, as
        :meth:`quotes`) are left out, negated ones are kept."""
        threshold = self.settings.quote_min_confidence if min_confidence is None else min_confidence
        return read_quotes.quotes(self.store, [speaker_id] if speaker_id else None, limit=limit,
                                  offset=offset, min_confidence=threshold)

    def contradictions(self, story_id: str | None = None) -> list[Contradiction]:
        """Contradictions (of one story, or all), each with its sides and their sources."""
        return read_stories.contradictions(self.store, story_id)

    def events(self, where: EventFilter | None = None, limit: int = 50,
               offset: int = 0) -> Page[EventRow]:
        """One page of event mentions in PLOVER layout, by date; ``where`` filters them, and
        leaves out events below the settings' export threshold unless it sets its own
        ``min_confidence`` (as ``rows("events")`` does)."""
        where = where or EventFilter()
        if where.min_confidence is None:
            where = replace(where, min_confidence=self.settings.min_confidence)
        return read_events.events(self.store, where, limit, offset)

    def actors(self, query: str | None = None, country: str | None = None, limit: int = 50,
               offset: int = 0) -> Page[ActorSummary]:
        """One page of canonical actors, the most mentioned first."""
        return read_actors.actors(self.store, query, country, limit, offset)

    def actor(self, actor_id: str, limit: int = 50, offset: int = 0) -> ActorView | None:
        """One actor: surface forms, a page of its events in each role, quotes, co-actors and
        trend."""
        return read_actors.actor(self.store, actor_id, limit, offset,
                                 self.settings.quote_min_confidence)

    # -- reading ---------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return self.store.article(article_id)

    def articles(self, limit: int = 100, offset: int = 0) -> list[Article]:
        return self.store.articles(limit, offset)

    def analysis(self, article_id: str) -> Analysis | None:
        return self.store.analysis(article_id)

    def article_summaries(self, limit: int = 50, offset: int = 0) -> Page[ArticleSummary]:
        """One page of article metadata (no texts), newest first."""
        return read_articles.articles(self.store, limit, offset)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit)

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def rows(self, table: str, min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
        """Export-ready rows of ``table`` (see :data:`heron.read.export.EXPORT_TABLES`); events
        at or above ``min_confidence`` (default: the settings' export threshold)."""
        threshold = self.settings.min_confidence if min_confidence is None else min_confidence
        return table_rows(self.store, table, threshold, self.settings.quote_min_confidence)


def local_processes(workers: int, n_docs: int, batch_size: int) -> int:
    """Processes worth starting: no more than there are batches to give them (forking
    workers for a handful of articles costs more than it saves)."""
    return max(1, min(workers, n_docs // batch_size))


def open(db_path: str | Path, settings: Settings | None = None, readonly: bool = False) -> Heron:  # noqa: A001
    """Open (creating if needed) a Heron database file, or a ``postgresql://`` database."""
    return Heron(db_path, settings, readonly)
