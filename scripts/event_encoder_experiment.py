"""Experiment (issue #13): does a token classifier whose own tok2vec is fine-tuned for the task
help the event type model? Dev split only; the test split is never read.

    .venv/bin/python scripts/event_encoder_experiment.py [--cache DIR] [--folds 3] [--epochs 4]
        [--seeds 13] [--fresh] [--by-topic]

1. **Prepare** (cached in ``--cache``): parse the gold train and dev splits with Heron's spaCy
   pipeline, list every candidate word with the shipped type model's features
   (``heron.nlp.events.learned``) and label it with the gold event whose trigger's head it is.
2. **Encoder**: a spaCy ``tagger`` over each sentence, labels = the PLOVER type of a gold
   trigger's head, ``O`` for every other candidate word, no label (left out of the loss) for the
   rest; its tok2vec has en_core_web_sm's architecture, starts from that model's weights and is
   fine-tuned (Adam, dropout 0.1, fixed seed). Trained on k folds of the train documents for
   out-of-fold train probabilities, and on all of train for the dev probabilities
   (``--folds 0``: only the latter, and only the encoder's own figures). ``--by-topic`` puts
   whole ECB+ topics in one fold, as the corpus's train/dev split does.
3. **Emulation** of the scorer over candidates, for: the shipped linear model retrained (the
   baseline), the linear model with the encoder's log-probabilities as more dense inputs
   (stacking), with them instead of en_core_web_sm's vectors, and the encoder alone. Figures:
   AP of the candidate ranking (each candidate's best non-NONE type; hit when it is the gold
   type at that head) and, over the events the coder would emit (a rule trigger's type at the
   probability of that type, plus the best other type where it reaches the 0.5 add
   threshold), the recall at the lowest 0.05-grid threshold whose precision reaches 0.85.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from heron.nlp.linear import softmax

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "data" / "gold"
OUTSIDE = "O"
ADD_THRESHOLD = 0.5
TARGET_PRECISION = 0.85


@dataclass
class Sentence:
    words: list[str]
    spaces: list[bool]
    tags: list[str | None]  # gold type at a trigger head, O at other candidates, None elsewhere


@dataclass
class Split:
    features: list[list[str]] = field(default_factory=list)
    dense: list[np.ndarray] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    rule_types: list[str | None] = field(default_factory=list)  # a top-level rule trigger's type
    places: list[tuple[int, int]] = field(default_factory=list)  # (sentence, token in it)
    documents: list[int] = field(default_factory=list)  # document index of each candidate
    sentences: list[Sentence] = field(default_factory=list)
    sentence_documents: list[int] = field(default_factory=list)
    n_gold: int = 0


def load(split: str) -> list[dict[str, Any]]:
    with (GOLD / f"{split}.jsonl").open(encoding="utf-8") as fh:
        return sorted((json.loads(line) for line in fh if line.strip()), key=lambda r: r["doc_id"])


def prepare(records: list[dict[str, Any]]) -> Split:
    from heron.config import Settings
    from heron.nlp.events.coder import event_type_of, find_matches
    from heron.nlp.events.learned import NONE, candidates, dense_features, type_features
    from heron.nlp.events.lexicon import load_lexicon
    from heron.nlp.events.status import StatusReader
    from heron.nlp.pipeline import load_spacy
    from train import gold_heads  # scripts/train.py, beside this file

    nlp = load_spacy(Settings().spacy_model)
    lexicon = load_lexicon()
    out = Split(n_gold=sum(len(r["events"]) for r in records))
    for d, (record, doc) in enumerate(zip(records, nlp.pipe(r["text"] for r in records),
                                          strict=True)):
        heads = gold_heads(record, doc)
        statuses = StatusReader()
        for sentence in doc.sents:
            found = candidates(sentence, find_matches(sentence, lexicon), lexicon)
            tags: list[str | None] = [None] * len(sentence)
            s = len(out.sentences)
            for candidate in found:
                event = heads.get(candidate.token.i)
                label = event["type"] if event else NONE
                out.features.append(type_features(candidate, sentence, statuses))
                out.labels.append(label)
                out.rule_types.append(event_type_of(candidate.match) if candidate.match else None)
                out.places.append((s, candidate.token.i - sentence.start))
                out.documents.append(d)
                tags[candidate.token.i - sentence.start] = OUTSIDE if label == NONE else label
            if found:
                out.dense.append(dense_features(found))
            out.sentences.append(Sentence([t.text for t in sentence],
                                          [bool(t.whitespace_) for t in sentence], tags))
            out.sentence_documents.append(d)
    return out


# ----------------------------------------------------------------------------- the encoder


TAGGER_CONFIG = """
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE","SPACY","IS_SPACE"]
rows = [5000,1000,2500,2500,50,50]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""


