"""Semantic similarity of articles for story clustering: static token embeddings from
``wordllama`` (256-d, the weights ship inside its wheel; numpy only, no network).

TF-IDF over actors, places and words says two articles are about the same countries; it
cannot tell a missile test from a summit between the same two. The mean token embedding of
an article's title and lead is a cheap signal of *what happened* beside it. When the package
or its files are missing, :func:`embed` returns None and stories fall back to TF-IDF alone.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LEAD_CHARS = 600  # title + this much of the text: the lead says what happened
DIMENSIONS = 256
TOKENIZER = "l2_supercat_tokenizer_config.json"


def _cache_dir() -> Path:
    """A folder whose ``tokenizers/`` holds the packaged tokenizer config: wordllama looks for
    it there and would otherwise try to download it."""
    base = Path(os.environ.get("HERON_CACHE_DIR") or Path.home() / ".cache" / "heron")
    try:
        (base / "wordllama" / "tokenizers").mkdir(parents=True, exist_ok=True)
        return base / "wordllama"
    except OSError:  # read-only home: a private temporary folder
        folder = Path(tempfile.mkdtemp(prefix="heron-wordllama-"))
        (folder / "tokenizers").mkdir()
        return folder


@lru_cache(maxsize=1)
def model() -> Any | None:
    """The wordllama model, loaded once per process; None when unavailable."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        log.warning("wordllama is not installed: stories use TF-IDF similarity only")
        return None
    packaged = Path(wordllama.__file__).parent / "tokenizers" / TOKENIZER
    cache = _cache_dir()
    target = cache / "tokenizers" / TOKENIZER
    try:
        if not target.exists():
            shutil.copyfile(packaged, target)
        return WordLlama.load(cache_dir=cache, disable_download=True)
    except Exception as exc:  # noqa: BLE001 - any failure leaves TF-IDF in charge, said once
        log.warning("wordllama could not be loaded (%s): stories use TF-IDF similarity only", exc)
        return None


def embed(title: str | None, text: str) -> list[float] | None:
    """Unit-length embedding of the article's title and lead (None without the model)."""
    wl = model()
    if wl is None:
        return None
    lead = f"{title or ''}\n{text[:LEAD_CHARS]}".strip()
    if not lead:
        return None
    vector = wl.embed([lead], norm=True)[0]
    return [round(float(v), 5) for v in vector]


def add(total: list[float] | None, vector: list[float] | None) -> list[float] | None:
    """Running sum of member embeddings (a story's semantic centroid)."""
    if vector is None:
        return total
    if total is None:
        return list(vector)
    return [round(a + b, 5) for a, b in zip(total, vector, strict=True)]


def unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


def similarity(vector: list[float] | None, total: list[float] | None) -> float | None:
    """Cosine of an article's embedding with a story's summed embeddings; None when either is
    unknown."""
    if vector is None or not total:
        return None
    norm = math.sqrt(sum(v * v for v in total)) or 1.0
    return sum(a * b for a, b in zip(vector, total, strict=True)) / norm
