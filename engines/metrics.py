"""The quality yardstick of the image families: pure functions on digit images.

Every function takes numpy images shaped (N, 28, 28), float in [0, 1], white digit
on black (the shared data's format), and returns plain numbers, so the tabs, the
Compare tab and the tests all judge VAEs, GANs and diffusion models the same way.

* recognizability  -- does the embedded classifier see the intended digit? (fidelity)
* diversity        -- are the samples different from each other, do they cover all classes?
* class_diversity  -- are samples asked for the same digit different from each other, relative
                      to real digits of that class (1.0 = as varied as real; mode collapse ~0)?
* precision_recall -- k-NN manifolds in classifier features (Kynkäänniemi et al. 2019): precision
                      = share of samples that look real (fidelity), recall = share of the real
                      variety the samples cover (diversity); a collapsed model can have high
                      precision and still near-zero recall;
* frechet          -- Fréchet distance to the real test digits in classifier feature space
                      ("FID on MNIST"); ``frechet_floor`` is real-vs-real, the best reachable;
* sharpness        -- edge contrast: how steeply a lightly smoothed image crosses mid-grey on its
                      stroke boundaries (blur lowers it; speckle and noise do not raise it);
* memorization     -- is a sample a near copy of a training image?

Every metric is measured against the real test digits by default; checkpoint selection in
the training scripts passes the validation digits (``digits.validation``) instead.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy import linalg, ndimage
from scipy.spatial.distance import cdist, pdist

from engines import classifier, digits, validate
from engines.errors import UserInputError

# A sample counts as memorized when its nearest training image is closer than this
# fraction of the 5th percentile of real test digits' nearest-training distances:
# real unseen digits almost never come that close, a copy (distance 0) always does.
MEMORIZED_FRACTION = 0.5
MEMORIZED_PERCENTILE = 5
CHUNK = 1000  # samples per distance matrix: (1000, 4500) floats
PR_NEIGHBOURS = 3  # k of the k-NN manifolds (Kynkäänniemi et al. 2019 use k = 3)
EDGE_SMOOTHING = 1.0  # Gaussian sigma (px) before measuring edges: speckle averages out, strokes stay
EDGE_BAND = (0.3, 0.7)  # smoothed grey levels that count as a stroke boundary


def recognizability(images, digits) -> dict[str, float]:
    """``share`` labelled as the intended digit(s), and ``confidence``: mean probability of that digit.

    ``digits`` is one int for all samples or an array of N intended labels.
    """
    return _recognizability(classifier.analyze(images)[1], digits)


def _recognizability(probs: np.ndarray, digits) -> dict[str, float]:
    labels = probs.argmax(1)
    target = _labels(digits, len(labels))
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


def _labels(labels, n: int) -> np.ndarray:
    """One intended digit for all ``n`` samples, or one per sample, as (n,) int64."""
    given = np.asarray(labels)
    if given.ndim > 1 or (given.ndim == 1 and len(given) != n):
        raise UserInputError(f"Got {given.size} intended digits for {n} samples: give one digit, or one per sample.")
    if given.size and not np.issubdtype(given.dtype, np.integer) and not np.array_equal(given, np.round(given)):
        raise UserInputError("Intended digits must be whole numbers from 0 to 9.")
    target = np.broadcast_to(given.astype(np.int64), (n,))
    if n == 0:
        raise UserInputError("No samples to measure.")
    if target.min() < 0 or target.max() > 9:
        raise UserInputError("Intended digits must be between 0 and 9.")
    return target


def _mean_within_class(feats: np.ndarray, labels: np.ndarray) -> dict[int, float]:
    """Mean pairwise feature distance among samples of each label that has at least 2 samples."""
    return {int(d): float(pdist(feats[labels == d].astype(np.float64)).mean())
            for d in np.unique(labels) if (labels == d).sum() > 1}


@functools.cache
def _real_within_class() -> dict[int, float]:
    data = digits.split()
    return _mean_within_class(classifier.features(data.test_x), data.test_y)


def class_diversity(images, labels) -> dict:
    """Within-class diversity: how different samples asked for the same digit are from each other.

    ``pairwise``: mean over the asked digits of the mean pairwise distance (classifier features)
    among that digit's samples; ``relative``: the same divided by the real test digits' value for
    those digits (1.0 = as varied as real digits, 0 = the same picture repeated: mode collapse);
    ``per_digit``: the relative value of each digit. Needs at least 2 samples of some digit.
    """
    return _class_diversity(classifier.features(images), labels)


def _class_diversity(feats: np.ndarray, labels) -> dict:
    ours = _mean_within_class(feats, _labels(labels, len(feats)))
    if not ours:
        raise UserInputError("Within-class diversity needs at least 2 samples of the same digit.")
    real = _real_within_class()
    per_digit = {d: ours[d] / real[d] for d in ours}
    return {"pairwise": float(np.mean(list(ours.values()))), "relative": float(np.mean(list(per_digit.values()))),
            "per_digit": per_digit}


def digit_report(images, digit: int) -> dict[str, float]:
    """Fidelity and diversity of samples all asked for one ``digit``, against the 50 real test digits of it.

    ``recognizability``, ``class_diversity`` (relative to real digits of that class) and, with more
    than PR_NEIGHBOURS samples, ``precision`` / ``recall`` against that class alone: for side-by-side
    views of one digit.
    """
    digit = validate.integer("Digit", digit, 0, 9)
    feats, probs = classifier.analyze(images)
    out = {"recognizability": _recognizability(probs, digit)["share"],
           "class_diversity": _class_diversity(feats, digit)["relative"]}
    if len(feats) > PR_NEIGHBOURS:
        out.update(_precision_recall(feats, _reference_features("test", digit)))
    return out


def _kth_neighbour_radius(feats: np.ndarray, k: int) -> np.ndarray:
    """Distance of each point to its k-th nearest other point in the same set: the manifold's ball radii."""
    d = cdist(feats, feats)
    return np.partition(d, k, axis=1)[:, k]  # column 0 is the point itself (distance 0)


