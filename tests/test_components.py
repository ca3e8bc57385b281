"""Heron's stages as real spaCy components: factories, declared order, results on the Doc that
survive pickling and ``Doc.to_bytes``, and spaCy's own multi-process ``nlp.pipe``."""

from __future__ import annotations

import pickle
from dataclasses import asdict
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from spacy.tokens import Doc

from heron.config import ALL_COMPONENTS, Settings
from heron.model import Article, plain
from heron.nlp.components import analysis_data, analysis_of, make_article_doc
from heron.nlp.pipeline import Pipeline, _stage_component, build_nlp

STAGES = [f"heron_{name}" for name in ALL_COMPONENTS]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def seed_articles(seeds_dir: Path) -> list[Article]:
    return [Article(id=p.stem, text=p.read_text(), raw_text=p.read_text(), published="2025-08-20")
            for p in sorted(seeds_dir.glob("*.txt"))]


def test_stages_are_factories_in_a_valid_order(pipeline: Pipeline) -> None:
    names = pipeline.nlp.pipe_names
    assert [n for n in names if n in STAGES] == STAGES
    assert names[-1] == "heron_analysis"
    assert names.index("ner") < names.index("heron_actors")
    analysis = pipeline.nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    assert analysis["attrs"]["doc._.heron_mentions"]["assigns"] == ["heron_actors"]
    assert "heron_events" in analysis["attrs"]["doc._.heron_quotes"]["requires"]


def test_only_heron_pipes_wrap_a_stage(pipeline: Pipeline) -> None:
    assert _stage_component(pipeline.nlp, "heron_events") is pipeline.components[-1]
    assert type(pipeline.components[-1]).__name__ == "EventCoder"
    with pytest.raises(TypeError, match="'ner' is not a Heron stage"):
        _stage_component(pipeline.nlp, "ner")


def test_wrong_order_is_reported_by_analyze_pipes() -> None:
    nlp = build_nlp(Settings(components=("events",)))
    problems = nlp.analyze_pipes()["problems"]["heron_events"]
    assert "doc._.heron_mentions" in problems and "doc._.heron_quotes" in problems


def test_settings_are_factory_config(pipeline: Pipeline) -> None:
    assert pipeline.nlp.get_pipe_config("heron_events")["learned_models"] is True
    assert pipeline.nlp.get_pipe_config("heron_actors")["kb_paths"] == []


def test_results_live_on_the_doc_and_survive_pickle_and_bytes(pipeline: Pipeline,
                                                              seed_articles: list[Article]) -> None:
    doc = next(pipeline.docs(seed_articles[:1]))
    assert doc._.heron_events and doc._.heron_mentions and doc._.heron_quotes
    expected = analysis_of(doc).to_dict()
    assert "heron_context" not in doc.user_data  # no live objects left on the Doc
    pickled = pickle.loads(pickle.dumps(doc))
    assert analysis_of(pickled).to_dict() == expected
    restored = Doc(pipeline.nlp.vocab).from_bytes(doc.to_bytes())
    assert analysis_of(restored).to_dict() == expected
    assert [e.id for e in restored._.heron_events] == [e["id"] for e in expected["events"]]


def test_select_pipes_runs_a_subset(pipeline: Pipeline, seed_articles: list[Article]) -> None:
    doc = make_article_doc(pipeline.nlp, seed_articles[0])
    with pipeline.nlp.select_pipes(disable=["heron_quotes", "heron_events"]):
        for _, component in pipeline.nlp.pipeline:
            doc = component(doc)
    assert doc._.heron_mentions and doc._.heron_timexes
    assert doc._.heron_quotes == [] and doc._.heron_events == []


def test_spacy_multiprocess_pipe_carries_the_stages(pipeline: Pipeline,
                                                     seed_articles: list[Article]) -> None:
    one = [a.to_dict() for a in pipeline.analyse(seed_articles)]
    two = [a.to_dict() for a in pipeline.analyse(seed_articles, n_process=2)]
    assert [a["article_id"] for a in two] == [a.id for a in seed_articles]
    assert two == one
    assert sum(len(a["events"]) for a in two) > 20


class _Pair(NamedTuple):
    left: Any
    right: Any


def test_plain_data_is_what_asdict_gives(pipeline: Pipeline, seed_articles: list[Article]) -> None:
    analyses = list(pipeline.analyse(seed_articles))
    assert any(a.events and a.quotes and a.mentions for a in analyses)
    for analysis in analyses:
        assert analysis_data(analysis) == asdict(analysis)
    # Values the document model does not hold today are converted as asdict converts them too:
    # tuples, named tuples, nested containers and other objects (copied, not shared).
    mention = analyses[0].mentions[0]
    mention.evidence = {"pair": _Pair([1], {"a": (2.5, None)}), "tuple": (mention.sentence,),
                        "set": {"x"}, "nested": [{"k": [True]}]}
    data = plain(mention)
    assert data == asdict(mention) and type(data["evidence"]["pair"]) is _Pair
    assert data["evidence"]["set"] is not mention.evidence["set"]
    assert data["evidence"]["nested"][0] is not mention.evidence["nested"][0]