def _docs(vocab: Any, sentences: list[Sentence]) -> list[Any]:
    from spacy.tokens import Doc

    return [Doc(vocab, words=s.words, spaces=s.spaces) for s in sentences]


def train_encoder(sentences: list[Sentence], labels: list[str], *, epochs: int, seed: int,
                  sourced: bool, batch_size: int = 32) -> Any:
    """A blank pipeline with one tagger, fine-tuned on ``sentences`` (those with a label)."""
    import spacy
    from spacy.training import Example
    from thinc.api import Config

    from heron.config import Settings

    spacy.util.fix_random_seed(seed)
    base = spacy.load(Settings().spacy_model, exclude=["parser", "ner", "lemmatizer",
                                                       "attribute_ruler", "senter", "tagger"])
    nlp = spacy.blank("en", vocab=base.vocab)
    tagger = nlp.add_pipe("tagger", name="event_tagger", config=Config().from_str(TAGGER_CONFIG))
    for label in labels:
        tagger.add_label(label)
    used = [s for s in sentences if any(t is not None for t in s.tags)]
    examples = [Example.from_dict(doc, {"tags": [t or "" for t in s.tags]}) for doc, s in
                zip(_docs(nlp.vocab, used), used, strict=True)]
    optimizer = nlp.initialize(lambda: examples[:200])
    if sourced:
        tagger.model.get_ref("tok2vec").from_bytes(base.get_pipe("tok2vec").model.to_bytes())
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        started, losses = time.time(), {}
        order = rng.permutation(len(examples))
        for start in range(0, len(order), batch_size):
            nlp.update([examples[i] for i in order[start:start + batch_size]], sgd=optimizer,
                       drop=0.1, losses=losses)
        print(f"  epoch {epoch + 1}: loss {losses['event_tagger']:.0f} "
              f"({time.time() - started:.0f} s, {len(examples)} sentences)", flush=True)
    return nlp


def encoder_probabilities(nlp: Any, split: Split, rows: list[int], sentence_ids: list[int],
                          label_order: list[str]) -> np.ndarray:
    """The encoder's distribution over ``label_order`` (NONE for O) at each candidate of
    ``rows``, predicted on the sentences ``sentence_ids`` that hold them."""
    tagger = nlp.get_pipe("event_tagger")
    column = [list(tagger.labels).index(OUTSIDE if name == "NONE" else name) for name in label_order]
    docs = _docs(nlp.vocab, [split.sentences[s] for s in sentence_ids])
    scores: dict[int, np.ndarray] = {}
    for start in range(0, len(docs), 256):
        batch = docs[start:start + 256]
        for s, matrix in zip(sentence_ids[start:start + 256], tagger.model.predict(batch),
                             strict=True):
            scores[s] = np.asarray(matrix)[:, column]  # logits: the model is not normalised
    out = np.array([scores[split.places[r][0]][split.places[r][1]] for r in rows])
    return softmax(out)


def topic_of(doc_id: str) -> str:
    """An ECB+ document's topic ("ecbplus/12_15ecb" -> "ecbplus/12"); other documents stand
    alone. The corpus splits ECB+ by topic, so dev never shares one with train."""
    source, _, name = doc_id.partition("/")
    return f"{source}/{name.split('_')[0]}" if source == "ecbplus" else doc_id


def folds_of(groups: list[str], folds: int, seed: int) -> np.ndarray:
    """The fold of each document: whole groups (documents or topics) go to one fold."""
    names = sorted(set(groups))
    fold_of_group = np.random.default_rng(seed).permutation(len(names)) % folds
    index = {name: i for i, name in enumerate(names)}
    return fold_of_group[[index[g] for g in groups]]


def out_of_fold(train: Split, fold: np.ndarray, label_order: list[str], *, epochs: int,
                seed: int, sourced: bool) -> np.ndarray:
    """Encoder probabilities of each train candidate from an encoder fitted without its fold."""
    types = [t for t in label_order if t != "NONE"] + [OUTSIDE]
    train_out = np.zeros((len(train.labels), len(label_order)))
    cand_docs = np.array(train.documents)
    sent_docs = np.array(train.sentence_documents)
    for k in range(int(fold.max()) + 1):
        print(f"fold {k + 1}/{fold.max() + 1}", flush=True)
        held = set(np.flatnonzero(fold == k).tolist())
        fit = [s for s, d in enumerate(sent_docs) if d not in held]
        nlp = train_encoder([train.sentences[s] for s in fit], types, epochs=epochs, seed=seed,
                            sourced=sourced)
        rows = np.flatnonzero(fold[cand_docs] == k).tolist()
        kept = [s for s, d in enumerate(sent_docs) if d in held]
        train_out[rows] = encoder_probabilities(nlp, train, rows, kept, label_order)
    return train_out


