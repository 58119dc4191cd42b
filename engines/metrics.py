"""The quality yardstick of the image families: pure functions on digit images.

Every function takes numpy images shaped (N, 28, 28), float in [0, 1], white digit
on black (the shared data's format), and returns plain numbers, so the tabs, the
Compare tab and the tests all judge VAEs, GANs and diffusion models the same way.

* recognizability -- does the embedded classifier see the intended digit?
* diversity       -- are the samples different from each other, do they cover all classes?
* frechet         -- Fréchet distance to the real test digits in classifier feature space
                     ("FID on MNIST"); ``frechet_floor`` is real-vs-real, the best reachable;
* sharpness       -- variance of the Laplacian (blurry samples score low);
* memorization    -- is a sample a near copy of a training image?
"""

from __future__ import annotations

import functools

import numpy as np
from scipy import linalg, ndimage
from scipy.spatial.distance import pdist

from engines import classifier, digits
from engines.errors import UserInputError

# A sample counts as memorized when its nearest training image is closer than this
# fraction of the 5th percentile of real test digits' nearest-training distances:
# real unseen digits almost never come that close, a copy (distance 0) always does.
MEMORIZED_FRACTION = 0.5
MEMORIZED_PERCENTILE = 5
CHUNK = 1000  # samples per distance matrix: (1000, 4500) floats


def recognizability(images, digits) -> dict[str, float]:
    """``share`` labelled as the intended digit(s), and ``confidence``: mean probability of that digit.

    ``digits`` is one int for all samples or an array of N intended labels.
    """
    return _recognizability(classifier.analyze(images)[1], digits)


def _recognizability(probs: np.ndarray, digits) -> dict[str, float]:
    labels = probs.argmax(1)
    target = np.broadcast_to(np.asarray(digits, dtype=np.int64), labels.shape)
    if target.min() < 0 or target.max() > 9:
        raise UserInputError("Intended digits must be between 0 and 9.")
    return {
        "share": float((labels == target).mean()),
        "confidence": float(probs[np.arange(len(labels)), target].mean()),
    }


def diversity(images) -> dict[str, float]:
    """``pairwise``: mean distance between samples' classifier features; ``coverage``: share of the 10 classes predicted."""
    return _diversity(*classifier.analyze(images))


def _diversity(feats: np.ndarray, probs: np.ndarray) -> dict[str, float]:
    pairwise = float(pdist(feats.astype(np.float64)).mean()) if len(feats) > 1 else 0.0
    return {"pairwise": pairwise, "coverage": len(np.unique(probs.argmax(1))) / 10}


