"""A small multinomial logistic regression over sparse binary features, in numpy.

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


@dataclass
class SoftmaxModel:
    labels: list[str]
    vocab: dict[str, int]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    temperature: float = 1.0
    meta: dict = field(default_factory=dict)  # training facts and tuned thresholds

    def indices(self, features: Sequence[str]) -> np.ndarray:
        return np.fromiter((self.vocab[f] for f in dict.fromkeys(features) if f in self.vocab),
                           dtype=np.int64)

    def predict(self, samples: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per sample (columns in ``labels`` order)."""
        logits = np.tile(self.bias, (len(samples), 1)).astype(np.float64)
        for row, features in enumerate(samples):
            idx = self.indices(features)
            if idx.size:
                logits[row] += self.weights[idx].sum(axis=0)
        return softmax(logits / self.temperature)

    def save(self, path: Path) -> None:
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            np.savez_compressed(
                fh, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32),
                header=np.frombuffer(json.dumps({
                    "labels": self.labels, "features": names, "temperature": self.temperature,
                    "meta": self.meta}).encode(), dtype=np.uint8))

    @classmethod
    def load(cls, path: Path) -> SoftmaxModel:
        with np.load(path) as data:
            header = json.loads(bytes(data["header"]).decode())
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
        vocab = {name: i for i, name in enumerate(header["features"])}
        return cls(header["labels"], vocab, weights, bias, header["temperature"], header["meta"])


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def train(samples: Sequence[Sequence[str]], labels: Sequence[str], *, epochs: int = 30,
          learning_rate: float = 0.2, l2: float = 1e-4, min_count: int = 1, seed: int = 0,
          label_order: Sequence[str] | None = None, batch_size: int = 32) -> SoftmaxModel:
    """Fit by Adagrad on mini-batches (deterministic for a given ``seed`` and input order)."""
    counts = Counter(f for features in samples for f in dict.fromkeys(features))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    label_names = list(label_order) if label_order else sorted(set(labels))
    label_index = {name: i for i, name in enumerate(label_names)}
    model = SoftmaxModel(label_names, vocab, np.zeros((len(vocab), len(label_names))),
                         np.zeros(len(label_names)))
    rows = [model.indices(f) for f in samples]
    y = np.array([label_index[label] for label in labels])
    g2_w = np.full_like(model.weights, 1e-8)
    g2_b = np.full_like(model.bias, 1e-8)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(rows))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            _step(model, [rows[i] for i in batch], y[batch], g2_w, g2_b, learning_rate, l2)
    model.weights = model.weights.astype(np.float32)
    model.meta = {"samples": len(rows), "features": len(vocab), "epochs": epochs, "l2": l2,
                  "seed": seed, "label_counts": dict(Counter(labels))}
    return model


def _step(model: SoftmaxModel, rows: list[np.ndarray], y: np.ndarray, g2_w: np.ndarray,
          g2_b: np.ndarray, learning_rate: float, l2: float) -> None:
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    logits = np.tile(model.bias, (len(rows), 1))
    np.add.at(logits, owner, model.weights[flat])
    grad = softmax(logits)
    grad[np.arange(len(rows)), y] -= 1.0
    grad /= len(rows)
    touched, inverse = np.unique(flat, return_inverse=True)
    g_w = np.zeros((len(touched), model.weights.shape[1]))
    np.add.at(g_w, inverse, grad[owner])
    g_w += l2 * model.weights[touched]
    g2_w[touched] += g_w ** 2
    model.weights[touched] -= learning_rate * g_w / np.sqrt(g2_w[touched])
    g_b = grad.sum(axis=0)
    g2_b += g_b ** 2
    model.bias -= learning_rate * g_b / np.sqrt(g2_b)


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
