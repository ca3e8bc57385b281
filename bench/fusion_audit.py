"""A blind audit sample of fusion output: contradictions and multi-source fused events.

    .venv/bin/python bench/fusion_audit.py --db /tmp/ecb.db [--db /tmp/voa.db ...]

Each ``--db`` is a Heron database that has been analysed and fused (e.g. the one
``bench/event_coref.py --db`` keeps for ECB+). Up to 40 contradictions and 40 fused events
with sources from more than one outlet are drawn at random (seed 15) over all databases and
written to bench/data/fusion_audit_sample.jsonl with only what a reader needs to judge them —
the quoted sentences and outlets, never Heron's scores — and empty ``verdict`` / ``auditor``
fields for the auditor to fill in:

- contradiction: ``verdict`` "real" when the two evidence sentences, read alone, show two
  outlets disagreeing about the same event's attribute; else "bug".
- fused event: ``verdict`` "one" when every quoted sentence reports the same real-world
  event; else "mixed".

``--score`` reads a filled-in sample and prints the precisions (contradiction precision =
real / judged, fused-event precision = one / judged).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import record  # noqa: E402
from heron.api import Heron  # noqa: E402

SAMPLE = Path(__file__).parent / "data" / "fusion_audit_sample.jsonl"
PER_KIND = 40
SEED = 15


def quoted(source: dict) -> dict:
    return {"outlet": source.get("outlet") or source["source"], "article_id": source["article_id"],
            "sentence": source["sentence"]["text"].strip()}


def contradiction_items(h: Heron, corpus: str) -> list[dict]:
    out = []
    for cx in h.contradictions():
        out.append({"kind": "contradiction", "corpus": corpus, "id": cx["id"],
                    "rule": cx.get("rule"), "attribute": cx["attribute"],
                    "description": cx["description"],
                    "evidence": [quoted(e) for e in cx.get("evidence", [])],
                    "sides": [{"value": side["value"], "sources": [quoted(s) for s in side["sources"]]}
                              for side in cx["sides"]],
                    "verdict": None, "auditor": None, "note": None})
    return out


def fused_items(h: Heron, corpus: str) -> list[dict]:
    out = []
    for row in h.store.query("SELECT id FROM fused_events WHERE n_outlets > 1 ORDER BY id"):
        fused = h.fused_event(row[0])
        out.append({"kind": "fused_event", "corpus": corpus, "id": fused["id"],
                    "label": fused["label"], "date": fused["date"],
                    "sources": [{**quoted(s), "trigger": s["trigger"]["text"],
                                 "support": s["support"]} for s in fused["sources"]],
                    "verdict": None, "auditor": None, "note": None})
    return out


def draw(dbs: list[Path]) -> tuple[list[dict], list[str]]:
    contradictions, fused = [], []
    for db in dbs:
        with Heron(db) as h:
            contradictions += contradiction_items(h, db.stem)
            fused += fused_items(h, db.stem)
    rng = random.Random(SEED)
    sample = rng.sample(contradictions, min(PER_KIND, len(contradictions))) + \
        rng.sample(fused, min(PER_KIND, len(fused)))
    lines = [f"Sample drawn from {', '.join(str(d) for d in dbs)}: "
             f"{min(PER_KIND, len(contradictions))} of {len(contradictions)} contradictions, "
             f"{min(PER_KIND, len(fused))} of {len(fused)} multi-outlet fused events "
             f"(seed {SEED}) → {SAMPLE.relative_to(SAMPLE.parents[2])}. Verdicts: pending an "
             "auditor blind to the scores."]
    return sample, lines


def score(path: Path) -> list[str]:
    items = [json.loads(line) for line in path.open()]
    lines = []
    for kind, good in (("contradiction", "real"), ("fused_event", "one")):
        judged = [i for i in items if i["kind"] == kind and i["verdict"]]
        auditors = sorted({i["auditor"] for i in judged if i["auditor"]})
        if judged:
            hits = sum(i["verdict"] == good for i in judged)
            lines.append(f"{kind}: precision {hits / len(judged):.2f} ({hits}/{len(judged)} "
                         f"judged; auditors: {', '.join(auditors) or 'unnamed'})")
        else:
            lines.append(f"{kind}: no verdicts yet")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", default=[])
    parser.add_argument("--score", action="store_true", help="score the filled-in sample")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    if args.score:
        lines = score(SAMPLE)
    else:
        sample, lines = draw(args.db)
        SAMPLE.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in sample))
    record("Fusion audit sample (contradictions, multi-outlet fused events)", lines,
           dry_run=args.no_record)


if __name__ == "__main__":
    main()
