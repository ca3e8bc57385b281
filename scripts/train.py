"""Train Heron's learned event models from the gold corpus (``make train``).

    .venv/bin/python scripts/train.py [--fraction 1.0] [--out src/heron/data/models] [--no-tune]

1. Parse the gold **train** split with the same spaCy pipeline Heron runs, list every candidate
   word of every sentence (``heron.nlp.events.learned.candidates``) with its features, and label it
   with the gold event whose trigger's head it is (or NONE). Fit the type model
   (``heron.nlp.linear``; fixed seed, so the same corpus gives the same file).
2. On the **dev** split: fit a temperature so that probabilities are calibrated, then run the whole
   pipeline with the new models and pick the export threshold — the lowest event confidence at
   which event-type precision on dev reaches 0.85 (bench/gold.py's matching) — and store it in the
   model file. The test split is never read here.

``--fraction`` trains on the first share of the train documents (in a fixed shuffled order) for
learning curves; ``--out`` writes somewhere else (point ``HERON_MODEL_DIR`` at it to use it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "data" / "gold"
sys.path.insert(0, str(ROOT / "bench"))

TARGET_PRECISION = 0.85
SEED = 13


def load(split: str) -> list[dict[str, Any]]:
    with (GOLD / f"{split}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_heads(record: dict[str, Any], doc: Any) -> dict[int, dict[str, Any]]:
    """Token index of each gold trigger's syntactic head -> the gold event (first annotated
    wins): "opened fire" labels "opened" only, so one event is one positive candidate."""
    heads: dict[int, dict[str, Any]] = {}
    for event in record["events"]:
        span = doc.char_span(event["trigger"]["start"], event["trigger"]["end"],
                             alignment_mode="expand")
        if span is not None and len(span):
            heads.setdefault(span.root.i, event)
    return heads


def samples(records: list[dict[str, Any]]) -> tuple[list, list, np.ndarray]:
    """(features, labels, dense vectors) of every candidate word."""
    from heron.config import Settings
    from heron.nlp.events.coder import find_matches
    from heron.nlp.events.learned import NONE, candidates, dense_features, type_features
    from heron.nlp.events.lexicon import load_lexicon
    from heron.nlp.events.status import StatusReader
    from heron.nlp.pipeline import load_spacy

    nlp = load_spacy(Settings().spacy_model)
    lexicon = load_lexicon()
    type_x, type_y, vectors = [], [], []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        heads = gold_heads(record, doc)
        statuses = StatusReader()  # one per Doc, as at analysis time
        for sentence in doc.sents:
            found = candidates(sentence, find_matches(sentence, lexicon), lexicon)
            vectors.append(dense_features(found))
            for candidate in found:
                event = heads.get(candidate.token.i)
                type_x.append(type_features(candidate, sentence, statuses))
                type_y.append(event["type"] if event else NONE)
    return type_x, type_y, np.vstack(vectors)


def tune_threshold(out: Path, dev: list[dict[str, Any]]) -> tuple[float, list[str]]:
    """Run the pipeline with the new models on dev and pick the export threshold: the lowest
    confidence (0.01 grid) whose dev precision is at least the target **with a margin for the
    sample** — the one-sided 95 % Wilson lower bound of the precision reaches it — else the one
    with the best F0.5. On a fine grid a point estimate alone can pick a threshold where a few
    lucky predictions reach the target on dev only; the bound asks the dev sample to show it.
    Returns the threshold and the precision/recall curve (0.05 steps)."""
    os.environ["HERON_MODEL_DIR"] = str(out)
    import gold

    analyses = list(gold.run_heron(dev))
    curve, chosen = [], None
    best = (-1.0, 0.0)
    for step in range(96):
        threshold = step / 100
        t = gold.score(dev, analyses, threshold)["all"]
        hits, n_gold, n_pred = sum(t.ev_hit.values()), sum(t.ev_gold.values()), sum(t.ev_pred.values())
        p, r, _ = gold.prf(hits, n_gold, n_pred)
        f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        bound = wilson_lower_bound(hits, n_pred)
        if step % 5 == 0 or (chosen is None and bound >= TARGET_PRECISION):
            curve.append(f"| {threshold:.2f} | {p:.3f} | {bound:.3f} | {r:.3f} | {n_pred} |")
        if chosen is None and bound >= TARGET_PRECISION:
            chosen = threshold
        if f05 > best[0]:
            best = (f05, threshold)
    return round(chosen if chosen is not None else best[1], 2), curve


def log_loss(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Mean negative log-likelihood of the gold labels (the hyper-parameter criterion)."""
    picked = probabilities[np.arange(len(labels)), labels]
    return float(-np.mean(np.log(np.clip(picked, 1e-12, 1.0))))


def wilson_lower_bound(hits: int, n: int, z: float = 1.645) -> float:
    """One-sided lower confidence bound of a proportion (Wilson score interval; z = 1.645: 95 %)."""
    if n == 0:
        return 0.0
    p = hits / n
    centre = p + z * z / (2 * n)
    margin = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return (centre - margin) / (1 + z * z / n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fraction", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "heron" / "data" / "models")
    ap.add_argument("--no-tune", action="store_true", help="skip the dev threshold run")
    # Chosen on dev by held-out log-loss (docs/EVENTS.md, "Learned evidence"; with the round-2
    # corpus L2 1e-4 beat 3e-4, and 12 epochs beat 20); options so that the search can be
    # repeated when the corpus grows.
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--l2", type=float, default=1e-4)
    args = ap.parse_args(argv)
    from heron.nlp.events.learned import NONE
    from heron.nlp.linear import fit_temperature, train

    started = time.time()
    train_docs = sorted(load("train"), key=lambda r: r["doc_id"])
    random.Random(SEED).shuffle(train_docs)
    train_docs = train_docs[:max(1, round(len(train_docs) * args.fraction))]
    dev = load("dev")
    tx, ty, tv = samples(train_docs)
    from heron.nlp.events.lexicon import load_lexicon

    labels = [NONE, *load_lexicon().types]
    types = train(tx, ty, label_order=labels, seed=SEED, epochs=args.epochs, l2=args.l2,
                  learning_rate=0.05, dense=tv)
    dx, dy, dv = samples(dev)
    index = {name: i for i, name in enumerate(labels)}
    dev_probabilities = types.predict(dx, dv)
    dev_labels = np.array([index[y] for y in dy])
    types.temperature = fit_temperature(dev_probabilities, dev_labels)
    print(f"dev log-loss before calibration: {log_loss(dev_probabilities, dev_labels):.4f}")
    types.meta.update(train_documents=len(train_docs), fraction=args.fraction,
                      corpus="bench/data/gold/train.jsonl")
    types.meta["add_threshold"] = 0.5
    types.save(args.out / "event_type.npz")
    print(f"type model: {len(tx)} candidates, {sum(y != NONE for y in ty)} events, "
          f"{len(types.vocab)} features, temperature {types.temperature:.2f}")
    if not args.no_tune:
        threshold, curve = tune_threshold(args.out, dev)
        types.meta["export_threshold"] = threshold
        types.save(args.out / "event_type.npz")
        (args.out / "thresholds.json").write_text(json.dumps({"event_export": threshold}) + "\n")
        print("dev: threshold | type precision | its 95 % lower bound | recall | predicted")
        print("\n".join(curve))
        print(f"export threshold (dev precision's lower bound ≥ {TARGET_PRECISION}, else best F0.5): "
              f"{threshold:.2f}")
    print(f"trained in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
