"""Uncertainty for the Compare tab's verdicts: bootstrap estimates and the three-way rule.

An *estimate* is a plain dict ``{"value": v, "boot": [B replicates], "n": n}``: ``value`` is the
metric on all n items, ``boot`` the same metric on B resamples of them (with replacement), so a
percentile interval of any difference or ratio of estimates comes from the replicates
(Efron & Tibshirani 1993). Estimates from different runs are independent; ``pooled`` averages runs
of one setting (seeds), resampling the runs as well as each run's samples.

A claim's verdict (``verdict``) is *supported* when the 95 % interval of the difference lies on the
side the claim predicts, *refuted* when it lies on the other side, and *undecided* when it spans
zero or the metric sits at its ceiling or floor for the comparison.
"""

from __future__ import annotations

import zlib

import numpy as np
from scipy.spatial.distance import cdist

BOOTSTRAP = 200  # replicates per estimate
CONFIDENCE = 0.95
SUPPORTED, REFUTED, UNDECIDED = "supported", "refuted", "undecided"
OUTLIER_SHARE = 0.1  # "rare styles": the real test digits farthest from their class centre


def rng(*key) -> np.random.Generator:
    """A generator fixed by a name: the same replicates on every machine, different ones per estimate."""
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def estimate(value: float, boot, n: int) -> dict:
    return {"value": float(value), "boot": [float(b) for b in boot], "n": int(n)}


def estimate_mean(values, key: str = "") -> dict:
    """The mean of ``values`` (per-item numbers: PSNR per view, 1/0 per sample, ms per call), resampled."""
    values = np.asarray(values, dtype=np.float64)
    idx = rng("mean", key, len(values)).integers(0, len(values), (BOOTSTRAP, len(values)))
    return estimate(values.mean(), values[idx].mean(1), len(values))


def estimate_median(values, key: str = "") -> dict:
    """The median of ``values`` (e.g. ms per timed call), resampled: timings have long right tails."""
    values = np.asarray(values, dtype=np.float64)
    idx = rng("median", key, len(values)).integers(0, len(values), (BOOTSTRAP, len(values)))
    return estimate(np.median(values), np.median(values[idx], axis=1), len(values))


def scaled(est: dict, factor: float) -> dict:
    """The estimate times a constant (ms per call -> ms per sample or per pixel)."""
    return {**est, "value": est["value"] * factor, "boot": [b * factor for b in est["boot"]]}


def interval(est: dict) -> tuple[float, float]:
    tail = 100 * (1 - CONFIDENCE) / 2
    lo, hi = np.percentile(est["boot"], [tail, 100 - tail])
    return float(lo), float(hi)


def _combine(a: dict, b: dict, op, key: str, paired: bool = False) -> dict:
    # independent estimates: pair their replicates in a shuffled order; paired ones (the same items
    # resampled alike, e.g. the same test views) keep their order
    order = np.arange(len(b["boot"])) if paired else rng("pair", key, a["n"], b["n"]).permutation(len(b["boot"]))
    return estimate(op(a["value"], b["value"]), op(np.asarray(a["boot"]), np.asarray(b["boot"])[order]), min(a["n"], b["n"]))


def difference(a: dict, b: dict, key: str = "", paired: bool = False) -> dict:
    """a − b with its replicates; ``paired`` when both were resampled with the same indices (estimate_mean, same key)."""
    return _combine(a, b, np.subtract, key, paired)


def ratio(a: dict, b: dict, key: str = "") -> dict:
    """a / b with its replicates (b's replicates must stay away from 0)."""
    return _combine(a, b, lambda x, y: np.divide(x, np.maximum(y, 1e-12)), key)


def pooled(estimates: list[dict], key: str = "") -> dict:
    """The mean over runs (seeds) of one setting; each replicate resamples the runs, then takes each drawn run's replicate."""
    values = np.array([e["value"] for e in estimates])
    boots = np.array([e["boot"] for e in estimates])  # (R, B)
    runs = rng("pool", key, len(estimates)).integers(0, len(estimates), (boots.shape[1], len(estimates)))  # (B, R)
    replicate = boots[runs, np.arange(boots.shape[1])[:, None]].mean(1)
    return {**estimate(values.mean(), replicate, sum(e["n"] for e in estimates)), "runs": len(estimates)}


