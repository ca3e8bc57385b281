"""Fusion invariants (issue #15) counted over fused databases: contradictions from a single
outlet, contradictions with one sentence on two sides, fused events counting a sentence twice.

    .venv/bin/python bench/fusion_invariants.py --db NAME=/tmp/ecb.db [--db NAME=PATH ...]
    .venv/bin/python bench/fusion_invariants.py --db ecb=/tmp/ecb.db --refuse   # fuse again first

Each database must be analysed and fused (``bench/event_coref.py --db`` keeps one for ECB+).
With ``--refuse`` the fusion results are dropped and rebuilt by the code on the import path, so a
"before" figure is taken by running this script with ``PYTHONPATH=<older checkout>/src``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import add_no_record_flag, record  # noqa: E402
from heron.api import Heron  # noqa: E402
from heron.fuse import stories as story_mod  # noqa: E402
from stories import refuse  # noqa: E402


def sentence_keys(items: list[dict]) -> set[tuple[str, int]]:
    return {(s["article_id"], s["sentence"]["start"]) for s in items}


def counts(h: Heron) -> str:
    found = h.contradictions()
    single = shared = 0
    for cx in found:
        outlets = [{s["source"] for s in side["sources"]} for side in cx["sides"]]
        single += len(set().union(*outlets)) < 2
        sentences = [sentence_keys(side["sources"]) for side in cx["sides"]]
        shared += any(a & b for i, a in enumerate(sentences) for b in sentences[i + 1:])
    fused = h.store.fused_event_records()
    doubled = sum(f["n_sources"] > len(sentence_keys([s for s in f["sources"]
                                                      if s["status"] != "negated"]))
                  for f in fused)
    multi = sum(f["n_outlets"] > 1 for f in fused)
    return (f"{len(found)} | {single} | {shared} | {len(fused)} | {multi} | {doubled}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--refuse", action="store_true", help="drop and rebuild fusion first")
    add_no_record_flag(parser)
    args = parser.parse_args()
    lines = ["| run | contradictions | single-outlet | sentence on two sides | fused events | "
             "multi-outlet | counting a sentence twice |", "|---|---|---|---|---|---|---|"]
    for item in args.db:
        name, _, path = item.rpartition("=")  # a run's name may contain "="
        with Heron(path) as h:
            if args.refuse:
                refuse(h, story_mod.BLOCK_KEYS, story_mod.PER_KEY)
            lines.append(f"| {name} | {counts(h)} |")
    record("Fusion invariants: single-outlet contradictions, shared sentences, double counts",
           lines, dry_run=args.no_record)


if __name__ == "__main__":
    main()
