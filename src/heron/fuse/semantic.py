"""Semantic similarity of articles for story clustering: static token embeddings from
``wordllama`` (256-d, the weights ship inside its wheel; numpy only, no network).

TF-IDF over actors, places and words says two articles are about the same countries; it
cannot tell a missile test from a summit between the same two. The mean token embedding of
an article's title and lead is a cheap signal of *what happened* beside it. When the package
or its files are missing, :func:`embed` returns None and stories fall back to TF-IDF alone.
"""

from __future__ import annotations

import base64
import logging
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

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


def embed(title: str | None, text: str) -> np.ndarray | None:
    """Unit-length embedding of the article's title and lead (None without the model)."""
    wl = model()
    if wl is None:
        return None
    lead = f"{title or ''}\n{text[:LEAD_CHARS]}".strip()
    if not lead:
        return None
    return np.asarray(wl.embed([lead], norm=True)[0], dtype=np.float32)


# Story records are JSON read for every candidate story of every article: a vector is stored as
# base64 float32 (one string to parse), not as 256 JSON numbers (~7× slower to load).
def pack(vector: np.ndarray) -> str:
    return base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode("ascii")


def unpack(packed: str | list[float]) -> np.ndarray:
    if isinstance(packed, list):
        return np.asarray(packed, dtype=np.float32)
    return np.frombuffer(base64.b64decode(packed), dtype=np.float32)


def add(total: str | None, vector: np.ndarray | str | None) -> str | None:
    """Running sum of member embeddings (a story's semantic centroid), packed."""
    if vector is None:
        return total
    vector = unpack(vector) if isinstance(vector, str) else vector
    return pack(vector if total is None else unpack(total) + vector)


def similarity(vector: np.ndarray | None, total: str | None) -> float | None:
    """Cosine of a unit embedding with a story's summed embeddings; None when either is
    unknown."""
    if vector is None or not total:
        return None
    summed = unpack(total)
    norm = float(np.linalg.norm(summed)) or 1.0
    return float(vector @ summed) / norm


def unit(total: str) -> np.ndarray:
    summed = unpack(total)
    return summed / (float(np.linalg.norm(summed)) or 1.0)
