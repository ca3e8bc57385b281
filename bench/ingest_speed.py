"""Ingest speed: docs/s and peak memory of `heron ingest` (read → clean → dedup → analyse → store).

Builds a corpus of at least 2,000 distinct articles from the VOA stories (each synthetic article
joins a window of sentences of one story to a window of another, so they are realistic in length
and near-duplicate detection does not discard them),
ingests it into a fresh SQLite file, then re-ingests it (the idempotent path), and compares with
raw spaCy ``nlp.pipe`` over the same texts in the same run.

    python bench/ingest_speed.py [--docs 2000] [--voa ../shared/datasets/voa/stories.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import record  # noqa: E402
from heron.api import Heron  # noqa: E402
from heron.config import Settings  # noqa: E402
from heron.nlp.pipeline import load_spacy  # noqa: E402

SENTENCE_END = re.compile(r'(?<=[.!?"”])\s+(?=["“A-Z])')
DEFAULT_VOA = Path(__file__).resolve().parents[1].parent / "shared/datasets/voa/stories.jsonl"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--voa", type=Path, default=DEFAULT_VOA)
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        texts = build_corpus(args.voa, args.docs, corpus)
        words = sum(len(t.split()) for t in texts)

        nlp = load_spacy(settings.spacy_model)
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        spacy_s = time.perf_counter() - start
        rss_spacy = peak_rss_mb()

        with Heron(Path(tmp) / "bench.db", settings) as h:
            start = time.perf_counter()
            report = h.ingest([corpus])
            ingest_s = time.perf_counter() - start
            start = time.perf_counter()
            again = h.ingest([corpus])
            reingest_s = time.perf_counter() - start
        rss_total = peak_rss_mb()

    ratio = (args.docs / ingest_s) / (args.docs / spacy_s)
    record("Ingest speed (bench/ingest_speed.py)", [
        f"- corpus: {args.docs} distinct articles stitched from VOA stories, {words:,} words",
        f"- components: {', '.join(settings.components) or '(none)'}; model {settings.spacy_model}",
        f"- heron ingest (read, clean, dedup, analyse, store): {ingest_s:.1f} s = "
        f"**{args.docs / ingest_s:.1f} docs/s** ({report.ingested} ingested, "
        f"{report.duplicates} duplicates, {len(report.skipped)} skipped)",
        f"- raw spaCy nlp.pipe on the same texts: {spacy_s:.1f} s = {args.docs / spacy_s:.1f} docs/s;"
        f" Heron/spaCy throughput ratio **{ratio:.2f}**",
        f"- re-ingest of the same file (idempotent path): {reingest_s:.1f} s, "
        f"{again.unchanged} already present, {again.ingested} added",
        f"- peak RSS: {rss_spacy:.0f} MB after raw spaCy, {rss_total:.0f} MB after Heron "
        f"(ratio {rss_total / rss_spacy:.2f})",
    ])


if __name__ == "__main__":
    main()
