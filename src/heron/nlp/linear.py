"""A small multinomial logistic regression over sparse binary features (plus an optional dense
vector per sample, e.g. spaCy's contextual token vectors), in numpy.

Heron's learned components (event typing and confidence, event status) are linear models over
named features of the parsed sentence and the rule coder's output. A linear model is enough for
that, trains in seconds on two cores, is deterministic with a fixed seed, and ships as a small
``.npz`` file (feature names + weights), so nothing is downloaded and no torch is needed.

Probabilities are calibrated by construction (log-loss); ``temperature`` can rescale them after
training on held-out data.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# OpenBLAS multiplies in one thread below about 4 * 65536 multiply-adds: 32 rows of a few
# hundred dense inputs by 17 labels stay below it.
DENSE_BLOCK_ROWS = 32


@dataclass
class SoftmaxModel:
    labels: list[str]
    vocab: dict[str, int]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    temperature: float = 1.0
    meta: dict = field(default_factory=dict)  # training facts and tuned thresholds
    dense_weights: np.ndarray | None = None  # (n_dense, n_labels)
    dense_mean: np.ndarray | None = None  # standardisation of the dense inputs
    dense_scale: np.ndarray | None = None

    def indices(self, features: Sequence[str]) -> np.ndarray:
        return np.fromiter((self.vocab[f] for f in dict.fromkeys(features) if f in self.vocab),
                           dtype=np.int64)

    def predict(self, samples: Sequence[Sequence[str]], dense: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities, one row per sample (columns in ``labels`` order)."""
        logits = np.tile(self.bias, (len(samples), 1)).astype(np.float64)
        # All samples' known features at once: one gather, then a sum per sample.
        vocab = self.vocab
        known = [[i for i in map(vocab.get, dict.fromkeys(features)) if i is not None]
                 for features in samples]
        sizes = np.fromiter(map(len, known), dtype=np.int64, count=len(known))
        filled = np.flatnonzero(sizes)
        if filled.size:
            flat = np.fromiter((i for row in known for i in row), dtype=np.int64,
                               count=int(sizes.sum()))
            starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))[filled]
            logits[filled] += np.add.reduceat(self.weights[flat], starts, axis=0)
        if self.dense_weights is not None and dense is not None:
            logits += self.dense_logits(dense)
        return softmax(logits / self.temperature)

    def dense_logits(self, dense: np.ndarray) -> np.ndarray:
        """The dense inputs' share of the logits, in blocks of rows small enough for BLAS to
        multiply in the calling thread: OpenBLAS spreads larger products over threads, which on
        a machine whose cores are busy spin for longer than the product takes."""
        assert self.dense_weights is not None
        out = np.empty((len(dense), self.dense_weights.shape[1]), dtype=np.float64)
        for start in range(0, len(dense), DENSE_BLOCK_ROWS):
            block = dense[start:start + DENSE_BLOCK_ROWS]
            out[start:start + len(block)] = self.standardise(block) @ self.dense_weights
        return out

    def standardise(self, dense: np.ndarray) -> np.ndarray:
        assert self.dense_mean is not None and self.dense_scale is not None
        return (dense - self.dense_mean) / self.dense_scale

    def save(self, path: Path) -> None:
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        path.parent.mkdir(parents=True, exist_ok=True)
        dense: dict[str, np.ndarray] = {}
        if self.dense_weights is not None:
            assert self.dense_mean is not None and self.dense_scale is not None
            dense = {"dense_weights": self.dense_weights.astype(np.float32),
                     "dense_mean": self.dense_mean, "dense_scale": self.dense_scale}
        with path.open("wb") as fh:
            # allow_pickle named so that no key of ``dense`` can be taken for it (all arrays are
            # numeric: nothing is pickled either way).
            np.savez_compressed(
                fh, allow_pickle=False,
                weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
                **dense,
                header=np.frombuffer(json.dumps({
                    "labels": self.labels, "features": names, "temperature": self.temperature,
                    "meta": self.meta}).encode(), dtype=np.uint8))

    @classmethod
    def load(cls, path: Path) -> SoftmaxModel:
        with np.load(path) as data:
            header = json.loads(bytes(data["header"]).decode())
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
            dense = [data.get(k)
                     for k in ("dense_weights", "dense_mean", "dense_scale")]
        vocab = {name: i for i, name in enumerate(header["features"])}
        return cls(header["labels"], vocab, weights, bias, header["temperature"], header["meta"],
                   *dense)


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def train(samples: Sequence[Sequence[str]], labels: Sequence[str], *, epochs: int = 30,
          learning_rate: float = 0.2, l2: float = 1e-4, min_count: int = 1, seed: int = 0,
          label_order: Sequence[str] | None = None, batch_size: int = 32,
          dense: np.ndarray | None = None) -> SoftmaxModel:
    """Fit by Adagrad on mini-batches (deterministic for a given ``seed`` and input order)."""
    counts = Counter(f for features in samples for f in dict.fromkeys(features))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    label_names = list(label_order) if label_order else sorted(set(labels))
    label_index = {name: i for i, name in enumerate(label_names)}
    model = SoftmaxModel(label_names, vocab, np.zeros((len(vocab), len(label_names))),
                         np.zeros(len(label_names)))
    rows = [model.indices(f) for f in samples]
    y = np.array([label_index[label] for label in labels])
    x = None
    if dense is not None:
        model.dense_mean = dense.mean(axis=0)
        # Standardised and shrunk by sqrt(width): hundreds of dense dimensions at unit scale
        # would swamp the few dozen binary features of a sample.
        model.dense_scale = dense.std(axis=0) * np.sqrt(dense.shape[1]) + 1e-6
        model.dense_weights = np.zeros((dense.shape[1], len(label_names)))
        x = model.standardise(dense)
    state = _Adagrad(model)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(rows))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            _step(model, [rows[i] for i in batch], y[batch], None if x is None else x[batch],
                  state, learning_rate, l2)
    model.weights = model.weights.astype(np.float32)
    model.meta = {"samples": len(rows), "features": len(vocab), "epochs": epochs, "l2": l2,
                  "seed": seed, "label_counts": dict(Counter(labels))}
    return model


