"""Shared fixtures: the real spaCy model and the real pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.config import Settings, data_dir

SEEDS_DIR = data_dir() / "seeds"


def every_mention_takes_a_side() -> Settings:
    """Settings under which every fused mention may take a side in a contradiction, whatever
    its confidence: for tests of what the contradiction *rules* find in invented stories (the
    learned event model scores many of their plain conflict reports below the export
    threshold, which by default gates contradiction evidence)."""
    return Settings(contradiction_min_confidence=0.0)


def actors_with_kb(nlp, folder: Path, kb_text: str):
    """The real actors component over a knowledge base of only ``kb_text`` (YAML), written to
    ``folder``: resolution tests decide exactly which people the KB knows."""
    from heron.nlp.actors import ActorsComponent
    from heron.nlp.actors.kb import load_kb

    (folder / "kb.yaml").write_text(kb_text, encoding="utf-8")
    return ActorsComponent(nlp, load_kb([folder], builtin=False))


@pytest.fixture(scope="session")
def nlp():
    from heron.nlp.pipeline import load_spacy

    return load_spacy(Settings().spacy_model)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR
