"""The quality yardstick on known cases: real digits, blurred digits, copies, and noise."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from engines import digits, metrics
from engines.errors import UserInputError

pytestmark = pytest.mark.slow  # the metrics run the shipped classifier


@pytest.fixture(scope="module")
def data():
    return digits.split()


@pytest.fixture(scope="module")
def noise():
    return np.random.default_rng(0).random((200, 28, 28)).astype(np.float32)


def test_real_test_digits_are_recognized(data):
    rec = metrics.recognizability(data.test_x, data.test_y)
    assert rec["share"] >= 0.97 and rec["confidence"] >= 0.9
    ones = data.test_x[data.test_y == 1]
    assert metrics.recognizability(ones, 1)["share"] >= 0.95
    assert metrics.recognizability(ones, 7)["share"] < 0.1  # the wrong intended digit


def test_noise_is_recognized_at_chance_and_far_in_fid(data, noise):
    intended = np.arange(len(noise)) % 10  # every class equally often: chance is 10%
    assert metrics.recognizability(noise, intended)["share"] <= 0.2
    assert metrics.frechet(noise) > 20 * metrics.frechet_floor()
    assert metrics.diversity(noise)["coverage"] <= 0.3  # noise all looks like one or two digits


def test_frechet_floor_is_small_and_shrinks_with_more_samples(data):
    floor = metrics.frechet_floor()
    assert 0 < floor < metrics.frechet(data.train_x[data.train_y == 1][:500]) / 10  # a single class is far
    assert metrics.frechet_floor(64) > floor  # fewer samples, larger distance: compare at equal counts
    assert metrics.frechet(data.test_x) == pytest.approx(0.0, abs=1e-6)


def test_diversity_of_real_digits_beats_copies_of_one_digit(data):
    real = metrics.diversity(data.test_x)
    same = metrics.diversity(np.repeat(data.test_x[:1], 50, axis=0))
    assert real["coverage"] == 1.0 and same["coverage"] == 0.1
    assert same["pairwise"] == pytest.approx(0.0, abs=1e-4)
    assert real["pairwise"] > 1.0


def test_blurred_digits_are_less_sharp(data):
    blurred = np.stack([ndimage.gaussian_filter(x, 1.0) for x in data.test_x])
    assert metrics.sharpness(blurred) < 0.5 * metrics.sharpness_real()
    assert metrics.sharpness_real() == pytest.approx(metrics.sharpness(data.test_x))


def test_training_copies_are_memorized_and_test_digits_are_not(data):
    copies = metrics.memorization(data.train_x[::45])  # 100 exact copies
    assert copies["memorized_share"] == 1.0 and np.allclose(copies["nearest"], 0.0, atol=1e-4)
    unseen = metrics.memorization(data.test_x)
    assert unseen["memorized_share"] <= 0.01
    assert unseen["nearest"].shape == (500,)
    assert 0 < unseen["threshold"] < unseen["typical"]
    nudged = metrics.memorization(np.clip(data.train_x[::45] + 0.02, 0, 1))  # faint haze over a copy
    assert nudged["memorized_share"] == 1.0


def test_report_is_flat_and_complete(data, noise):
    real = metrics.report(data.test_x[:100], data.test_y[:100])
    assert set(real) == {"recognizability", "confidence", "diversity", "coverage", "fid", "sharpness",
                         "nearest_train", "memorized_share"}
    assert all(isinstance(v, float) for v in real.values())
    assert "recognizability" not in metrics.report(noise)
    ref = metrics.reference()
    assert ref["fid"] == metrics.frechet_floor() and ref["recognizability"] >= 0.97


def test_bad_inputs_are_refused(data):
    with pytest.raises(UserInputError):
        metrics.frechet(data.test_x[:1])
    with pytest.raises(UserInputError):
        metrics.recognizability(data.test_x[:2], 10)
    with pytest.raises(UserInputError):
        metrics.sharpness(np.zeros((3, 8, 8)))
