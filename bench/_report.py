"""Shared helper for benchmark scripts: print figures and record them in docs/BENCHMARKS.md."""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCHMARKS_MD = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"
# The development datasets (README in each): ../shared/datasets beside the checkout, or
# HERON_DATASETS for a checkout elsewhere (a git worktree, a CI machine).
DATASETS = Path(os.environ.get("HERON_DATASETS")
                or Path(__file__).resolve().parents[2] / "shared" / "datasets")
HEADER = (
    "# Benchmarks\n\n"
    "Figures measured by the scripts in `bench/`; each section records the exact command, the\n"
    "date and the machine. Newest sections are appended at the end.\n"
)


def add_no_record_flag(parser: argparse.ArgumentParser) -> None:
    """``--no-record`` (alias ``--dry-run``): print the figures without appending them to
    BENCHMARKS.md — one spelling for every bench script, the old one still accepted."""
    parser.add_argument("--no-record", "--dry-run", dest="no_record", action="store_true",
                        help="print only; do not append to docs/BENCHMARKS.md")


def record(title: str, lines: list[str], dry_run: bool = False) -> None:
    """Print ``lines`` and append them, with the command that produced them, to BENCHMARKS.md
    (``dry_run``: print only, while iterating)."""
    body = "\n".join(lines)
    print(body)
    if dry_run:
        return
    command = "python " + " ".join(shlex.quote(a) for a in sys.argv)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    section = f"\n## {title}\n\n`{command}` — {stamp}, {machine}\n\n{body}\n"
    if not BENCHMARKS_MD.exists():
        BENCHMARKS_MD.parent.mkdir(parents=True, exist_ok=True)
        BENCHMARKS_MD.write_text(HEADER)
    with BENCHMARKS_MD.open("a") as fh:
        fh.write(section)
