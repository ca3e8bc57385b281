"""Shared fixtures: the real spaCy model and the real pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.config import Settings, data_dir

SEEDS_DIR = data_dir() / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from heron.nlp.pipeline import load_spacy

    return load_spacy(Settings().spacy_model)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR
