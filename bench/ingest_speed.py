"""Ingest speed: docs/s and peak memory of `heron ingest` (read → clean → dedup → analyse → store).

Builds a corpus of at least 2,000 distinct articles from the VOA stories (each synthetic article
joins a window of sentences of one story to a window of another, so they are realistic in length
and near-duplicate detection does not discard them),
ingests it into a fresh SQLite file, then re-ingests it (the idempotent path), and compares with
raw spaCy ``nlp.pipe`` over the same texts in the same run.

Raw spaCy and Heron each run with one process and with ``--workers`` processes (spaCy's own
``nlp.pipe(n_process=N)``; Heron's stages ride in the same worker processes).

    python bench/ingest_speed.py [--docs 2000] [--workers 2] [--voa ../shared/datasets/voa/stories.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _report import DATASETS, record  # noqa: E402
from heron.api import Heron  # noqa: E402
from heron.config import Settings  # noqa: E402
from heron.nlp.pipeline import load_spacy  # noqa: E402

SENTENCE_END = re.compile(r'(?<=[.!?"”])\s+(?=["“A-Z])')
DEFAULT_VOA = DATASETS / "voa" / "stories.jsonl"


def build_corpus(voa: Path, n_docs: int, out: Path) -> list[str]:
    stories = [json.loads(line) for line in voa.read_text().splitlines() if line.strip()]
    sentences = [SENTENCE_END.split(s["text"]) for s in stories]
    rng = random.Random(13)
    texts = []
    with out.open("w") as fh:
        for i in range(n_docs):
            first, second = rng.sample(sentences, 2)
            text = " ".join(_window(first, 14, rng)) + "\n\n" + " ".join(_window(second, 8, rng))
            texts.append(text)
            fh.write(json.dumps({"id": f"voa-mix-{i}", "text": text, "published": "2025-03-01",
                                 "outlet": "VOA"}) + "\n")
    return texts


def _window(sentences: list[str], size: int, rng: random.Random) -> list[str]:
    start = rng.randint(0, max(0, len(sentences) - size))
    return sentences[start:start + size]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_child_rss_mb() -> float:
    """Peak RSS of the largest finished child process (a spaCy worker), shared pages included."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def raw_spacy_seconds(texts: list[str], settings: Settings, n_process: int) -> float:
    nlp = load_spacy(settings.spacy_model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process and by its finished (joined) children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def heron_ingest(corpus: Path, db: Path, settings: Settings, workers: int) -> tuple[float, Any]:
    with Heron(db, settings) as h:
        start, (main0, kids0) = time.perf_counter(), cpu_seconds()
        report = h.ingest([corpus], workers=workers)
        seconds = time.perf_counter() - start
        main1, kids1 = cpu_seconds()
        # CPU seconds of the writing process and of the worker processes (if any): on a busy
        # machine wall-clock speed-ups mean little, CPU time says where the work went.
        report.cpu_main, report.cpu_workers = main1 - main0, kids1 - kids0
        start = time.perf_counter()
        again = h.ingest([corpus], workers=workers)
        report.reingest_seconds, report.again = time.perf_counter() - start, again
    return seconds, report


def speedup_bound(one: Any, many: Any, cores: int) -> float:
    """Best wall-clock speed-up of the multi-worker run on ``cores`` idle cores: it cannot
    finish before its writer does, nor before all its CPU seconds are spread over the cores."""
    return one.cpu_main / max(many.cpu_main, (many.cpu_main + many.cpu_workers) / cores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--voa", type=Path, default=DEFAULT_VOA)
    parser.add_argument("--workers", type=int, default=2, help="the multi-process run's workers")
    args = parser.parse_args()
    settings = Settings()
    n, w = args.docs, args.workers
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        texts = build_corpus(args.voa, n, corpus)
        words = sum(len(t.split()) for t in texts)
        spacy_1 = raw_spacy_seconds(texts, settings, 1)
        spacy_w = raw_spacy_seconds(texts, settings, w)
        rss_spacy = peak_rss_mb()
        heron_1, report = heron_ingest(corpus, Path(tmp) / "one.db", settings, 1)
        rss_heron = peak_rss_mb()
        heron_w, report_w = heron_ingest(corpus, Path(tmp) / "many.db", settings, w)
        rss_worker = peak_child_rss_mb()

    rate = {k: n / v for k, v in {"s1": spacy_1, "sw": spacy_w, "h1": heron_1, "hw": heron_w}.items()}
    record(f"Ingest speed, 1 and {w} workers (bench/ingest_speed.py)", [
        f"- corpus: {n} distinct articles stitched from VOA stories, {words:,} words; "
        f"{os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.1f}",
        f"- components: {', '.join(settings.components) or '(none)'}; model {settings.spacy_model}",
        f"- raw spaCy nlp.pipe: n_process=1 {spacy_1:.1f} s = {rate['s1']:.1f} docs/s; "
        f"n_process={w} {spacy_w:.1f} s = {rate['sw']:.1f} docs/s",
        f"- heron ingest --workers 1 (read, clean, dedup, analyse, store, fuse): {heron_1:.1f} s = "
        f"**{rate['h1']:.1f} docs/s** ({report.ingested} ingested, {report.duplicates} duplicates,"
        f" {len(report.skipped)} skipped); Heron/spaCy ratio **{rate['h1'] / rate['s1']:.2f}**",
        f"- heron ingest --workers {w}: {heron_w:.1f} s = **{rate['hw']:.1f} docs/s** "
        f"({report_w.ingested} ingested): **{rate['hw'] / rate['h1']:.2f}x** the 1-worker rate; "
        f"ratio to raw spaCy n_process={w} **{rate['hw'] / rate['sw']:.2f}**",
        f"- CPU seconds (load-independent): 1 worker: {report.cpu_main:.0f} s in one process; "
        f"{w} workers: {report_w.cpu_main:.0f} s in the writing process (read, tokenise, ship, "
        f"store, fuse) + {report_w.cpu_workers:.0f} s in the workers (total "
        f"{report_w.cpu_main + report_w.cpu_workers:.0f} s); on {w} idle cores the writer and "
        f"the total CPU bound the speed-up at about **{speedup_bound(report, report_w, w):.2f}x**",
        f"- re-ingest of the same file (idempotent path): {report.reingest_seconds:.1f} s, "
        f"{report.again.unchanged} already present, {report.again.ingested} added",
        f"- peak RSS: {rss_spacy:.0f} MB after raw spaCy, {rss_heron:.0f} MB after the 1-worker "
        f"Heron run; largest worker process {rss_worker:.0f} MB",
    ])


if __name__ == "__main__":
    main()
