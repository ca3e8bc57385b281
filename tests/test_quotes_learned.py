"""The shipped learned quote models (``make train``, scripts/train_quotes.py) on invented news
sentences: they load, keep real attributions with a confidence, and drop cues that report no
statement. Every snippet is made up for the test."""

from __future__ import annotations

import pytest

from heron.config import Settings, model_dir
from heron.model import Article, Quote
from heron.nlp.pipeline import Pipeline
from heron.nlp.quotes.learned import CUE_MODEL, SPAN_MODEL, load_quote_models


@pytest.fixture(scope="module")
def models():
    loaded = load_quote_models()
    assert loaded is not None, f"no quote models in {model_dir()} (run `make train`)"
    return loaded


@pytest.fixture(scope="module")
def pipeline(nlp) -> Pipeline:
    return Pipeline(components=("actors", "timexes", "quotes"))


def _quotes(pipeline: Pipeline, text: str) -> list[Quote]:
    article = Article(id="l", text=text, raw_text=text, published="2025-03-04")
    return next(pipeline.analyse([article])).quotes


def test_shipped_models_load(models) -> None:
    assert (model_dir() / CUE_MODEL).exists() and (model_dir() / SPAN_MODEL).exists()
    assert 0.0 < models.keep_threshold < 1.0
    assert 0.0 < models.add_threshold <= 1.0
    assert models.cues.labels == ["NONE", "QUOTE"]
    assert models.cues.meta["corpus"] == "bench/data/gold/train.jsonl"


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The port authority said on Monday that the new terminal would open in June.", "said",
     "the new terminal would open in June"),
    ('"We have nothing to hide," the mayor of Lanberg told reporters.', "told",
     "We have nothing to hide"),
    ("Farm unions warned that milk prices would fall further this winter.", "warned",
     "milk prices would fall further this winter"),
])
def test_real_attributions_kept_with_confidence(pipeline, text, cue, content) -> None:
    quotes = [q for q in _quotes(pipeline, text) if q.cue.text == cue]
    assert quotes, f"no quote with cue {cue!r}"
    assert content in quotes[0].content.text
    assert 0.0 < quotes[0].confidence <= 1.0


@pytest.mark.parametrize(("text", "not_content"), [
    ("The minister's speech made no mention of dismantling the border camps.", "dismantling"),
    ("The delegation decided to travel to the coast on Friday.", "travel to the coast"),
])
def test_cues_that_report_no_statement_are_not_exported(pipeline, text, not_content) -> None:
    # the analysis may keep such a rule quote, flagged by a confidence below the export threshold
    threshold = Settings().quote_min_confidence
    exported = [q for q in _quotes(pipeline, text) if q.confidence >= threshold and not q.negated]
    assert not any(not_content in q.content.text for q in exported), exported


def test_quotation_over_several_sentences_keeps_its_first_sentences(pipeline) -> None:
    # the parser ends a sentence inside the quotation: the cue's sentence opens with "But", a
    # lead-in the learned content options drop only from a content that opens that sentence
    text = ('"We will rebuild the bridge. It will take two years. But we have no money for it '
            'yet," the mayor of Lanberg said on Monday.')
    quotes = [q for q in _quotes(pipeline, text) if q.cue.text == "said"]
    assert quotes, "no quote with cue 'said'"
    assert quotes[0].content.text.startswith('"We will rebuild the bridge.')
    assert "But we have no money" in quotes[0].content.text