def _precision_recall(fake: np.ndarray, real: np.ndarray, k: int = PR_NEIGHBOURS) -> dict[str, float]:
    if len(fake) <= k or len(real) <= k:
        raise UserInputError(f"Precision and recall need more than {k} samples and real digits; "
                             f"got {len(fake)} samples and {len(real)} real digits.")
    if fake.shape[1] != real.shape[1]:
        raise UserInputError(f"Samples and real digits have different feature sizes ({fake.shape[1]} vs {real.shape[1]}).")
    return _manifold_overlap(fake.astype(np.float64), real.astype(np.float64), k)


def _manifold_overlap(fake: np.ndarray, real: np.ndarray, k: int) -> dict[str, float]:
    between = cdist(fake, real)  # (N_fake, N_real)
    real_radius, fake_radius = _kth_neighbour_radius(real, k), _kth_neighbour_radius(fake, k)
    return {
        "precision": float((between <= real_radius[None, :]).any(1).mean()),  # sample inside some real ball
        "recall": float((between <= fake_radius[:, None]).any(0).mean()),  # real digit inside some sample ball
    }


@functools.cache
def _reference_features(reference: str, digit: int | None = None) -> np.ndarray:
    if reference == "test":
        x, y = digits.split().test_x, digits.split().test_y
    elif reference == "validation":
        x, y = digits.validation().x, digits.validation().y
    else:
        raise UserInputError(f"Unknown reference digits {reference!r}: use 'test' or 'validation'.")
    return classifier.features(x if digit is None else x[y == digit])


def precision_recall(images, reference: str = "test", k: int = PR_NEIGHBOURS, digit: int | None = None) -> dict[str, float]:
    """Improved precision and recall (Kynkäänniemi et al. 2019) against held-out real digits.

    Each set's manifold is the union of balls around its points, each as wide as the distance to
    its k-th nearest neighbour (classifier features). ``precision``: share of samples inside the
    real manifold (they look real); ``recall``: share of real digits inside the samples' manifold
    (the real variety is covered). Both depend on the number of samples, so compare models at the
    same n; with fewer than about 5 samples per class the balls grow wide enough to span classes
    and recall nears 1 whatever the samples (20 real digits, 2 per class: 0.99; a collapsed GAN: 0.94).
    ``reference`` is "test" (the 500 test digits, for reports) or "validation" (for choosing checkpoints);
    with ``digit`` only the 50 real digits of that class (for samples all asked for that digit).
    """
    digit = None if digit is None else validate.integer("Digit", digit, 0, 9)
    return _precision_recall(classifier.features(images), _reference_features(reference, digit), k)


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
def _reference_gaussian(reference: str = "test") -> tuple[np.ndarray, np.ndarray]:
    return _gaussian(_reference_features(reference))