def _gaussian(feats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    feats = feats.astype(np.float64)
    return feats.mean(0), np.cov(feats, rowvar=False)


def _sqrt_psd(s: np.ndarray) -> np.ndarray:
    w, v = linalg.eigh(s)
    return (v * np.sqrt(np.clip(w, 0.0, None))) @ v.T


def _frechet(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    """||mu_a - mu_b||^2 + Tr(S_a + S_b - 2 (S_a S_b)^1/2), as in FID (Heusel et al., 2017).

    Tr (S_a S_b)^1/2 is computed as the trace of the symmetric (S_a^1/2 S_b S_a^1/2)^1/2,
    which is stable when a covariance is singular (fewer samples than features).
    """
    (mu_a, s_a), (mu_b, s_b) = a, b
    root_a = _sqrt_psd(s_a)
    tr_covmean = np.sqrt(np.clip(linalg.eigvalsh(root_a @ s_b @ root_a), 0.0, None)).sum()
    return float(max(((mu_a - mu_b) ** 2).sum() + np.trace(s_a) + np.trace(s_b) - 2 * tr_covmean, 0.0))


@functools.cache
def _test_gaussian() -> tuple[np.ndarray, np.ndarray]:
    return _gaussian(classifier.features(digits.split().test_x))


def frechet(images) -> float:
    """Fréchet distance between the samples and the 500 real test digits in classifier feature space."""
    return _frechet_to_test(classifier.features(images))


def _frechet_to_test(feats: np.ndarray) -> float:
    if len(feats) < 2:
        raise UserInputError("The Fréchet distance needs at least 2 samples.")
    return _frechet(_gaussian(feats), _test_gaussian())


@functools.cache
def _class_gaussian(digit: int) -> tuple[np.ndarray, np.ndarray]:
    data = digits.split()
    return _gaussian(classifier.features(data.test_x[data.test_y == digit]))


def frechet_class(images, digit: int) -> float:
    """Fréchet distance to the 50 real test digits of one class: FID for samples all of one digit."""
    digit = int(digit)
    if not 0 <= digit <= 9:
        raise UserInputError("The digit must be between 0 and 9.")
    feats = classifier.features(images)
    if len(feats) < 2:
        raise UserInputError("The Fréchet distance needs at least 2 samples.")
    return _frechet(_gaussian(feats), _class_gaussian(digit))


@functools.cache
def frechet_floor(n: int = 500) -> float:
    """Real vs real: ``n`` training digits (stratified) against the test split; no model can expect less.

    The Fréchet distance grows as the sample count shrinks, so compare a model's
    value with the floor at the same number of samples.
    """
    if not 2 <= n <= 4500:
        raise UserInputError("The Fréchet floor needs between 2 and 4,500 samples.")
    data = digits.split()
    by_class = np.stack([np.flatnonzero(data.train_y == d) for d in range(10)], axis=1)  # (450, 10)
    return frechet(data.train_x[by_class.ravel()[:n]])  # classes interleaved: 0, 1, ..., 9, 0, 1, ...


def sharpness(images) -> float:
    """Mean over samples of the variance of the Laplacian (edge strength; blur lowers it)."""
    x = classifier.as_batch(images).astype(np.float64)
    return float(np.mean([ndimage.laplace(img).var() for img in x]))


@functools.cache
def sharpness_real() -> float:
    """Sharpness of the 500 real test digits, the reference a generator should reach."""
    return sharpness(digits.split().test_x)


def nearest_train(images) -> tuple[np.ndarray, np.ndarray]:
    """Each sample's nearest training image: Euclidean pixel distances (N,) and training-set indices (N,)."""
    x = classifier.as_batch(images).reshape(-1, 784).astype(np.float64)
    train = digits.split().train_x.reshape(-1, 784).astype(np.float64)
    train_sq = (train**2).sum(1)
    distances, indices = [], []
    for start in range(0, len(x), CHUNK):
        chunk = x[start : start + CHUNK]
        d2 = (chunk**2).sum(1)[:, None] + train_sq[None] - 2 * chunk @ train.T  # (B, 4500)
        best = d2.argmin(1)
        indices.append(best)
        distances.append(np.sqrt(np.maximum(d2[np.arange(len(chunk)), best], 0.0)))
    return np.concatenate(distances), np.concatenate(indices)


@functools.cache
def _test_to_train() -> np.ndarray:
    distances, _ = nearest_train(digits.split().test_x)
    distances.setflags(write=False)
    return distances


def memorization(images) -> dict:
    """Nearest-training-image distance of each sample, against real unseen digits.

    Returns ``nearest`` (N,) pixel distances, ``typical``: the median test-to-train
    nearest distance, ``threshold`` (MEMORIZED_FRACTION x the MEMORIZED_PERCENTILE-th
    percentile of those) and ``memorized_share``: share of samples closer than it.
    """
    nearest, _ = nearest_train(images)
    reference = _test_to_train()
    threshold = MEMORIZED_FRACTION * float(np.percentile(reference, MEMORIZED_PERCENTILE))
    return {
        "nearest": nearest,
        "typical": float(np.median(reference)),
        "threshold": threshold,
        "memorized_share": float((nearest < threshold).mean()),
    }


def report(images, digits=None) -> dict[str, float]:
    """All metrics as one flat dict for tables (recognizability only when intended digits are given)."""
    feats, probs = classifier.analyze(images)  # one forward pass for all classifier-based metrics
    out: dict[str, float] = {}
    if digits is not None:
        rec = _recognizability(probs, digits)
        out["recognizability"] = rec["share"]
        out["confidence"] = rec["confidence"]
    div = _diversity(feats, probs)
    mem = memorization(images)
    out.update(
        diversity=div["pairwise"],
        coverage=div["coverage"],
        fid=_frechet_to_test(feats),
        sharpness=sharpness(images),
        nearest_train=float(np.mean(mem["nearest"])),
        memorized_share=mem["memorized_share"],
    )
    return out


@functools.cache
def reference() -> dict[str, float]:
    """``report`` of the 500 real test digits: the ceiling (floor for fid) a generator is compared to.

    Its fid is the real-vs-real floor (the test split against itself would trivially be 0).
    """
    data = digits.split()
    out = report(data.test_x, data.test_y)
    out["fid"] = frechet_floor()
    return out