def dev_probabilities(train: Split, dev: Split, label_order: list[str], *, epochs: int,
                      seed: int, sourced: bool) -> np.ndarray:
    """Encoder probabilities of the dev candidates from an encoder fitted on all of train."""
    types = [t for t in label_order if t != "NONE"] + [OUTSIDE]
    nlp = train_encoder(train.sentences, types, epochs=epochs, seed=seed, sourced=sourced)
    return encoder_probabilities(nlp, dev, list(range(len(dev.labels))),
                                 list(range(len(dev.sentences))), label_order)


def cached(path: Path, compute: Callable[[], np.ndarray]) -> np.ndarray:
    if not path.exists():
        started = time.time()
        np.save(path, compute())
        print(f"{path.name} in {time.time() - started:.0f} s", flush=True)
    return np.load(path)


# ----------------------------------------------------------------------------- emulation


def candidate_ap(probs: np.ndarray, labels: list[str], label_order: list[str], n_gold: int) -> float:
    """Average precision of the candidates ranked by their best non-NONE probability."""
    columns = [i for i, name in enumerate(label_order) if name != "NONE"]
    best = probs[:, columns].argmax(axis=1)
    score = probs[:, columns].max(axis=1)
    hit = np.array([label_order[columns[b]] == y for b, y in zip(best, labels, strict=True)])
    ranked = hit[np.argsort(-score, kind="stable")]
    precision_at = np.cumsum(ranked) / np.arange(1, len(ranked) + 1)
    return float((precision_at * ranked).sum() / n_gold)


