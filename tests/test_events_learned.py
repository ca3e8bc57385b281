"""The learned event model: the shipped file loads, weighs the rule coder's events on a small
invented fixture, and exports/CLI hide events below the threshold chosen on the gold dev split.
The linear learner itself is checked for determinism and a save/load round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from heron.config import Settings, default_min_confidence, model_dir
from heron.model import Article
from heron.nlp import linear
from heron.nlp.events.learned import NONE, load_learned
from heron.nlp.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def events_of(pipeline: Pipeline, text: str):
    article = Article(id="t", text=text, raw_text=text, published="2025-03-05")
    return next(pipeline.analyse([article])).events


def test_the_shipped_model_loads_with_its_threshold():
    learned = load_learned()
    assert learned is not None, "run `make train`: src/heron/data/models/event_type.npz is missing"
    assert learned.types.labels[0] == NONE and len(learned.types.labels) == 17
    threshold = json.loads((model_dir() / "thresholds.json").read_text())["event_export"]
    assert threshold == learned.types.meta["export_threshold"] == default_min_confidence()
    assert 0 < threshold < 1
    size = sum(p.stat().st_size for p in model_dir().iterdir())
    assert size < 30 * 1024 * 1024


def test_confidence_is_the_model_probability(pipeline):
    arrest = next(e for e in events_of(pipeline, "Police arrested 20 protesters in Nairobi on Monday.")
                  if e.event_type == "COERCE")
    assert arrest.confidence >= default_min_confidence()
    assert "learned[p=" in arrest.pattern and "rule=" in arrest.pattern


def test_word_sense_the_lexicon_cannot_tell_is_weighed_down(pipeline):
    # "asylum" is an AID trigger in the lexicon; asylum seekers waiting is no aid
    aid = [e for e in events_of(pipeline, "Asylum seekers waited at the border for weeks.")
           if e.event_type == "AID"]
    assert all(e.confidence < default_min_confidence() for e in aid)


def test_code_hides_events_below_the_threshold_by_default(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Asylum seekers waited at the border."}) + "\n"
                      + json.dumps({"id": "b", "text": "Police arrested 20 protesters."}) + "\n")
    command = [sys.executable, "-m", "heron.cli", "code", str(source)]
    shown = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ), check=True)
    every = subprocess.run([*command, "--min-confidence", "0"], capture_output=True, text=True,
                           env=dict(os.environ), check=True)
    shown_ids = [json.loads(line)["id"] for line in shown.stdout.splitlines()]
    every_ids = [json.loads(line)["id"] for line in every.stdout.splitlines()]
    assert "b" in shown_ids and "a" not in shown_ids and "a" in every_ids


def test_rules_alone_when_disabled(monkeypatch):
    monkeypatch.setenv("HERON_LEARNED_MODELS", "0")
    coder = Pipeline(Settings()).components[-1]
    assert coder.learned is None


def toy_data() -> tuple[list[list[str]], list[str], np.ndarray]:
    rng = np.random.default_rng(0)
    features = [[f"w={i % 5}", f"v={i % 3}"] for i in range(200)]
    labels = ["A" if i % 5 < 2 else "B" for i in range(200)]
    return features, labels, rng.normal(size=(200, 4))


def test_training_is_deterministic_and_learns():
    features, labels, dense = toy_data()
    first = linear.train(features, labels, seed=3, epochs=5, dense=dense)
    second = linear.train(features, labels, seed=3, epochs=5, dense=dense)
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.dense_weights, second.dense_weights)
    predicted = first.predict(features, dense).argmax(axis=1)
    assert np.mean([first.labels[i] == y for i, y in zip(predicted, labels, strict=True)]) == 1.0


def test_save_and_load_round_trip(tmp_path: Path):
    features, labels, dense = toy_data()
    model = linear.train(features, labels, seed=1, epochs=3, dense=dense)
    model.meta["add_threshold"] = 0.5
    model.save(tmp_path / "m.npz")
    loaded = linear.SoftmaxModel.load(tmp_path / "m.npz")
    assert loaded.labels == model.labels and loaded.meta["add_threshold"] == 0.5
    # weights are stored as float16: probabilities agree to a few decimals
    assert np.allclose(loaded.predict(features, dense), model.predict(features, dense), atol=1e-2)
