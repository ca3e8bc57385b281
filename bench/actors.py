"""Actor resolution benchmark.

1. Look-alikes (tests/data/actor_cases.jsonl, built by scripts/make_actor_cases.py): each case
   is a short text and one mention in it; the prediction is the KB person the actors component
   links that mention to, or "new" when it links none. Reports accuracy, false merges (linked
   to a KB person other than the expected one, including when "new" was expected) and misses.
2. Country codes on ../shared/datasets/plover-gsr/dev.jsonl: every gold actor/recipient with a
   code is located in its sentence and matched to the mentions overlapping it; the first such
   mention's country must equal the gold code (gold "IGO"/"NGO" count as correct when the
   mention's sector is that code, since PLOVER codes the organisation type there). GSR
   sentences have no publication date, so none is given (before issue #14 they were analysed
   as if published on 2025-08-20).

Run from the repo root: .venv/bin/python bench/actors.py  (``--no-record``: print, do not record)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import DATASETS, add_no_record_flag, record  # noqa: E402
from heron.config import Settings  # noqa: E402
from heron.model import Analysis, Article, Mention, Span  # noqa: E402
from heron.nlp.actors import build  # noqa: E402
from heron.nlp.context import DocContext  # noqa: E402
from heron.nlp.pipeline import load_spacy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "actor_cases.jsonl"
GSR = DATASETS / "plover-gsr" / "dev.jsonl"
LOOKALIKE_DATE = dt.date(2025, 8, 20)  # the look-alike cases are about current office-holders


def analyse(nlp, component, texts: list[str],
            published: dt.date | None = LOOKALIKE_DATE) -> tuple[list[Analysis], float]:
    """Run spaCy + the actors component; returns analyses and the seconds spent in actors."""
    analyses, spent = [], 0.0
    for k, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        article = Article(id=f"b{k}", text=doc.text, raw_text=doc.text,
                          published=published.isoformat() if published else None)
        analysis = Analysis(article_id=article.id,
                            sentences=[Span(s.start_char, s.end_char, s.text) for s in doc.sents])
        ctx = DocContext(article, doc, analysis, published=published)
        started = time.perf_counter()
        component(ctx)
        spent += time.perf_counter() - started
        analyses.append(analysis)
    return analyses, spent


def overlapping(analysis: Analysis, start: int, end: int) -> list[Mention]:
    return [m for m in analysis.mentions if m.start < end and start < m.end and m.kind != "PRON"]


def lookalike_lines(nlp, component, people: set[str]) -> list[str]:
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]
    analyses, spent = analyse(nlp, component, [c["text"] for c in cases])
    outcome: Counter = Counter()
    per_kind: dict[str, Counter] = {}
    errors = []
    for case, analysis in zip(cases, analyses, strict=True):
        start = case["text"].rindex(case["mention"])
        found = overlapping(analysis, start, start + len(case["mention"]))
        linked = next((m for m in found if m.actor_id in people), None)
        predicted = linked.actor_id if linked else "new"
        kind = per_kind.setdefault(case["kind"], Counter())
        kind["n"] += 1
        if predicted == case["expected"]:
            outcome["correct"] += 1
            kind["correct"] += 1
            outcome["tentative"] += bool(linked and not linked.confident)
        elif predicted != "new":
            outcome["false_merge"] += 1
            errors.append(f"  false merge: {case['mention']!r} → {predicted} (expected "
                          f"{case['expected']})")
        else:
            outcome["miss"] += 1
            errors.append(f"  miss: {case['mention']!r} (expected {case['expected']})")
    n = len(cases)
    lines = [
        f"Look-alike cases: {n} (" + ", ".join(f"{k} {v['n']}" for k, v in sorted(per_kind.items()))
        + ")",
        f"- accuracy: {outcome['correct'] / n:.1%} ({outcome['correct']}/{n}); "
        f"correct links marked low-confidence: {outcome['tentative']}",
        f"- false merges: {outcome['false_merge'] / n:.1%} ({outcome['false_merge']}/{n})",
        f"- misses (expected KB person, got new): {outcome['miss']}",
        "- accuracy by kind: " + ", ".join(f"{k} {v['correct'] / v['n']:.1%}"
                                           for k, v in sorted(per_kind.items())),
        f"- actors component time: {spent * 1000 / n:.2f} ms per case (excluding spaCy)",
    ]
    print("\n".join(errors[:40]))
    return lines


def gsr_lines(nlp, component) -> list[str]:
    records = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line]
    # GSR sentences carry no publication date (they span decades): none is invented for them,
    # so roles are not picked by a date that is not the article's.
    analyses, _ = analyse(nlp, component, [r["text"] for r in records], published=None)
    counts: Counter = Counter()
    errors = []
    for record_, analysis in zip(records, analyses, strict=True):
        for role in ("actor", "recipient"):
            for gold in record_[role]:
                if not gold["code"] or gold["code"] == "***":
                    continue
                counts[f"{role}_n"] += 1
                start = record_["text"].find(gold["text"])
                found = overlapping(analysis, start, start + len(gold["text"])) if start >= 0 else []
                coded = next((m for m in found if m.country or m.sector), None)
                if coded is None:
                    errors.append(f"  {role} not found: {gold['text']!r} ({gold['code']})")
                    continue
                counts[f"{role}_found"] += 1
                correct = coded.country == gold["code"] or (
                    gold["code"] in ("IGO", "NGO") and coded.sector == gold["code"])
                counts[f"{role}_correct"] += correct
                if not correct:
                    errors.append(f"  {role} wrong: {gold['text']!r} ({gold['code']}) → "
                                  f"{coded.text!r} {coded.country} {coded.sector}")
    print("\n".join(errors))
    lines = [f"PLOVER GSR dev ({len(records)} sentences), country code of gold actors/recipients:"]
    for role in ("actor", "recipient"):
        n, found, correct = counts[f"{role}_n"], counts[f"{role}_found"], counts[f"{role}_correct"]
        lines.append(f"- {role}: accuracy {correct / n:.1%} ({correct}/{n}); a coded mention found "
                     f"for {found}/{n}; accuracy where found {correct / max(found, 1):.1%}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_no_record_flag(parser)
    args = parser.parse_args()
    settings = Settings()
    nlp = load_spacy(settings.spacy_model)
    started = time.perf_counter()
    component = build(nlp, settings)
    built = time.perf_counter() - started
    people = set(component.kb.people)
    kb = component.kb
    lines = [f"KB: {len(kb.people)} people, {len(kb.igos)} organisations, {len(kb.groups)} groups, "
             f"{len(kb.countries)} countries; component built in {built:.2f} s"]
    lines += lookalike_lines(nlp, component, people)
    lines += gsr_lines(nlp, component)
    record("Actors: look-alike resolution and GSR country codes", lines, dry_run=args.no_record)


if __name__ == "__main__":
    main()
