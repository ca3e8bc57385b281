"""Learning curve of the learned event model: train on 25 / 50 / 100 % of the gold train split
(``scripts/train.py --fraction``, the same fixed document order) and score each model on a split
with ``bench/gold.py``'s matching — event type P/R/F1 over all events and at the shipped export
threshold. Tells whether more annotation pays.

    .venv/bin/python bench/learning_curve.py [--split test] [--no-record]

On the test split this is part of the stop's one test scoring: run it once, record, never look at
per-document results.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

FRACTIONS = (0.25, 0.5, 1.0)


def train_into(folder: Path, fraction: float) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train.py"), "--fraction", str(fraction),
                    "--out", str(folder), "--no-tune"], check=True, stdout=subprocess.DEVNULL)


def score_with(folder: Path, split: str, threshold: float) -> str:
    """One line of figures, computed in a fresh process so that the model folder is honoured."""
    code = (
        "import sys; sys.path.insert(0, 'bench'); import gold\n"
        f"recs = gold.load_split(gold.GOLD_DIR / '{split}.jsonl')\n"
        "analyses = list(gold.run_heron(recs))\n"
        f"for th in (0.0, {threshold}):\n"
        "    t = gold.score(recs, analyses, th)['all']\n"
        "    h, g, p = sum(t.ev_hit.values()), sum(t.ev_gold.values()), sum(t.ev_pred.values())\n"
        "    P, R, F = gold.prf(h, g, p)\n"
        "    print(f'{P:.3f} / {R:.3f} / {F:.3f}', end=' | ')\n"
    )
    env = {**__import__("os").environ, "HERON_MODEL_DIR": str(folder)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    from _report import add_no_record_flag

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    add_no_record_flag(ap)
    args = ap.parse_args(argv)
    from heron.config import default_min_confidence

    threshold = default_min_confidence()
    lines = [f"Event type P / R / F1 on the gold {args.split} split by share of the train split "
             f"(all events, and at the shipped export threshold {threshold:g}).", "",
             f"| train share | all events | confidence ≥ {threshold:g} |", "|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for fraction in FRACTIONS:
            folder = Path(tmp) / f"f{fraction}"
            train_into(folder, fraction)
            figures = score_with(folder, args.split, threshold).rstrip("| ").split(" | ")
            lines.append(f"| {fraction:.0%} | {figures[0]} | {figures[1]} |")
    from _report import record

    record(f"Learned events — learning curve ({args.split} split)", lines, dry_run=args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
