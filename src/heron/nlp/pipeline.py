"""The NLP stage: one spaCy pipeline per process whose last pipes are Heron's stages
(``heron.nlp.components``), run over articles in ``nlp.pipe`` batches.

The spaCy model and every component (knowledge base, lexicons, gazetteer, learned models) are
loaded once per process and reused; ``Pipeline.analyse_each(articles, n_process=N)`` spreads
the work over N processes with spaCy's own multi-processing.

Each document is its own unit of failure, in one process or many: a Heron stage that raises
marks its ``Doc`` (``heron.nlp.components``); when spaCy itself fails inside a batch, the
articles of that batch are analysed again one by one, so only the bad one fails, and
``nlp.pipe`` restarts on the rest. Long texts are analysed as chunks (``heron.nlp.chunks``)
that travel through ``nlp.pipe`` like short articles and are joined again in order.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import re
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from heron.config import ALL_COMPONENTS, Settings
from heron.date_words import MONTHS
from heron.errors import RemoteFailure, describe
from heron.model import Analysis, Article
from heron.nlp.chunks import CHUNK_CHARS, chunk_id, merge, split_chunks
from heron.nlp.components import (
    HERON_PIPES,
    HeronStage,
    add_heron_pipes,
    analysis_of,
    failure_of,
    make_article_doc,
    mark_failed,
    watch_parent_after_fork,
)
from heron.nlp.context import Component

log = logging.getLogger(__name__)


class ModelNotInstalled(RuntimeError):
    pass


def _stage_component(nlp: Language, pipe_name: str) -> Component:
    """The Heron stage object that the pipe ``pipe_name`` of ``nlp`` wraps."""
    pipe = nlp.get_pipe(pipe_name)
    if not isinstance(pipe, HeronStage):
        raise TypeError(f"pipe {pipe_name!r} is not a Heron stage")
    return pipe.component


LINE_START = re.compile(r"(?:^|\n)[ \t]*")
DATELINE_REACH = 90  # characters: a dateline is a short prefix of its line
# Capitalised place, optional region/country and date, optional (agency), a dash, then the
# capitalised start of the story.
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*"
    r"(?:, [A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+)*)?"
    r"(?:,? (?:" + "|".join(month[:3].capitalize() for month in MONTHS) + r")[a-z]*\.? \d{1,2})?"
    r" ?(?:\([A-Za-z .&'’-]{2,30}\))? ?[-–—]+ (?=[A-Z\"“‘'])")


@Language.component("heron_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News text puts headlines, subheadings and datelines on lines of their own without final
    punctuation; the parser would otherwise glue them to the next sentence.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and ("\n" in previous.whitespace_ or "\n" in previous.text):
            token.is_sent_start = True
    for end in _dateline_ends(doc.text):
        first = doc.char_span(end, len(doc.text), alignment_mode="expand")
        if first is not None and first[0].i > 0:
            first[0].is_sent_start = True
    return doc


def _dateline_ends(text: str) -> Iterator[int]:
    """Where the story starts after a wire dateline ("KYIV, March 12 (Reuters) - ",
    "WASHINGTON (AP) — "): the dateline is a unit of its own, so its date never dates the
    events of the first sentence."""
    for line in LINE_START.finditer(text):
        match = DATELINE.match(text, line.end(), line.end() + DATELINE_REACH)
        if match:
            yield match.end()


@lru_cache(maxsize=4)
def load_spacy(model_name: str) -> Language:
    """The bare spaCy pipeline (plus line breaks), loaded once per process: what raw-spaCy
    comparisons and stage-level tests run."""
    return _load_model(model_name)


def _load_model(model_name: str) -> Language:
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model_name!r} is not installed; install it or set HERON_SPACY_MODEL "
            f"to an installed pipeline name"
        ) from exc
    nlp.add_pipe("heron_line_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def build_nlp(settings: Settings) -> Language:
    """A fresh spaCy pipeline with the Heron stages of ``settings.components`` added as real
    components (``heron.nlp.components``); ``nlp.analyze_pipes()`` checks their order."""
    nlp = _load_model(settings.spacy_model)
    add_heron_pipes(nlp, settings, settings.components)
    return nlp


def heron_nlp(settings: Settings) -> Language:
    """The process-wide Heron pipeline for ``settings``' model and stage options (shared by
    every :class:`Pipeline`; each adds the stages it runs). Settings that do not change the
    components, such as ``workers``, share it."""
    return _cached_nlp(settings.spacy_model, settings.kb_paths, settings.learned_models,
                       settings.model_dir)


@lru_cache(maxsize=4)
def _cached_nlp(model: str, kb_paths: tuple, learned_models: bool,
                model_dir: str | None) -> Language:
    return build_nlp(Settings(spacy_model=model, kb_paths=kb_paths, learned_models=learned_models,
                              model_dir=model_dir, components=()))


Result = Analysis | Exception  # an article's analysis, or why it has none


class Pipeline:
    """spaCy + Heron components. Build once, call :meth:`analyse` on batches of articles.

    ``components`` picks a subset of the stages; the others are disabled per call
    (``nlp.pipe(disable=...)``), so subsets share one loaded pipeline."""

    def __init__(self, settings: Settings | None = None, components: Iterable[str] | None = None):
        self.settings = settings or Settings()
        names = tuple(self.settings.components if components is None else components)
        unknown = set(names) - set(ALL_COMPONENTS)
        if unknown:
            raise ValueError(f"unknown NLP components {sorted(unknown)}; known: {ALL_COMPONENTS}")
        self.nlp = heron_nlp(self.settings)
        add_heron_pipes(self.nlp, self.settings, names)
        self.stages = [f"heron_{n}" for n in ALL_COMPONENTS if n in names]
        # The wrapped stage objects, in running order (tests call them on a DocContext).
        self.components: list[Component] = [_stage_component(self.nlp, s) for s in self.stages]
        _freeze_what_is_loaded()

    def analyse(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Analysis]:
        """Analyse articles; yields one :class:`Analysis` per article, in order (raises on the
        first article that cannot be analysed: see :meth:`analyse_each` for isolation)."""
        for _, result in self.analyse_each(articles, n_process):
            if isinstance(result, Exception):
                raise result
            yield result

    def analyse_each(self, articles: Iterable[Article],
                     n_process: int = 1) -> Iterator[tuple[Article, Result]]:
        """Analyse articles, one result per article in order: its :class:`Analysis`, or the
        exception that stopped its analysis. One bad document never stops the others.
        ``n_process`` > 1 runs spaCy's multi-process ``nlp.pipe`` (Heron's stages run in the
        workers); articles are read from ``articles`` only as the workers need them."""
        if n_process > 1:
            watch_parent_after_fork()
        queue: Iterator[Article] = iter(articles)
        while True:
            sent: deque[tuple[Article, int]] = deque()  # taken by nlp.pipe, not answered yet
            source_errors: list[Exception] = []
            stream = self.nlp.pipe(self._inputs(queue, sent, source_errors),
                                   batch_size=self.settings.batch_size,
                                   disable=self.disabled(), n_process=n_process)
            try:
                yield from self._collect(stream, sent)
                return
            except Exception:
                if source_errors:  # reading the articles failed (the store): not a document's fault
                    raise source_errors[0] from None
                if not sent:  # no document in flight: the pipeline itself is broken
                    raise
                log.debug("spaCy failed inside a batch; isolating it", exc_info=True)
            finally:
                if isinstance(stream, Generator):  # Language.pipe is one: closing stops its workers
                    stream.close()
            retry, rest = self._failed_batch(sent)
            for article in retry:
                yield article, self._analyse_alone(article)
            queue = itertools.chain(rest, queue)

    def _inputs(self, articles: Iterator[Article], sent: deque,
                errors: list[Exception]) -> Iterator[Doc]:
        """The ``Doc``s to parse: one per article, one per chunk of a long one."""
        while True:
            try:
                article = next(articles)
            except StopIteration:
                return
            except Exception as exc:
                errors.append(exc)
                raise
            docs = self._article_docs(article)
            sent.append((article, len(docs)))
            yield from docs

    def _article_docs(self, article: Article) -> list[Doc]:
        try:
            if len(article.text) <= CHUNK_CHARS:
                return [make_article_doc(self.nlp, article)]
            chunks = split_chunks(article.text, CHUNK_CHARS)
            return [make_article_doc(self.nlp, replace(article, id=chunk_id(article.id, n), text=c))
                    for n, c in enumerate(chunks)]
        except Exception as exc:  # the tokeniser refused the text: fails alone, in order
            return [mark_failed(self.nlp.make_doc(""), describe(exc))]

    def _collect(self, docs: Iterable[Doc], sent: deque) -> Iterator[tuple[Article, Result]]:
        """Group the parsed docs back into articles (in order) and join chunks."""
        parts: list[Doc] = []
        for doc in docs:
            parts.append(doc)
            article, n_docs = sent[0]
            if len(parts) == n_docs:
                sent.popleft()
                yield article, joined(article, parts)
                parts = []

    def _failed_batch(self, sent: deque) -> tuple[list[Article], list[Article]]:
        """After spaCy failed: the articles of the failing batch (the next ``batch_size`` docs
        not answered, analysed again one by one) and the others taken but not answered."""
        retry: list[Article] = []
        rest: list[Article] = []
        docs = 0
        for article, n_docs in sent:
            (retry if docs < self.settings.batch_size else rest).append(article)
            docs += n_docs
        return retry, rest

    def _analyse_alone(self, article: Article) -> Result:
        """One article through the whole pipeline in this process (its chunks one by one)."""
        docs = []
        for doc in self._article_docs(article):
            try:
                docs.append(self.nlp(doc, disable=self.disabled()))
            except Exception as exc:  # recorded on the article by the caller
                log.debug("analysis of %s failed", article.id, exc_info=True)
                return exc
        return joined(article, docs)

    def docs(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Doc]:
        """The analysed ``Doc`` of each (short) article, in order (results in ``doc._.heron_*``)."""
        inputs = (make_article_doc(self.nlp, a) for a in articles)
        if n_process > 1:
            watch_parent_after_fork()
        return self.nlp.pipe(inputs, batch_size=self.settings.batch_size,
                             disable=self.disabled(), n_process=n_process)

    def disabled(self) -> list[str]:
        """Stages other pipelines added to the shared ``nlp`` that this one does not run."""
        stages = {f"heron_{n}" for n in ALL_COMPONENTS}
        return [n for n in self.nlp.pipe_names if n in stages and n not in self.stages]


def _freeze_what_is_loaded() -> None:
    """The spaCy model, knowledge base, lexicons and learned models live as long as the process
    (some 330,000 objects): moved out of the garbage collector's generations, they are no
    longer walked by every full collection that analysing triggers (about 2 % of Heron's CPU
    time on VOA stories), and forked workers do not copy their pages by touching them."""
    gc.collect()  # what is garbage already is freed first, never frozen
    gc.freeze()


def spacy_only(nlp: Language) -> contextlib.AbstractContextManager:
    """``with spacy_only(nlp):`` runs the model's own pipes without Heron's (raw-spaCy
    comparisons on the same loaded pipeline)."""
    return nlp.select_pipes(disable=[n for n in nlp.pipe_names if n in HERON_PIPES])


def joined(article: Article, docs: list[Doc]) -> Result:
    """The article's analysis from its analysed docs (one, or one per chunk), or why it failed."""
    reasons = [r for r in map(failure_of, docs) if r is not None]
    if reasons:
        return RemoteFailure(reasons[0])
    if len(docs) == 1:
        return analysis_of(docs[0])
    parts, offset = [], 0
    for doc in docs:
        parts.append((offset, analysis_of(doc)))
        offset += len(doc.text)
    return merge(article.id, parts)


@lru_cache(maxsize=2)
def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """The process-wide pipeline (built on first use)."""
    return Pipeline(settings)
