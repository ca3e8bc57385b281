"""Heron's NLP stages as real spaCy components (``@Language.factory``).

Each factory wraps the existing stage class unchanged (``heron.nlp.<stage>.build``) so the stage
internals stay plain Python over a :class:`DocContext`; this module only adapts them to spaCy:

* ``heron_actors`` → ``heron_timexes`` → ``heron_places`` → ``heron_quotes`` → ``heron_events``
  share one ``DocContext`` per ``Doc`` while the ``Doc`` is inside the pipeline;
* ``heron_analysis`` (last) turns the context's ``Analysis`` into plain JSON-like data in
  ``doc.user_data["heron"]`` and drops the context, so the ``Doc`` serialises with
  ``Doc.to_bytes`` (msgpack) and pickles. That is what lets spaCy's own
  ``nlp.pipe(n_process=N)`` and Dask ship Heron's results between processes.

The article a ``Doc`` belongs to travels in ``doc.user_data["heron_article"]`` (id, published,
outlet, title, author); :func:`make_article_doc` sets it. ``doc._.heron_mentions`` etc. expose
each stage's records; :func:`analysis_of` returns the whole ``Analysis``.

Each document is its own unit of failure: a stage that raises on a ``Doc`` records the reason in
``doc.user_data["heron_error"]`` (plain text, so it crosses processes too), the later stages
leave that ``Doc`` alone, and the batch goes on (:func:`failure_of` reads it back).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from heron.config import Settings, year_in_range
from heron.errors import describe
from heron.model import Actor, Analysis, Article, Span, plain
from heron.nlp.context import Component, DocContext
from heron.store.records import TABLES, analysis_from_rows

log = logging.getLogger(__name__)
ARTICLE_KEY = "heron_article"  # user_data: the article metadata the stages need
CONTEXT_KEY = "heron_context"  # user_data: the shared DocContext while the Doc is in the pipeline
ANALYSIS_KEY = "heron"  # user_data: the finished Analysis as plain data (msgpack/pickle-safe)
ERROR_KEY = "heron_error"  # user_data: why a stage failed on this Doc (plain text)
ARTICLE_FIELDS = ("id", "published", "outlet", "title", "author")
STAGE_NAMES = ("actors", "timexes", "places", "quotes", "events")
HERON_PIPES = (*(f"heron_{s}" for s in STAGE_NAMES), "heron_analysis")
# Parsed annotations every stage reads (the model's parser and NER assign them).
PARSE = ["token.dep", "token.head", "token.lemma", "doc.ents"]


# -- the Doc ↔ Analysis bridge ------------------------------------------------------------------
def make_article_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised ``Doc`` of the article's text carrying its metadata for the Heron stages."""
    doc = nlp.make_doc(article.text)
    doc.user_data[ARTICLE_KEY] = {f: getattr(article, f) for f in ARTICLE_FIELDS}
    return doc


def context_of(doc: Doc) -> DocContext:
    """The ``DocContext`` shared by the Heron stages for ``doc`` (created by the first stage)."""
    ctx = doc.user_data.get(CONTEXT_KEY)
    if ctx is None:
        meta = doc.user_data.get(ARTICLE_KEY) or {"id": "doc"}
        text = doc.text
        fields: dict[str, Any] = {f: meta.get(f) for f in ARTICLE_FIELDS}  # user_data is untyped
        article = Article(text=text, raw_text=text, **fields)
        ctx = DocContext(article=article, doc=doc, analysis=Analysis(article_id=article.id),
                         published=_parse_date(article.published))
        # The context's sentences, listed once (``Doc.sents`` walks every token per call); a
        # span's text is the text between its offsets.
        ctx.analysis.sentences = [Span(s.start_char, s.end_char, text[s.start_char:s.end_char])
                                  for s in ctx.sents]
        doc.user_data[CONTEXT_KEY] = ctx
    return ctx


def analysis_of(doc: Doc) -> Analysis:
    """The ``Analysis`` of a ``Doc`` that went through (some of) the Heron stages."""
    ctx = doc.user_data.get(CONTEXT_KEY)
    if ctx is not None:  # still inside the pipeline (or heron_analysis was disabled)
        return ctx.analysis
    data = doc.user_data.get(ANALYSIS_KEY)
    if data is None:
        return context_of(doc).analysis
    return analysis_from_data(data)


