"""Shared fixtures: the real spaCy model and the real pipeline, loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from heron.config import Settings, data_dir

SEEDS_DIR = data_dir() / "seeds"


def every_mention_takes_a_side() -> Settings:
    """Settings under which every fusable mention may join a fused event and take a side in a
    contradiction, whatever its confidence: for tests of what the matching and contradiction
    *rules* find in invented stories (the learned event model scores many of their plain
    reports below the export threshold, which by default gates both; the gate itself is
    tested in tests/test_fusion_gate.py)."""
    return Settings(contradiction_min_confidence=0.0, fusion_min_confidence=0.0)


def actors_with_kb(nlp, folder: Path, kb_text: str):
    """The real actors component over a knowledge base of only ``kb_text`` (YAML), written to
    ``folder``: resolution tests decide exactly which people the KB knows."""
    from heron.nlp.actors.component import ActorsComponent
    from heron.nlp.actors.kb import load_kb

    (folder / "kb.yaml").write_text(kb_text, encoding="utf-8")
    return ActorsComponent(nlp, load_kb([folder], builtin=False))


def run_component(nlp, component, text: str, *, published: str = "2025-08-20",
                  article_id: str = "t", author: str | None = None):
    """Run one Heron component over ``text`` as the pipeline does (one Doc, its sentences, the
    article's publication date) and return the Analysis it filled."""
    import datetime as dt

    from heron.model import Analysis, Article, Span
    from heron.nlp.context import DocContext

    doc = nlp(text)
    article = Article(id=article_id, text=text, raw_text=text, author=author, published=published)
    analysis = Analysis(article_id=article_id,
                        sentences=[Span(s.start_char, s.end_char, s.text) for s in doc.sents])
    component(DocContext(article, doc, analysis, published=dt.date.fromisoformat(published)))
    return analysis


class _Failing:
    """A real stage wrapped to raise on texts that carry a marker: stands for any bug."""

    def __init__(self, stage, marker: str):
        self.stage, self.marker = stage, marker

    def __call__(self, ctx) -> None:
        if self.marker in ctx.text:
            raise RuntimeError("boom in a component")
        self.stage(ctx)


@contextmanager
def failing_stage(marker: str, settings: Settings | None = None) -> Iterator[None]:
    """The shared pipeline's (of ``settings``) actors stage raises on texts carrying
    ``marker`` (forked workers inherit it; a Dask worker enters it in a worker plugin)."""
    from heron.nlp.pipeline import get_pipeline

    pipe = get_pipeline(settings or Settings()).nlp.get_pipe("heron_actors")
    real = pipe.component
    pipe.component = _Failing(real, marker)
    try:
        yield
    finally:
        pipe.component = real


@pytest.fixture(scope="session")
def nlp():
    from heron.nlp.pipeline import load_spacy

    return load_spacy(Settings().spacy_model)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A database file holding the ingested, analysed and fused seed corpus (one per module:
    some modules migrate or rewrite it)."""
    from heron.api import Heron

    db = tmp_path_factory.mktemp("seeded") / "h.db"
    with Heron(db) as h:
        h.ingest([seeds_dir], published="2025-08-20", workers=1)
    return db


def news_corpus(path: Path, n: int, seed: int = 7) -> list[dict]:
    """``n`` distinct news-like articles stitched from windows of the seed and multi-outlet
    test articles (real sentences, so every NLP stage has work), written as JSONL to ``path``."""
    import json
    import random
    import re

    texts = [p.read_text() for p in sorted(SEEDS_DIR.glob("*.txt"))]
    for jsonl in sorted((Path(__file__).parent / "data").glob("multi_outlet_*.jsonl")):
        texts += [json.loads(line)["text"] for line in jsonl.read_text().splitlines() if line]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", t)
                 if len(s) > 30]
    rng = random.Random(seed)
    records = []
    for i in range(n):
        start = rng.randrange(len(sentences) - 8)
        other = rng.randrange(len(sentences) - 4)
        text = " ".join(sentences[start:start + 6]) + "\n\n" + " ".join(sentences[other:other + 3])
        records.append({"id": f"mix-{i}", "text": text, "published": "2025-08-20",
                        "outlet": f"Outlet {i % 5}"})
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return records


@pytest.fixture(scope="session")
def postgres_base_url():
    """A real PostgreSQL server for the session. Skipped when psycopg or the server binaries are
    absent, unless HERON_REQUIRE_POSTGRES=1 (CI), where that fails."""
    import importlib.util

    from pgserver import bindir, postgres_server

    problem = None
    if importlib.util.find_spec("psycopg") is None:
        problem = "the `postgres` extra is not installed (pip install -e '.[dev]')"
    elif bindir() is None:
        problem = "PostgreSQL binaries not found: install the Debian package `postgresql`"
    if problem and os.environ.get("HERON_REQUIRE_POSTGRES") == "1":
        pytest.fail(problem)
    if problem:
        pytest.skip(problem)
    with postgres_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_base_url: str, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on the session's server."""
    from pgserver import create_database

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower()
    return create_database(postgres_base_url, name)
