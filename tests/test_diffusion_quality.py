"""The shipped diffusion weights draw the digit they are asked for (measured by the project's classifier)."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from engines import metrics
from engines.base import get_engine
from engines.diffusion import DiffusionEngine

pytestmark = pytest.mark.slow

RECOGNIZABILITY_BAR = 0.90


@functools.cache
def samples() -> tuple[np.ndarray, np.ndarray]:
    """100 samples (10 per digit), 25 DDIM steps, guidance 3; bench/diffusion.py reports 500."""
    engine = get_engine(DiffusionEngine)
    images = np.concatenate([
        engine.result(digit=d, n=10, steps=25, guidance=3.0, scheduler="DDIM", seed=100 + d).image for d in range(10)
    ])
    return images, np.repeat(np.arange(10), 10)


def test_embedded_model_draws_new_digits_of_every_class():
    images, intended = samples()
    assert metrics.memorization(images)["memorized_share"] <= 0.05  # new digits, not copies of training images
    assert metrics.diversity(images)["coverage"] == 1.0  # every digit class comes out


def test_embedded_model_meets_the_recognizability_bar():
    images, intended = samples()
    assert metrics.recognizability(images, intended)["share"] >= RECOGNIZABILITY_BAR