class _Adagrad:
    """Accumulated squared gradients of every parameter block."""

    def __init__(self, model: SoftmaxModel):
        self.w = np.full_like(model.weights, 1e-8)
        self.b = np.full_like(model.bias, 1e-8)
        self.d = None if model.dense_weights is None else np.full_like(model.dense_weights, 1e-8)


def _step(model: SoftmaxModel, rows: list[np.ndarray], y: np.ndarray, x: np.ndarray | None,
          state: _Adagrad, learning_rate: float, l2: float) -> None:
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    logits = np.tile(model.bias, (len(rows), 1))
    np.add.at(logits, owner, model.weights[flat])
    if x is not None and model.dense_weights is not None:
        logits += x @ model.dense_weights
    grad = softmax(logits)
    grad[np.arange(len(rows)), y] -= 1.0
    grad /= len(rows)
    touched, inverse = np.unique(flat, return_inverse=True)
    g_w = np.zeros((len(touched), model.weights.shape[1]))
    np.add.at(g_w, inverse, grad[owner])
    g_w += l2 * model.weights[touched]
    state.w[touched] += g_w ** 2
    model.weights[touched] -= learning_rate * g_w / np.sqrt(state.w[touched])
    g_b = grad.sum(axis=0)
    state.b += g_b ** 2
    model.bias -= learning_rate * g_b / np.sqrt(state.b)
    if x is not None and model.dense_weights is not None and state.d is not None:
        g_d = x.T @ grad + l2 * model.dense_weights
        state.d += g_d ** 2
        model.dense_weights -= learning_rate * g_d / np.sqrt(state.d)


def fit_temperature(probabilities: np.ndarray, gold: np.ndarray) -> float:
    """The temperature minimising log-loss of held-out predictions (grid search, deterministic)."""
    logits = np.log(np.clip(probabilities, 1e-12, 1.0))
    best, best_loss = 1.0, np.inf
    for t in np.arange(0.5, 3.01, 0.05):
        p = softmax(logits / t)
        loss = -np.log(np.clip(p[np.arange(len(gold)), gold], 1e-12, 1.0)).mean()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best
