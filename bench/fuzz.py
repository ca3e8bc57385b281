"""Fuzz ingest for a while: hostile batches (tests/fuzz_inputs.py: random unicode, HTML, JSON
records, extreme dates, raw bytes, odd encodings) through the whole pipeline (read, clean,
store, analyse, fuse), counting examples, documents and exceptions (target: 0). An exception
is anything Heron raised, or a document marked failed; each distinct class is listed.

    python bench/fuzz.py [--seconds 300] [--dry-run]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402

from _report import add_no_record_flag, record  # noqa: E402
from fuzz_inputs import batches, ingest_batch  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    add_no_record_flag(parser)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="heron-fuzz-"))
    counts: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    examples: list[str] = []
    numbers = itertools.count()
    deadline = time.monotonic() + args.seconds

    @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(batch=batches(), published=st.one_of(st.none(), st.just("2025-08-20")))
    def one(batch, published) -> None:
        if time.monotonic() > deadline:
            raise TimeUp
        counts["examples"] += 1
        counts["documents"] += len(batch)
        folder = work / f"x{next(numbers)}"
        try:
            h, report = ingest_batch(folder, batch, published)
        except Exception as exc:  # what the fuzzing is looking for
            cause = f"raised {type(exc).__name__} at {_where(exc)}"
            causes[cause] += 1
            examples.append(f"{cause}: {batch!r:.300}")
            return
        for failure in report.failed:
            causes[f"document failed ({failure.stage}): {failure.reason.split(':')[0]}"] += 1
            examples.append(f"{failure.reason}: {batch!r:.300}")
        counts["stored"] += report.ingested + report.duplicates
        counts["skipped with a reason"] += len(report.skipped)
        h.close()
        shutil.rmtree(folder, ignore_errors=True)

    started = time.monotonic()
    with contextlib.suppress(TimeUp, Unsatisfiable):
        one()
    elapsed = time.monotonic() - started
    shutil.rmtree(work, ignore_errors=True)
    lines = [f"{counts['examples']:,} examples ({counts['documents']:,} input files: "
             f"{counts['stored']:,} documents stored, {counts['skipped with a reason']:,} files or "
             f"records skipped with a reason) in {elapsed:.0f} s; exceptions: "
             f"{sum(causes.values())} (target 0), distinct causes: {len(causes)}", ""]
    lines += [f"- {n} × {cause}" for cause, n in causes.most_common()]
    for example in examples[:5]:
        print("example:", example, file=sys.stderr)
    record("Fuzzing ingest (bench/fuzz.py)", lines, dry_run=args.no_record)


class TimeUp(Exception):
    """The time budget is spent (raised inside the test to end Hypothesis's run)."""


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/heron/" in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"


if __name__ == "__main__":
    main()