def emitted(probs: np.ndarray, split: Split, label_order: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, hit) of every event the coder would emit from these probabilities."""
    index = {name: i for i, name in enumerate(label_order)}
    columns = [i for i, name in enumerate(label_order) if name != "NONE"]
    confidence, hit = [], []
    for row, label, ruled in zip(probs, split.labels, split.rule_types, strict=True):
        if ruled is not None:
            confidence.append(row[index[ruled]])
            hit.append(ruled == label)
        best = label_order[columns[int(row[columns].argmax())]]
        if best != ruled and row[index[best]] >= ADD_THRESHOLD:
            confidence.append(row[index[best]])
            hit.append(best == label)
    return np.array(confidence), np.array(hit)


def recall_at_target(probs: np.ndarray, split: Split, label_order: list[str]) -> tuple[float, float, float]:
    """(threshold, precision, recall) at the lowest 0.05-grid threshold reaching the target."""
    confidence, hit = emitted(probs, split, label_order)
    for threshold in np.arange(0.0, 0.951, 0.05):
        shown = confidence >= threshold - 1e-9
        if shown.any():
            precision = hit[shown].mean()
            if precision >= TARGET_PRECISION:
                return float(threshold), float(precision), float(hit[shown].sum() / split.n_gold)
    return 1.0, 0.0, 0.0


def fit_linear(train: Split, dev: Split, label_order: list[str], train_dense: np.ndarray,
               dev_dense: np.ndarray, seed: int) -> np.ndarray:
    from heron.nlp.linear import fit_temperature
    from heron.nlp.linear import train as fit

    model = fit(train.features, train.labels, label_order=label_order, seed=seed, epochs=12,
                l2=3e-4, learning_rate=0.05, dense=train_dense)
    index = {name: i for i, name in enumerate(label_order)}
    probs = model.predict(dev.features, dev_dense)
    model.temperature = fit_temperature(probs, np.array([index[y] for y in dev.labels]))
    return model.predict(dev.features, dev_dense)


def report(name: str, probs: np.ndarray, dev: Split, label_order: list[str]) -> str:
    ap = candidate_ap(probs, dev.labels, label_order, dev.n_gold)
    threshold, precision, recall = recall_at_target(probs, dev, label_order)
    line = (f"| {name} | {ap:.3f} | {recall:.3f} | {threshold:.2f} | {precision:.3f} |")
    print(line, flush=True)
    return line


def with_encoder_features(split: Split, probs: np.ndarray, label_order: list[str]) -> Split:
    """A copy of ``split`` whose candidates also carry the encoder's opinion as binary features
    (each type it gives at least 0.1, in 0.1-wide bins), so that it weighs like the other
    named features instead of being one more of hundreds of shrunk dense inputs."""
    features = []
    for row, own in zip(probs, split.features, strict=True):
        named = [f"enc={label_order[i]}|{min(int(p * 10), 9)}" for i, p in enumerate(row)
                 if p >= 0.1]
        features.append([*own, *named])
    return Split(features, split.dense, split.labels, split.rule_types, split.places,
                 split.documents, split.sentences, split.sentence_documents, split.n_gold)


def unseen_words(train: Split, dev: Split, probs: np.ndarray, label_order: list[str]) -> str:
    """Dev events at a word whose lemma is never an event head in train: the mean probability
    of their gold type, and how many reach the 0.5 add threshold."""
    def lemma(features: list[str]) -> str:
        return next(f for f in features if f.startswith("lem="))

    seen = {lemma(f) for f, y in zip(train.features, train.labels, strict=True) if y != "NONE"}
    index = {name: i for i, name in enumerate(label_order)}
    gold = [probs[r, index[y]] for r, (f, y) in enumerate(zip(dev.features, dev.labels,
                                                              strict=True))
            if y != "NONE" and lemma(f) not in seen]
    return (f"{len(gold)} dev events at unseen words: mean p(gold type) {np.mean(gold):.3f}, "
            f"{sum(p >= ADD_THRESHOLD for p in gold)} at ≥ {ADD_THRESHOLD}")


def log_probs(probs: np.ndarray) -> np.ndarray:
    return np.log(np.clip(probs, 1e-6, 1.0)).astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/heron-event-encoder"))
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--seeds", type=int, nargs="+", default=[13])
    ap.add_argument("--by-topic", action="store_true",
                    help="folds of whole ECB+ topics (as the corpus splits train and dev)")
    ap.add_argument("--fresh", action="store_true",
                    help="start the tok2vec from random weights, not en_core_web_sm's")
    args = ap.parse_args(argv)
    from heron.nlp.events.learned import NONE
    from heron.nlp.events.lexicon import load_lexicon

    args.cache.mkdir(parents=True, exist_ok=True)
    splits = {}
    for name in ("train", "dev"):
        path = args.cache / f"{name}.pkl"
        if not path.exists():
            started = time.time()
            path.write_bytes(pickle.dumps(prepare(load(name))))
            print(f"prepared {name} in {time.time() - started:.0f} s", flush=True)
        splits[name] = pickle.loads(path.read_bytes())
    train, dev = splits["train"], splits["dev"]
    label_order = [NONE, *load_lexicon().types]
    tv, dv = np.vstack(train.dense), np.vstack(dev.dense)
    print(f"train {len(train.labels)} candidates / {train.n_gold} events; "
          f"dev {len(dev.labels)} / {dev.n_gold}")
    lines = ["| model | candidate AP | recall at P ≥ 0.85 | threshold | precision |",
             "| --- | --- | --- | --- | --- |"]
    for seed in args.seeds:
        kind = "fresh" if args.fresh else "sourced"
        options = {"epochs": args.epochs, "seed": seed, "sourced": not args.fresh}
        enc_dev = cached(args.cache / f"dev-{kind}-{seed}-{args.epochs}.npy",
                         partial(dev_probabilities, train, dev, label_order, **options))
        grouping = "topics" if args.by_topic else "documents"
        groups = [topic_of(r["doc_id"]) if args.by_topic else r["doc_id"] for r in load("train")]
        fold = folds_of(groups, max(args.folds, 1), seed)
        enc_train = cached(
            args.cache / f"oof-{kind}-{seed}-{args.epochs}-{args.folds}-{grouping}.npy",
            partial(out_of_fold, train, fold, label_order, **options)) if args.folds else None
        lines.append(report(f"encoder alone ({kind}, seed {seed})", enc_dev, dev, label_order))
        lines.append(f"encoder: {unseen_words(train, dev, enc_dev, label_order)}")
        if enc_train is None:
            continue
        lines.append(f"stacking on out-of-fold train probabilities, folds of {grouping}")
        lt, ld = log_probs(enc_train), log_probs(enc_dev)
        lines.append(report(f"encoder out-of-fold on train ({kind}, seed {seed})", enc_train,
                            train, label_order))
        baseline = fit_linear(train, dev, label_order, tv, dv, seed)
        lines.append(report(f"linear, shipped features (seed {seed})", baseline, dev, label_order))
        lines.append(f"linear: {unseen_words(train, dev, baseline, label_order)}")
        lines.append(report(f"linear + encoder log-probs (stacked, seed {seed})",
                            fit_linear(train, dev, label_order, np.hstack([tv, lt]),
                                       np.hstack([dv, ld]), seed), dev, label_order))
        lines.append(report(f"linear, encoder log-probs instead of tok2vec (seed {seed})",
                            fit_linear(train, dev, label_order, lt, ld, seed), dev, label_order))
        lines.append(report(f"linear + encoder probabilities as binned features (seed {seed})",
                            fit_linear(with_encoder_features(train, enc_train, label_order),
                                       with_encoder_features(dev, enc_dev, label_order),
                                       label_order, tv, dv, seed), dev, label_order))
        for weight in (0.25, 0.5):
            lines.append(report(f"average, linear {1 - weight:.2f} + encoder {weight:.2f} "
                                f"(seed {seed})", (1 - weight) * baseline + weight * enc_dev,
                                dev, label_order))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