def frechet(images) -> float:
    """Fréchet distance between the samples and the 500 real test digits in classifier feature space."""
    return _frechet_to_reference(classifier.features(images))


def _frechet_to_reference(feats: np.ndarray, reference: str = "test") -> float:
    if len(feats) < 2:
        raise UserInputError("The Fréchet distance needs at least 2 samples.")
    return _frechet(_gaussian(feats), _reference_gaussian(reference))


@functools.cache
def _class_gaussian(digit: int) -> tuple[np.ndarray, np.ndarray]:
    data = digits.split()
    return _gaussian(classifier.features(data.test_x[data.test_y == digit]))


def frechet_class(images, digit: int) -> float:
    """Fréchet distance to the 50 real test digits of one class: FID for samples all of one digit."""
    digit = validate.integer("Digit", digit, 0, 9)
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
    return frechet(_floor_digits(n)[0])


def sharpness(images) -> float:
    """Mean edge contrast of the images (``sharpness_per_image``)."""
    return float(sharpness_per_image(images).mean())


def sharpness_per_image(images) -> np.ndarray:
    """Edge contrast: mean gradient magnitude (grey levels per pixel) on the stroke boundaries.

    The images are smoothed a little (sigma EDGE_SMOOTHING) and the boundary is where the
    smoothed image crosses mid-grey (EDGE_BAND). A crisp stroke rises steeply there; a blurred
    one rises slowly. Speckle and uniform noise average out to a flat grey under the smoothing,
    so, unlike the variance of the Laplacian, they cannot score as "sharp". An image with no
    boundary at all (blank) scores 0.
    """
    x = classifier.as_batch(images).astype(np.float64)
    smooth = ndimage.gaussian_filter(x, (0, EDGE_SMOOTHING, EDGE_SMOOTHING))
    gy, gx = np.gradient(smooth, axis=(1, 2))
    magnitude = np.hypot(gx, gy)  # (N, 28, 28)
    band = (smooth >= EDGE_BAND[0]) & (smooth <= EDGE_BAND[1])
    return (magnitude * band).sum((1, 2)) / np.maximum(band.sum((1, 2)), 1)  # (N,)


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


def report(images, digits=None, reference: str = "test") -> dict[str, float]:
    """All metrics as one flat dict for tables.

    Recognizability and within-class diversity need the intended digits; precision and recall
    need more than PR_NEIGHBOURS samples. ``reference`` picks the real digits that fid,
    precision and recall compare with ("test" for reports, "validation" for checkpoint choice).
    """
    feats, probs = classifier.analyze(images)  # one forward pass for all classifier-based metrics
    out: dict[str, float] = {}
    if digits is not None:
        rec = _recognizability(probs, digits)
        out["recognizability"] = rec["share"]
        out["confidence"] = rec["confidence"]
        labels = _labels(digits, len(feats))
        if np.bincount(labels, minlength=10).max() > 1:
            out["class_diversity"] = _class_diversity(feats, labels)["relative"]
    div = _diversity(feats, probs)
    if len(feats) > PR_NEIGHBOURS:
        out.update(_precision_recall(feats, _reference_features(reference)))
    mem = memorization(images)
    out.update(
        diversity=div["pairwise"],
        coverage=div["coverage"],
        fid=_frechet_to_reference(feats, reference),
        sharpness=sharpness(images),
        nearest_train=float(np.mean(mem["nearest"])),
        memorized_share=mem["memorized_share"],
    )
    return out


def _floor_digits(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` training digits, classes interleaved (0, 1, ..., 9, 0, 1, ...): real digits no test digit is."""
    data = digits.split()
    by_class = np.stack([np.flatnonzero(data.train_y == d) for d in range(10)], axis=1)  # (450, 10)
    idx = by_class.ravel()[:n]
    return data.train_x[idx], data.train_y[idx]


@functools.cache
def reference() -> dict[str, float]:
    """``report`` of the 500 real test digits: the ceiling (floor for fid) a generator is compared to.

    Measured against the test digits themselves, fid would be 0 and precision, recall and
    within-class diversity exactly 1; those four come from 500 other real digits (training
    digits) against the test digits instead: what real data scores, the best to expect.
    """
    data = digits.split()
    out = report(data.test_x, data.test_y)
    other_real = report(*_floor_digits(500))
    for key in ("fid", "precision", "recall", "class_diversity"):
        out[key] = other_real[key]
    return out
