"""A blind audit of fusion output: contradictions and multi-outlet fused events.

Drawing the sample (once, with the final fusion code):

    .venv/bin/python bench/fusion_audit.py --db ecb=/tmp/ecb.db --db voa=/tmp/voa.db ...
    .venv/bin/python bench/fusion_audit.py --ecb-subset /tmp/ecb_half.db   # build another run

Each ``--db NAME=PATH`` (or just ``PATH``; the name is then the file's stem) is a Heron
database that has been analysed and fused (``bench/event_coref.py --db`` keeps one for
ECB+). ``--ecb-subset PATH`` builds one more multi-outlet run: a random share of the ECB+
documents (``--share``, default 0.6), ingested in a shuffled order (``--seed``, default 2),
analysed and fused like bench/event_coref.py does — fusion is incremental, so another set and
order of documents yields other fused events. Up to 40 contradictions and 40 fused events with
sources from more than one outlet are drawn at random (seed 15) over all databases; an item
whose quoted sentences are exactly those of an item already drawn from another run is the same
item and is skipped. The sample goes to bench/data/fusion_audit_sample.jsonl with only what a
reader needs to judge it — the quoted sentences, outlets, the rule and its description — never
Heron's confidences, and **no verdicts**: the sample file stays verdict-free.

Auditing (people blind to the scores, each on their own):

    bench/data/fusion_audit/verdicts_<auditor>.jsonl   one line per judged item:
        {"id": "<item id>", "verdict": "...", "note": "<optional>"}

- contradiction: ``"real"`` when the two evidence sentences, read alone, show two outlets
  disagreeing about the same event's attribute (as the description says); else ``"bug"``;
- fused event: ``"one"`` when every quoted sentence reports the same real-world event (same
  act, participants, time and place as far as the sentences say); else ``"mixed"``.

An adjudicator may resolve disagreements in bench/data/fusion_audit/adjudicated.jsonl (same
format, any subset of the items; items it leaves out keep the first auditor's verdict).

Scoring:

    .venv/bin/python bench/fusion_audit.py --score [--no-record]

reads the sample and every verdict file and reports, per kind: each auditor's precision (real /
judged, one / judged) and how many items they judged; Cohen's κ and raw agreement for every
pair of auditors over the items both judged; and the final precision — from the adjudicated
verdicts where they exist, else the first auditor's (by file name). Verdicts for ids not in
the sample, or values other than the two allowed for the item's kind, are errors.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import add_no_record_flag, record  # noqa: E402

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "fusion_audit_sample.jsonl"
VERDICTS = DATA / "fusion_audit"
ADJUDICATED = "adjudicated.jsonl"
PER_KIND = 40
SEED = 15
GOOD = {"contradiction": "real", "fused_event": "one"}
ALLOWED = {"contradiction": ("real", "bug"), "fused_event": ("one", "mixed")}


# -- drawing -----------------------------------------------------------------------------------
def quoted(source: dict) -> dict:
    return {"outlet": source.get("outlet") or source["source"], "article_id": source["article_id"],
            "sentence": source["sentence"]["text"].strip()}


def contradiction_items(h, corpus: str) -> list[dict]:
    return [{"kind": "contradiction", "corpus": corpus, "id": f"{corpus}:{cx['id']}",
             "rule": cx.get("rule"), "attribute": cx["attribute"],
             "description": cx["description"],
             "evidence": [quoted(e) for e in cx.get("evidence", [])],
             "sides": [{"value": side["value"], "sources": [quoted(s) for s in side["sources"]]}
                       for side in cx["sides"]]}
            for cx in h.contradictions()]


def fused_items(h, corpus: str) -> list[dict]:
    out = []
    for row in h.store.query("SELECT id FROM fused_events WHERE n_outlets > 1 ORDER BY id"):
        fused = h.fused_event(row[0])
        out.append({"kind": "fused_event", "corpus": corpus, "id": f"{corpus}:{fused['id']}",
                    "label": fused["label"], "date": fused["date"],
                    "sources": [{**quoted(s), "trigger": s["trigger"]["text"],
                                 "support": s["support"]} for s in fused["sources"]]})
    return out


def sentences_of(item: dict) -> frozenset[tuple[str, str]]:
    """What an auditor reads: the same sentences drawn from two runs are one item."""
    quoted_ = item["sources"] if item["kind"] == "fused_event" else \
        [s for side in item["sides"] for s in side["sources"]]
    return frozenset((q["article_id"], q["sentence"]) for q in quoted_)


def distinct(items: list[dict]) -> list[dict]:
    seen: set = set()
    return [i for i in items if not (sentences_of(i) in seen or seen.add(sentences_of(i)))]


def draw(dbs: list[tuple[str, Path]], target: Path = SAMPLE) -> tuple[list[dict], list[str]]:
    from heron.api import Heron

    contradictions, fused, per_run = [], [], []
    for name, db in dbs:
        with Heron(db) as h:
            found, multi = contradiction_items(h, name), fused_items(h, name)
        per_run.append(f"{name}: {len(found)} contradictions, {len(multi)} multi-outlet "
                       "fused events")
        contradictions += found
        fused += multi
    contradictions, fused = distinct(contradictions), distinct(fused)
    rng = random.Random(SEED)
    sample = rng.sample(contradictions, min(PER_KIND, len(contradictions))) + \
        rng.sample(fused, min(PER_KIND, len(fused)))
    lines = [f"Sample drawn from {', '.join(f'{n}={d}' for n, d in dbs)} ("
             + "; ".join(per_run) + f"): {min(PER_KIND, len(contradictions))} of "
             f"{len(contradictions)} distinct contradictions, {min(PER_KIND, len(fused))} of "
             f"{len(fused)} distinct multi-outlet fused events (seed {SEED}) → "
             f"{_shown(target)}. Verdicts: none in the sample; auditors write "
             f"{_shown(VERDICTS if target == SAMPLE else target.parent)}/verdicts_<auditor>.jsonl."]
    return sample, lines


def _shown(path: Path) -> str:
    """A path as the record shows it: relative to the checkout when inside it."""
    root = DATA.parents[1]
    resolved = path.resolve()
    return str(resolved.relative_to(root.resolve())) if resolved.is_relative_to(root.resolve()) \
        else str(path)


def build_ecb_subset(db: Path, share: float, seed: int) -> None:
    """Another multi-outlet run: a random ``share`` of the ECB+ documents in a shuffled order."""
    from event_coref import build
    from stories import ECB

    docs = [json.loads(line) for line in ECB.open()]
    rng = random.Random(seed)
    build(db, rng.sample(docs, round(share * len(docs))))


# -- scoring -----------------------------------------------------------------------------------
def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def load_verdicts(path: Path, kinds: dict[str, str]) -> dict[str, str]:
    """id → verdict of one verdict file, checked against the sample's ids and kinds."""
    out = {}
    for n, row in enumerate(read_jsonl(path), 1):
        item_id, verdict = row.get("id"), row.get("verdict")
        if item_id not in kinds:
            raise ValueError(f"{path.name} line {n}: id {item_id!r} is not in the sample")
        if verdict not in ALLOWED[kinds[item_id]]:
            raise ValueError(f"{path.name} line {n}: verdict {verdict!r} for a "
                             f"{kinds[item_id]} must be one of {ALLOWED[kinds[item_id]]}")
        out[item_id] = verdict
    return out


