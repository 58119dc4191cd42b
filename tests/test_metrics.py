"""The quality yardstick on known cases: real digits, blurred digits, copies, noise, and one digit repeated."""

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


@pytest.fixture(scope="module")
def collapsed(data):
    """A collapsed generator: one real test digit, 500 times."""
    return np.repeat(data.test_x[:1], 500, axis=0), np.full(500, data.test_y[0])


@pytest.fixture(scope="module")
def other_real(data):
    """500 real training digits, 50 per class: real data that the test digits are not."""
    idx = np.concatenate([np.flatnonzero(data.train_y == d)[:50] for d in range(10)])
    return data.train_x[idx], data.train_y[idx]


def test_precision_and_recall_separate_fidelity_from_diversity(other_real, collapsed, noise):
    real = metrics.precision_recall(other_real[0])
    assert real["precision"] > 0.8 and real["recall"] > 0.8  # real digits look real and cover the real variety
    one = metrics.precision_recall(collapsed[0])
    assert one["precision"] == 1.0 and one["recall"] < 0.01  # looks real, covers nothing
    assert max(metrics.precision_recall(noise).values()) <= 0.01
    # Half the classes: every sample still looks real, half the real variety is missing.
    half = metrics.precision_recall(other_real[0][other_real[1] < 5])
    assert half["precision"] > 0.8 and 0.3 < half["recall"] < 0.6
    assert metrics.precision_recall(other_real[0], reference="validation")["recall"] > 0.8
    sevens = other_real[0][other_real[1] == 7]
    assert metrics.precision_recall(sevens, digit=7)["recall"] > 0.5 > metrics.precision_recall(sevens, digit=1)["precision"]


def test_manifolds_follow_kynkaanniemi_each_set_with_its_own_k_nn_balls():
    """Recall counts real points inside the *samples'* balls, precision samples inside the *real* balls."""
    real = np.random.default_rng(0).random((100, 2))  # dense: small balls
    corners = np.array([[0.05, 0.05], [0.05, 0.95], [0.95, 0.05], [0.95, 0.95], [0.5, 0.5]])  # sparse: wide balls
    both = metrics._manifold_overlap(corners, real, 3)
    assert both["recall"] == 1.0  # five wide balls cover the square
    far = metrics._manifold_overlap(corners + 5.0, real, 3)
    assert far == {"precision": 0.0, "recall": 0.0}


def test_eight_samples_of_one_digit_are_not_at_the_ceiling(data):
    """As the Compare tab measures (8 samples, one digit): 8 real sevens do not cover all the real variety,
    and 8 copies of one seven cover none of it."""
    sevens = data.train_x[data.train_y == 7]
    few = metrics.precision_recall(sevens[:8], digit=7)
    assert 0.5 < few["recall"] < 0.97 and few["precision"] > 0.7
    assert metrics.precision_recall(np.repeat(sevens[:1], 8, axis=0), digit=7)["recall"] < 0.05


def test_within_class_diversity_is_one_for_real_digits_and_zero_for_a_collapsed_generator(other_real, collapsed, data):
    real = metrics.class_diversity(*other_real)
    assert 0.85 < real["relative"] < 1.15 and set(real["per_digit"]) == set(range(10))
    assert metrics.class_diversity(*collapsed)["relative"] == pytest.approx(0.0, abs=1e-4)
    # All the variety of the data, but none inside a class: ten digits, each repeated.
    ten = np.repeat(data.test_x[[np.flatnonzero(data.test_y == d)[0] for d in range(10)]], 50, axis=0)
    labels = np.repeat(np.arange(10), 50)
    assert metrics.diversity(ten)["pairwise"] > 0.5 * metrics.diversity(other_real[0])["pairwise"]
    assert metrics.class_diversity(ten, labels)["relative"] < 0.01
    assert metrics.digit_report(other_real[0][other_real[1] == 3], 3)["class_diversity"] > 0.8


def test_diversity_of_real_digits_beats_copies_of_one_digit(data):
    real = metrics.diversity(data.test_x)
    same = metrics.diversity(np.repeat(data.test_x[:1], 50, axis=0))
    assert real["coverage"] == 1.0 and same["coverage"] == 0.1
    assert same["pairwise"] == pytest.approx(0.0, abs=1e-4)
    assert real["pairwise"] > 1.0


def test_blurred_digits_are_less_sharp_and_noise_or_speckle_is_not_sharp(data, noise):
    real = metrics.sharpness(data.test_x)
    blurred = np.stack([ndimage.gaussian_filter(x, 1.0) for x in data.test_x])
    assert metrics.sharpness(blurred) < 0.7 * real
    assert metrics.sharpness(noise) < 0.5 * real  # the variance of the Laplacian scored noise 10x real digits
    speckled = np.clip(data.test_x + np.random.default_rng(1).choice([0.0, 0.6], data.test_x.shape, p=[0.9, 0.1]), 0, 1)
    assert metrics.sharpness(speckled) < 1.1 * real  # speckle does not make a digit sharper
    assert metrics.sharpness(np.zeros((3, 28, 28))) == 0.0  # no stroke, no edge


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
    assert set(real) == {"recognizability", "confidence", "class_diversity", "precision", "recall", "diversity", "coverage",
                         "fid", "sharpness", "nearest_train", "memorized_share"}
    assert all(isinstance(v, float) for v in real.values())
    assert "recognizability" not in metrics.report(noise) and "class_diversity" not in metrics.report(noise)


def test_reference_row_is_real_against_real_not_the_test_digits_against_themselves(data):
    ref = metrics.reference()
    against_itself = metrics.report(data.test_x, data.test_y)
    assert against_itself["precision"] == against_itself["recall"] == 1.0 and against_itself["fid"] < 1e-6
    assert 5 < ref["fid"] < 20 and 0.8 < ref["precision"] < 0.97 and 0.8 < ref["recall"] < 0.97
    assert 0.85 < ref["class_diversity"] < 1.15 and ref["recognizability"] >= 0.97


@pytest.mark.parametrize("call, match", [
    (lambda x, y: metrics.frechet(x[:1]), "at least 2"),
    (lambda x, y: metrics.recognizability(x[:2], 10), "between 0 and 9"),
    (lambda x, y: metrics.sharpness(np.zeros((3, 8, 8))), "28x28"),
    (lambda x, y: metrics.precision_recall(x[:3]), "more than 3"),
    (lambda x, y: metrics.precision_recall(x[:0]), "No images"),
    (lambda x, y: metrics.precision_recall(x[:10], reference="train"), "Unknown reference"),
    (lambda x, y: metrics.precision_recall(x[:10], digit=11), "Digit must be between 0 and 9"),
    (lambda x, y: metrics._precision_recall(np.zeros((5, 64)), np.zeros((5, 32))), "feature sizes"),
    (lambda x, y: metrics.class_diversity(x[:10], y[:9]), "9 intended digits for 10"),
    (lambda x, y: metrics.class_diversity(x[:10], np.arange(10)), "at least 2 samples of the same digit"),
    (lambda x, y: metrics.class_diversity(x[:4], [1.5, 2, 3, 4]), "whole numbers"),
    (lambda x, y: metrics.report(x[:4], [np.nan, 2, 3, 4]), "whole numbers"),
    (lambda x, y: metrics.digit_report(x[:5], 2.5), "Digit must be a whole number"),
    (lambda x, y: metrics.report(np.full((4, 28, 28), np.nan)), "NaN"),
])
def test_bad_inputs_are_refused(data, call, match):
    with pytest.raises(UserInputError, match=match):
        call(data.test_x, data.test_y)
