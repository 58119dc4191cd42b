"""The shipped diffusion weights draw the digit they are asked for (measured by the project's classifier)."""

from __future__ import annotations

import numpy as np
import pytest

from engines import metrics
from engines.base import get_engine
from engines.diffusion import DiffusionEngine

pytestmark = pytest.mark.slow


def test_embedded_model_draws_recognizable_new_digits():
    # 100 samples (10 per digit) keep the test short; bench/diffusion.py reports the 500-sample figure.
    engine = get_engine(DiffusionEngine)
    images = np.concatenate([
        engine.result(digit=d, n=10, steps=25, guidance=3.0, scheduler="DDIM", seed=100 + d).image for d in range(10)
    ])
    intended = np.repeat(np.arange(10), 10)
    rec = metrics.recognizability(images, intended)
    assert rec["share"] >= 0.90, rec
    mem = metrics.memorization(images)
    assert mem["memorized_share"] <= 0.05, mem  # new digits, not copies of training images
    assert metrics.diversity(images)["coverage"] == 1.0
