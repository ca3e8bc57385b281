"""Event-type and actor accuracy of the sentence coder on the PLOVER gold-standard dev set.

Definitions:
- type accuracy: a sentence's top event has the gold type; the top event is the coder's main
  event of the sentence (``main``: the event of its main clause, before complement and
  adverbial/relative clauses and background acts; confidence only breaks ties; see
  src/heron/nlp/events/prominence.py). Until 2026-12-07 it was the highest-confidence event,
  which made a confident background event the sentence's code. A sentence with no event
  counts as wrong;
- macro-F1: mean over the 16 gold types of per-type F1, where a sentence is "predicted" as the
  type of its top event;
- actor / recipient country accuracy: for each gold actor (recipient) of a sentence, we look for
  an ActorRef of the top event in the same role whose span overlaps the gold text; it is right
  when that ref's country equals the gold code. Gold participants without an overlapping ref are
  wrong. (The ASSAULT/CONSULT convention of listing reciprocal participants all as actors makes
  a role-free figure useful too: "any-role" accepts a match in either role.)

Run from the repo root: .venv/bin/python bench/events.py [--show-errors] [--dry-run]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import DATASETS, add_no_record_flag, record  # noqa: E402
from heron.config import ALL_COMPONENTS  # noqa: E402
from heron.nlp.events import code_texts  # noqa: E402
from heron.nlp.pipeline import Pipeline  # noqa: E402

DEV = DATASETS / "plover-gsr" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", action="store_true")
    add_no_record_flag(parser)
    args = parser.parse_args()
    gold = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()]
    # The full pipeline; components not yet in the tree are reported, not hidden.
    present = [c for c in ALL_COMPONENTS if component_ready(c)]
    missing = sorted(set(ALL_COMPONENTS) - set(present))
    pipeline = Pipeline(components=present)
    started = time.perf_counter()
    events = list(code_texts(({"id": g["id"], "text": g["text"]} for g in gold), pipeline))
    elapsed = time.perf_counter() - started
    top = _top_events(events)
    lines = _type_lines(gold, top) + _actor_lines(gold, top)
    lines.append(f"- {len(gold)} sentences, {len(events)} events, {elapsed:.1f}s; components: "
                 f"{', '.join(present)}" + (f" (missing: {', '.join(missing)})" if missing else ""))
    record("Events: PLOVER GSR dev (sentence coder)", lines, dry_run=args.no_record)
    if args.show_errors:
        for g in gold:
            predicted = top.get(g["id"])
            if predicted is None or predicted["event_type"] != g["event"]:
                print(f"{g['event']:>9} vs {predicted and predicted['event_type']}: {g['text']}")


def component_ready(name: str) -> bool:
    """Whether ``heron.nlp.<name>`` exists and exposes ``build`` (others are written in parallel)."""
    try:
        return hasattr(importlib.import_module(f"heron.nlp.{name}"), "build")
    except ImportError:
        return False


def _top_events(events: list[dict]) -> dict[str, dict]:
    """Each record's main event (the coder flags one per sentence; GSR records are one
    sentence each, so a record with a sentence split in two keeps its first main event)."""
    top: dict[str, dict] = {}
    for event in events:
        if event["main"]:
            top.setdefault(event["id"], event)
    return top


def _type_lines(gold: list[dict], top: dict[str, dict]) -> list[str]:
    truth = [g["event"] for g in gold]
    predicted = [top[g["id"]]["event_type"] if g["id"] in top else None for g in gold]
    correct = sum(t == p for t, p in zip(truth, predicted, strict=True))
    lines = [f"- event-type accuracy (top event): {correct / len(gold):.3f} ({correct}/{len(gold)})"]
    rows, f1s = [], []
    for label in sorted(set(truth)):
        tp = sum(t == p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(p == label != t for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label != p for t, p in zip(truth, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        rows.append(f"| {label} | {precision:.2f} | {recall:.2f} | {f1:.2f} | {tp + fn} |")
    no_event = sum(p is None for p in predicted)
    lines.append(f"- macro-F1 over {len(f1s)} types: {sum(f1s) / len(f1s):.3f}; "
                 f"sentences with no event: {no_event}")
    lines += ["", "| type | P | R | F1 | gold n |", "|---|---|---|---|---|", *rows, ""]
    return lines


def _actor_lines(gold: list[dict], top: dict[str, dict]) -> list[str]:
    scores: Counter[str] = Counter()
    for g in gold:
        event = top.get(g["id"])
        for role, refs_key in (("actor", "actors"), ("recipient", "recipients")):
            for participant in g[role]:
                scores[f"{role} total"] += 1
                own = _country_of(g["text"], participant["text"], event[refs_key] if event else [])
                both = event["actors"] + event["recipients"] if event else []
                either = _country_of(g["text"], participant["text"], both)
                scores[f"{role} right"] += own == participant["code"]
                scores[f"{role} any-role"] += either == participant["code"]
    lines = []
    for role in ("actor", "recipient"):
        total = scores[f"{role} total"] or 1
        lines.append(f"- {role} country accuracy: {scores[f'{role} right'] / total:.3f} "
                     f"(any role: {scores[f'{role} any-role'] / total:.3f}; "
                     f"n={scores[f'{role} total']})")
    return lines


def _country_of(sentence: str, gold_text: str, refs: list[dict]) -> str | None:
    """Country of the first ref whose span overlaps the gold participant's text."""
    start = sentence.find(gold_text)
    if start < 0:
        return None
    end = start + len(gold_text)
    for ref in refs:
        if ref["start"] < end and start < ref["end"]:
            return ref["country"]
    return None


if __name__ == "__main__":
    main()
