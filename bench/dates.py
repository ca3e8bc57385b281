"""Time-expression detection and normalisation on MEANTIME (English, 120 Wikinews articles).

Gold: ../shared/datasets/meantime/docs.jsonl — TimeML TIMEX3 spans with values relative to each
document's ``published`` date. A gold timex is *found* when one of our timexes overlaps its span
(the largest overlap is its match). Definitions:

- span recall: found gold timexes / gold timexes (per TimeML type and overall);
- span precision: our timexes overlapping some gold timex / our timexes (MEANTIME leaves many
  vague words such as "now" unannotated, so this is a lower bound);
- day-level value accuracy (headline, target ≥ 0.95): among *found* gold DATE timexes whose value
  is a calendar year, month or day (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, time-of-day suffixes
  such as ``T16:15`` or ``TMO`` removed), the fraction whose matched value, with the same suffix
  removed, is identical;
- end-to-end day-level accuracy: the same, counting gold timexes we did not find as wrong;
- exact-value accuracy by type: among found gold timexes of each type, our value == gold value.

Run from the repo root: .venv/bin/python bench/dates.py [--show-errors] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import DATASETS, add_no_record_flag, record  # noqa: E402
from heron.model import Article, Timex  # noqa: E402
from heron.nlp.pipeline import Pipeline  # noqa: E402

GOLD = DATASETS / "meantime" / "docs.jsonl"
CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def calendar_part(value: str) -> str:
    """A value without its time-of-day part: ``2008-01-09TMO`` → ``2008-01-09``."""
    return value.split("T", 1)[0]


def best_match(gold: dict, ours: list[Timex]) -> Timex | None:
    overlaps = [(min(gold["end"], t.end) - max(gold["start"], t.start), t) for t in ours]
    overlaps = [(size, t) for size, t in overlaps if size > 0]
    return max(overlaps, key=lambda pair: pair[0])[1] if overlaps else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", action="store_true")
    add_no_record_flag(parser)
    args = parser.parse_args()

    docs = [json.loads(line) for line in GOLD.open()]
    articles = [Article(id=d["doc_id"], text=d["text"], raw_text=d["text"],
                        published=d["published"]) for d in docs]
    pipeline = Pipeline(components=("timexes",))
    began = time.perf_counter()
    analyses = list(pipeline.analyse(articles))
    seconds = time.perf_counter() - began

    gold_by_type, found_by_type, exact_by_type = Counter(), Counter(), Counter()
    calendar_gold = calendar_found = calendar_right = 0
    ours_total = ours_matched = 0
    errors: list[str] = []
    for doc, analysis in zip(docs, analyses, strict=True):
        ours = analysis.timexes
        ours_total += len(ours)
        ours_matched += sum(any(g["start"] < t.end and t.start < g["end"] for g in doc["timexes"])
                            for t in ours)
        for gold in doc["timexes"]:
            kind = gold["type"]
            gold_by_type[kind] += 1
            match = best_match(gold, ours)
            is_calendar = kind == "DATE" and CALENDAR.match(calendar_part(gold["value"]))
            calendar_gold += bool(is_calendar)
            if match is None:
                if is_calendar:
                    errors.append(f"MISSED {doc['published']} {gold['text']!r} {gold['value']}")
                continue
            found_by_type[kind] += 1
            exact_by_type[kind] += match.value == gold["value"]
            if is_calendar:
                calendar_found += 1
                right = calendar_part(match.value) == calendar_part(gold["value"])
                calendar_right += right
                if not right:
                    errors.append(f"WRONG  {doc['published']} {gold['text']!r} gold={gold['value']}"
                                  f" ours={match.text!r}={match.value!r} ({match.precision})")

    gold_total, found_total = sum(gold_by_type.values()), sum(found_by_type.values())
    lines = [
        f"- documents: {len(docs)}, gold timexes: {gold_total}, ours: {ours_total} "
        f"({seconds:.1f} s for spaCy + timexes)",
        f"- **day-level value accuracy** (found gold DATEs with a year/month/day value): "
        f"{calendar_right}/{calendar_found} = {calendar_right / calendar_found:.3f}",
        f"- end-to-end day-level accuracy (missed ones count as wrong): "
        f"{calendar_right}/{calendar_gold} = {calendar_right / calendar_gold:.3f}",
        f"- span recall: {found_total}/{gold_total} = {found_total / gold_total:.3f}; "
        f"span precision (lower bound): {ours_matched}/{ours_total} = "
        f"{ours_matched / ours_total:.3f}",
        "",
        "| type | gold | span recall | exact-value accuracy (found) |",
        "|---|---|---|---|",
    ]
    for kind, total in gold_by_type.most_common():
        found = found_by_type[kind]
        exact = f"{exact_by_type[kind] / found:.3f}" if found else "n/a"
        lines.append(f"| {kind} | {total} | {found / total:.3f} | {exact} |")
    if args.show_errors:
        print("\n".join(errors))
    record("Time expressions on MEANTIME (bench/dates.py)", lines, dry_run=args.no_record)


if __name__ == "__main__":
    main()