def analysis_data(analysis: Analysis) -> dict[str, Any]:
    """``Analysis`` as JSON-like data: the same dicts the store writes as JSON."""
    return plain(analysis)


def analysis_from_data(data: dict[str, Any]) -> Analysis:
    tables = {table: data[attribute] for table, (attribute, _) in TABLES.items()}
    analysis = analysis_from_rows(data["article_id"], data["sentences"], tables)
    analysis.actors = [Actor(**a) for a in data["actors"]]
    return analysis


def failure_of(doc: Doc) -> str | None:
    """Why the Heron stages could not analyse ``doc`` (None when they could)."""
    return doc.user_data.get(ERROR_KEY)


def mark_failed(doc: Doc, reason: str) -> Doc:
    """Record that ``doc`` cannot be analysed; later stages skip it."""
    doc.user_data[ERROR_KEY] = reason
    doc.user_data.pop(CONTEXT_KEY, None)
    return doc


def _parse_date(value: str | None) -> date | None:
    if not value or not year_in_range(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _records(attribute: str):
    return lambda doc: getattr(analysis_of(doc), attribute)


for _attribute in ("mentions", "actors", "timexes", "places", "quotes", "events"):
    if not Doc.has_extension(f"heron_{_attribute}"):
        Doc.set_extension(f"heron_{_attribute}", getter=_records(_attribute))
if not Doc.has_extension("heron_analysis"):
    Doc.set_extension("heron_analysis", getter=analysis_of)


# -- the stage wrappers --------------------------------------------------------------------------
class HeronStage:
    """A spaCy pipe running one Heron stage over the ``Doc``'s shared ``DocContext``."""

    def __init__(self, name: str, component: Component):
        self.name = name
        self.component = component  # the wrapped stage (bench/speed.py times it in place)

    def __call__(self, doc: Doc) -> Doc:
        if failure_of(doc) is not None:
            return doc
        try:
            self.component(context_of(doc))
        except Exception as exc:  # one document's failure must not stop the batch
            log.debug("%s failed on %s", self.name, doc.user_data.get(ARTICLE_KEY), exc_info=True)
            mark_failed(doc, describe(exc))
        return doc


def _settings(**overrides: Any) -> Settings:
    return Settings(**overrides)


@Language.factory("heron_actors", requires=[*PARSE, "doc.sents"],
                  assigns=["doc._.heron_mentions", "doc._.heron_actors"],
                  default_config={"kb_paths": []})
def make_actors(nlp: Language, name: str, kb_paths: list[str]) -> HeronStage:
    from heron.nlp import actors

    settings = _settings(kb_paths=tuple(Path(p) for p in kb_paths))
    return HeronStage(name, actors.build(nlp, settings))


@Language.factory("heron_timexes", requires=[*PARSE, "doc.sents"],
                  assigns=["doc._.heron_timexes"])
def make_timexes(nlp: Language, name: str) -> HeronStage:
    from heron.nlp import timexes

    return HeronStage(name, timexes.build(nlp, _settings()))


@Language.factory("heron_places", requires=["doc.ents", "doc._.heron_mentions", "doc._.heron_timexes"],
                  assigns=["doc._.heron_places"])
def make_places(nlp: Language, name: str) -> HeronStage:
    from heron.nlp import places

    return HeronStage(name, places.build(nlp, _settings()))


# ``model_dir``: the learned models' folder (HERON_MODEL_DIR); None means the process's default
# (the shipped models), so a Dask worker on another machine finds its own copy. ``tuning``: the
# quote rules' thresholds (the fields of ``heron.nlp.quotes.tuning.QuoteTuning``); one left out
# keeps its default. ``stage_config`` writes them all out, so ``nlp.config`` shows every value.
@Language.factory("heron_quotes", requires=[*PARSE, "doc._.heron_mentions", "doc._.heron_timexes"],
                  assigns=["doc._.heron_quotes"], default_config={"model_dir": None, "tuning": {}})
def make_quotes(nlp: Language, name: str, model_dir: str | None, tuning: dict[str, int]) -> HeronStage:
    from heron.nlp import quotes

    settings = _settings(model_dir=model_dir)
    return HeronStage(name, quotes.build(nlp, settings, quotes.QuoteTuning.from_config(tuning)))


@Language.factory("heron_events",
                  requires=[*PARSE, "doc._.heron_mentions", "doc._.heron_timexes",
                            "doc._.heron_places", "doc._.heron_quotes"],
                  assigns=["doc._.heron_events"],
                  default_config={"learned_models": True, "model_dir": None})
def make_events(nlp: Language, name: str, learned_models: bool,
                model_dir: str | None) -> HeronStage:
    from heron.nlp import events

    return HeronStage(name, events.build(
        nlp, _settings(learned_models=learned_models, model_dir=model_dir)))


class AnalysisWriter:
    """The last pipe: the finished ``Analysis`` as plain data in ``doc.user_data`` and no live
    context left on the ``Doc`` (the context holds the Doc itself and token references).

    Unless ``keep_tensor``, it also drops ``doc.tensor`` (the tok2vec output, half of a
    serialised ``Doc``): nothing after the stages needs it, and multi-process runs ship every
    ``Doc`` back to the writing process."""

    def __init__(self, keep_tensor: bool):
        self.keep_tensor = keep_tensor

    def __call__(self, doc: Doc) -> Doc:
        if failure_of(doc) is None:
            analysis = context_of(doc).analysis
            doc.user_data.pop(CONTEXT_KEY, None)
            doc.user_data[ANALYSIS_KEY] = analysis_data(analysis)
        if not self.keep_tensor:
            doc.tensor = numpy.zeros((0,), dtype="float32")
        return doc


@Language.factory("heron_analysis", assigns=["doc._.heron_analysis"],
                  default_config={"keep_tensor": False})
def make_analysis(nlp: Language, name: str, keep_tensor: bool) -> AnalysisWriter:
    return AnalysisWriter(keep_tensor)


def stage_config(stage: str, settings: Settings) -> dict[str, Any]:
    """The factory config of a stage for these settings."""
    if stage == "actors":
        return {"kb_paths": [str(p) for p in settings.kb_paths]}
    if stage == "events":
        return {"learned_models": settings.learned_models, "model_dir": settings.model_dir}
    if stage == "quotes":
        from heron.nlp.quotes.tuning import QuoteTuning  # here: only pipelines that run quotes load it

        return {"model_dir": settings.model_dir, "tuning": asdict(QuoteTuning())}
    return {}


def add_heron_pipes(nlp: Language, settings: Settings, stages: Iterable[str] = STAGE_NAMES) -> None:
    """Add the Heron ``stages`` not in ``nlp`` yet, each at its place in the dependency order,
    and the analysis writer last. Stages are added on demand, so a process running only some
    of them (``HERON_COMPONENTS``) never loads the others' knowledge bases."""
    if "heron_analysis" not in nlp.pipe_names:
        nlp.add_pipe("heron_analysis")
    for stage in STAGE_NAMES:
        name = f"heron_{stage}"
        if stage not in stages or name in nlp.pipe_names:
            continue
        later = [f"heron_{s}" for s in STAGE_NAMES[STAGE_NAMES.index(stage) + 1:]]
        before = next((n for n in later if n in nlp.pipe_names), "heron_analysis")
        nlp.add_pipe(name, before=before, config=stage_config(stage, settings))


# -- worker hygiene ---------------------------------------------------------------------------
_fork_hook_registered = False


def watch_parent_after_fork() -> None:
    """Make every process forked from now on (spaCy's ``nlp.pipe(n_process=N)`` workers) exit
    when its parent dies.

    spaCy's workers block on their input queue forever once the parent is gone (``kill -9`` of
    ``heron ingest``), each keeping a model in memory; a thread polling the parent id ends them.
    """
    global _fork_hook_registered
    if not _fork_hook_registered:
        os.register_at_fork(after_in_child=_start_watchdog)
        _fork_hook_registered = True


def _start_watchdog() -> None:
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="heron-parent-watch", daemon=True).start()
