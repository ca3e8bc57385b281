"""The NLP stage: one spaCy pipeline per process whose last pipes are Heron's stages
(``heron.nlp.components``), run over articles in ``nlp.pipe`` batches.

The spaCy model and every component (knowledge base, lexicons, gazetteer) are loaded once
per process and reused; ``Pipeline.analyse(articles, n_process=N)`` spreads the work over N
processes with spaCy's own multi-processing.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from heron.config import ALL_COMPONENTS, Settings
from heron.model import Analysis, Article
from heron.nlp.components import (
    HERON_PIPES,
    add_heron_pipes,
    analysis_of,
    make_article_doc,
    watch_parent_after_fork,
)
from heron.nlp.context import Component

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
    r"(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2})?"
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
    return _cached_nlp(settings.spacy_model, settings.kb_paths, settings.learned_models)


@lru_cache(maxsize=4)
def _cached_nlp(model: str, kb_paths: tuple, learned_models: bool) -> Language:
    return build_nlp(Settings(spacy_model=model, kb_paths=kb_paths, learned_models=learned_models,
                              components=()))


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
        self.components: list[Component] = [self.nlp.get_pipe(s).component for s in self.stages]

    def analyse(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Analysis]:
        """Analyse articles; yields one :class:`Analysis` per article, in order. ``n_process``
        > 1 runs spaCy's multi-process ``nlp.pipe`` (Heron's stages run in the workers)."""
        for doc in self.docs(articles, n_process):
            yield analysis_of(doc)

    def docs(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Doc]:
        """The analysed ``Doc`` of each article, in order (results in ``doc._.heron_*``)."""
        inputs = (make_article_doc(self.nlp, a) for a in articles)
        if n_process > 1:
            watch_parent_after_fork()
        return self.nlp.pipe(inputs, batch_size=self.settings.batch_size,
                             disable=self.disabled(), n_process=n_process)

    def disabled(self) -> list[str]:
        """Stages other pipelines added to the shared ``nlp`` that this one does not run."""
        stages = {f"heron_{n}" for n in ALL_COMPONENTS}
        return [n for n in self.nlp.pipe_names if n in stages and n not in self.stages]


def spacy_only(nlp: Language) -> contextlib.AbstractContextManager:
    """``with spacy_only(nlp):`` runs the model's own pipes without Heron's (raw-spaCy
    comparisons on the same loaded pipeline)."""
    return nlp.select_pipes(disable=[n for n in nlp.pipe_names if n in HERON_PIPES])


@lru_cache(maxsize=2)
def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """The process-wide pipeline (built on first use)."""
    return Pipeline(settings)
