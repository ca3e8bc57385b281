"""The statistics scripts/train.py chooses the shipped event model's settings with."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train.py"


@pytest.fixture(scope="module")
def train():
    spec = importlib.util.spec_from_file_location("heron_train_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_lower_bound_needs_a_sample_to_show_the_precision(train) -> None:
    # 9 of 10 right is a point estimate of 0.9 but proves little; 900 of 1,000 proves ~0.88
    assert train.wilson_lower_bound(9, 10) < 0.7
    assert 0.88 < train.wilson_lower_bound(900, 1000) < 0.9
    assert train.wilson_lower_bound(0, 0) == 0.0
    assert train.wilson_lower_bound(10, 10) < 1.0


def test_log_loss_is_the_mean_negative_log_probability_of_the_gold_label(train) -> None:
    probabilities = np.array([[0.5, 0.5], [0.9, 0.1], [0.0, 1.0]])
    labels = np.array([0, 0, 0])
    expected = -(np.log(0.5) + np.log(0.9) + np.log(1e-12)) / 3
    assert train.log_loss(probabilities, labels) == pytest.approx(expected)