def precision(verdicts: dict[str, str], kinds: dict[str, str], kind: str) -> str:
    judged = [v for i, v in verdicts.items() if kinds[i] == kind]
    if not judged:
        return "no verdicts"
    hits = sum(v == GOOD[kind] for v in judged)
    return f"{hits / len(judged):.2f} ({hits}/{len(judged)})"


def cohen_kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's κ of two raters' labels for the same items (None when undefined: no items, or
    both raters gave one and the same label to everything)."""
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[label] * cb[label] for label in ca) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def agreement(first: dict[str, str], second: dict[str, str], kinds: dict[str, str],
              kind: str) -> str:
    both = sorted(i for i in first.keys() & second.keys() if kinds[i] == kind)
    if not both:
        return "no items judged by both"
    a, b = [first[i] for i in both], [second[i] for i in both]
    kappa = cohen_kappa(a, b)
    same = sum(x == y for x, y in zip(a, b, strict=True))
    shown = "undefined" if kappa is None else f"{kappa:.2f}"
    return f"κ {shown}, raw agreement {same}/{len(both)}"


def score(sample: Path = SAMPLE, folder: Path = VERDICTS) -> list[str]:
    items = read_jsonl(sample)
    kinds = {i["id"]: i["kind"] for i in items}
    files = sorted(p for p in folder.glob("verdicts_*.jsonl")) if folder.is_dir() else []
    auditors = {p.stem.removeprefix("verdicts_"): load_verdicts(p, kinds) for p in files}
    adjudicated_path = folder / ADJUDICATED
    adjudicated = load_verdicts(adjudicated_path, kinds) if adjudicated_path.exists() else {}
    counts = Counter(kinds.values())
    lines = [f"Sample: {counts['contradiction']} contradictions, {counts['fused_event']} "
             f"multi-outlet fused events; auditors: {', '.join(auditors) or 'none yet'}"
             + ("; adjudicated verdicts present" if adjudicated else "") + "."]
    if not auditors:
        return lines
    first = next(iter(auditors.values()))
    final = {**first, **adjudicated}
    source = "adjudicated, else " if adjudicated else ""
    for kind in ("contradiction", "fused_event"):
        lines.append(f"- {kind} precision: {precision(final, kinds, kind)} "
                     f"({source}{next(iter(auditors))}'s verdicts)")
        lines += [f"  - {name}: {precision(v, kinds, kind)}" for name, v in auditors.items()]
        lines += [f"  - agreement {x} / {y}: {agreement(auditors[x], auditors[y], kinds, kind)}"
                  for x, y in combinations(auditors, 2)]
    return lines


def named_db(value: str) -> tuple[str, Path]:
    name, _, path = value.rpartition("=")
    return (name or Path(path).stem), Path(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=named_db, action="append", default=[],
                        metavar="NAME=PATH", help="a fused database to draw from")
    parser.add_argument("--ecb-subset", type=Path, metavar="PATH",
                        help="build a database of a random share of ECB+ here (no drawing)")
    parser.add_argument("--share", type=float, default=0.6)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--score", action="store_true", help="score the auditors' verdicts")
    parser.add_argument("--round", type=Path, metavar="DIR",
                        help="with --score: a finished round's folder (its fusion_audit_sample.jsonl "
                             "and verdicts_*.jsonl) instead of the current sample; when drawing: "
                             "the new round's folder, where the sample is written")
    parser.add_argument("--label", default="", help="what the round audited (goes into the record)")
    add_no_record_flag(parser)
    args = parser.parse_args()
    if args.ecb_subset:
        build_ecb_subset(args.ecb_subset, args.share, args.seed)
        return
    if args.score:
        lines = (score(args.round / SAMPLE.name, args.round) if args.round else score())
        record("Fusion audit: precision and agreement",
               ([args.label, ""] if args.label else []) + lines, dry_run=args.no_record)
        return
    if not args.db:
        parser.error("--db, --ecb-subset or --score is required")
    target = args.round / SAMPLE.name if args.round else SAMPLE
    sample, lines = draw(args.db, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in sample),
                      encoding="utf-8")
    record("Fusion audit sample (contradictions, multi-outlet fused events)", lines,
           dry_run=args.no_record)


if __name__ == "__main__":
    main()
