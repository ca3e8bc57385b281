"""The NLP stage: one spaCy pass per article, then Heron's components over the parsed ``Doc``.

The spaCy model and every component (knowledge base, lexicons, gazetteer) are loaded once
per process and reused; articles are parsed in ``nlp.pipe`` batches.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from heron.config import ALL_COMPONENTS, Settings, year_in_range
from heron.date_words import MONTHS
from heron.model import Analysis, Article, Span
from heron.nlp.chunks import CHUNK_CHARS, chunk_id, merge, split_chunks
from heron.nlp.context import Component, DocContext

log = logging.getLogger(__name__)


class ModelNotInstalled(RuntimeError):
    pass


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
    """Load a spaCy pipeline once per process."""
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model_name!r} is not installed; install it or set HERON_SPACY_MODEL "
            f"to an installed pipeline name"
        ) from exc
    nlp.add_pipe("heron_line_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


class Pipeline:
    """spaCy + Heron components. Build once, call :meth:`analyse` on batches of articles."""

    def __init__(self, settings: Settings | None = None, components: Iterable[str] | None = None):
        self.settings = settings or Settings()
        self.nlp = load_spacy(self.settings.spacy_model)
        names = self.settings.components if components is None else components
        unknown = set(names) - set(ALL_COMPONENTS)
        if unknown:
            raise ValueError(f"unknown NLP components {sorted(unknown)}; known: {ALL_COMPONENTS}")
        self.components: list[Component] = [self._build(name) for name in names]

    def _build(self, name: str) -> Component:
        module = importlib.import_module(f"heron.nlp.{name}")
        return module.build(self.nlp, self.settings)

    def analyse(self, articles: list[Article]) -> Iterator[Analysis]:
        """Analyse a batch; yields one :class:`Analysis` per article, in order (raises on the
        first article that cannot be analysed: see :meth:`analyse_each` for isolation)."""
        for _, result in self.analyse_each(articles):
            if isinstance(result, Exception):
                raise result
            yield result

    def analyse_each(self, articles: list[Article]) -> Iterator[tuple[Article, Analysis | Exception]]:
        """Analyse a batch, one result per article in order: its :class:`Analysis`, or the
        exception that stopped its analysis. One bad document never stops the others."""
        for article, doc in zip(articles, self._docs(articles), strict=True):
            if isinstance(doc, Exception):
                yield article, doc
                continue
            try:
                yield article, (self._analyse_long(article) if doc is None
                                else self.analyse_doc(article, doc))
            except Exception as exc:  # recorded on the article by the caller
                log.debug("analysis of %s failed", article.id, exc_info=True)
                yield article, exc

    def _docs(self, articles: list[Article]) -> Iterator[Doc | Exception | None]:
        """Parsed docs in ``nlp.pipe`` batches (None for a long text: it is parsed in chunks).
        When spaCy fails inside a batch, the rest are parsed one by one so that the failure
        is recorded on its own document."""
        done = 0
        texts = ("" if len(a.text) > CHUNK_CHARS else a.text for a in articles)
        try:
            for doc in self.nlp.pipe(texts, batch_size=self.settings.batch_size):
                yield None if len(articles[done].text) > CHUNK_CHARS else doc
                done += 1
        except Exception:  # which document failed is found below
            log.debug("spaCy failed inside a batch; parsing the rest one by one", exc_info=True)
            for article in articles[done:]:
                yield None if len(article.text) > CHUNK_CHARS else self._parse_one(article.text)

    def _parse_one(self, text: str) -> Doc | Exception:
        try:
            return self.nlp(text)
        except Exception as exc:  # recorded on the article by the caller
            return exc

    def _analyse_long(self, article: Article) -> Analysis:
        """A long text analysed chunk by chunk (see :mod:`heron.nlp.chunks`)."""
        chunks = split_chunks(article.text, CHUNK_CHARS)
        parts, offset = [], 0
        docs = self.nlp.pipe(chunks, batch_size=self.settings.batch_size)
        for index, (chunk, doc) in enumerate(zip(chunks, docs, strict=True)):
            part = replace(article, id=chunk_id(article.id, index), text=chunk)
            parts.append((offset, self.analyse_doc(part, doc)))
            offset += len(chunk)
        return merge(article.id, parts)

    def analyse_doc(self, article: Article, doc) -> Analysis:
        analysis = Analysis(
            article_id=article.id,
            sentences=[Span(s.start_char, s.end_char, s.text) for s in doc.sents],
        )
        ctx = DocContext(article=article, doc=doc, analysis=analysis,
                         published=_parse_date(article.published))
        for component in self.components:
            component(ctx)
        return analysis


def _parse_date(value: str | None) -> date | None:
    if not value or not year_in_range(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=2)
def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """The process-wide pipeline (built on first use)."""
    return Pipeline(settings)