def verdict(diff: dict, expect: int, at_limit: bool = False) -> str:
    """Three-way rule on a difference the claim predicts to be positive (``expect`` = +1) or negative (−1)."""
    if at_limit:
        return UNDECIDED
    lo, hi = interval(diff)
    if (lo > 0 and expect > 0) or (hi < 0 and expect < 0):
        return SUPPORTED
    if (lo > 0 and expect < 0) or (hi < 0 and expect > 0):
        return REFUTED
    return UNDECIDED


def combine_verdicts(verdicts: list[str]) -> str:
    """A claim with several conditions: supported if all are, refuted if any is, else undecided."""
    if all(v == SUPPORTED for v in verdicts):
        return SUPPORTED
    return REFUTED if REFUTED in verdicts else UNDECIDED


def at_limit(*shares: float, margin: float = 0.01) -> bool:
    """True when every share is at its ceiling (≥ 1 − margin) or every one at its floor (≤ margin): no room to differ."""
    return all(s >= 1 - margin for s in shares) or all(s <= margin for s in shares)


# --------------------------------------------------------------------------- the image yardstick, with replicates
def _outliers(real: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Indices of the OUTLIER_SHARE of real digits of each class farthest from that class's mean feature."""
    picked = []
    for d in range(10):
        idx = np.flatnonzero(labels == d)
        far = np.linalg.norm(real[idx] - real[idx].mean(0), axis=1)
        picked.append(idx[np.argsort(far)[::-1][: max(1, round(OUTLIER_SHARE * len(idx)))]])
    return np.sort(np.concatenate(picked))


def sample_estimates(images, labels, key: str = "") -> dict[str, dict]:
    """The yardstick of ``images`` (N, 28, 28) asked for ``labels`` (N,), each metric with bootstrap replicates.

    fid, precision, recall (all against the 500 real test digits), outlier_recall (recall on the
    rarest 10 % of them), recognizability, class_diversity (1 = as varied as real), sharpness and
    memorized (share of near copies of a training digit, metrics.memorization).
    Replicates resample the samples; the manifolds' ball radii stay those of the full sets, and
    within-class diversity uses each resample's distinct samples (a repeated sample is not variety).
    A resample holds only about 63 % distinct samples, which biases the Fréchet distance up and recall
    down; each metric's replicates are shifted so that their mean is the full-sample value (the
    bootstrap bias correction): the interval keeps the spread and is centred where it belongs.
    """
    from engines import classifier, digits, metrics

    feats, probs = classifier.analyze(images)
    labels = np.asarray(labels)
    feats = feats.astype(np.float64)
    real = metrics._reference_features("test").astype(np.float64)
    outliers = _outliers(real, digits.split().test_y)
    k = metrics.PR_NEIGHBOURS
    between = cdist(feats, real)  # (N, 500)
    inside = (between <= metrics._kth_neighbour_radius(real, k)[None, :]).any(1)  # (N,) sample looks real
    covers = between <= metrics._kth_neighbour_radius(feats, k)[:, None]  # (N, 500) sample's ball holds the real digit
    correct = probs.argmax(1) == labels
    sharp = metrics.sharpness_per_image(images)
    memory = metrics.memorization(images)
    copied = memory["nearest"] < memory["threshold"]  # (N,) a near copy of a training digit
    reference = metrics._reference_gaussian("test")

    def measure(idx: np.ndarray) -> dict[str, float]:
        distinct = np.unique(idx)
        return {
            "fid": metrics._frechet(metrics._gaussian(feats[idx]), reference),
            "precision": inside[idx].mean(), "recall": covers[idx].any(0).mean(),
            "outlier_recall": covers[idx][:, outliers].any(0).mean(),
            "recognizability": correct[idx].mean(), "sharpness": sharp[idx].mean(), "memorized": copied[idx].mean(),
            "class_diversity": metrics._class_diversity(feats[distinct], labels[distinct])["relative"],
        }

    n = len(feats)
    full = measure(np.arange(n))
    draws = rng("samples", key, n)
    replicates = [measure(draws.integers(0, n, n)) for _ in range(BOOTSTRAP)]
    out = {}
    for name, value in full.items():
        boot = np.array([r[name] for r in replicates])
        out[name] = estimate(value, boot - boot.mean() + value, n)
    return out
