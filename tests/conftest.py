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
