"""Boundary checks shared by all engines: each raises UserInputError with a clear message."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable

import numpy as np

from engines.errors import UserInputError


def number(name: str, value, lo: float, hi: float) -> float:
    """A finite float within [lo, hi]."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise UserInputError(f"{name} must be a number, got {value!r}.") from None
    if not math.isfinite(x):
        raise UserInputError(f"{name} must be a finite number, got {value!r}.")
    if not lo <= x <= hi:
        raise UserInputError(f"{name} must be between {lo:g} and {hi:g}, got {x:g}.")
    return x


def integer(name: str, value, lo: int, hi: int) -> int:
    """A whole number within [lo, hi] (2.0 is accepted as 2, 2.5 is refused)."""
    x = number(name, value, lo, hi)
    if x != int(x):
        raise UserInputError(f"{name} must be a whole number, got {value!r}.")
    return int(x)


SEED_MAX = 2**32 - 1


def seed(value) -> int:
    return integer("Seed", value, 0, SEED_MAX)


def choice(name: str, value, options: Iterable[str]) -> str:
    options = list(options)
    if value not in options:
        raise UserInputError(f"{name} must be one of {', '.join(map(str, options))}; got {value!r}.")
    return value


def text(name: str, value, max_chars: int, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise UserInputError(f"{name} must be text.")
    if not allow_empty and not value.strip():
        raise UserInputError(f"{name} is empty: please type something.")
    if len(value) > max_chars:
        raise UserInputError(f"{name} is too long ({len(value)} characters; the limit is {max_chars}).")
    return value


def points_2d(text, max_points: int = 5000) -> np.ndarray:
    """A user's 2D points, one "x,y" per line (a header line is allowed): (n, 2) float64, n >= 3 distinct."""
    if not isinstance(text, str) or not text.strip():
        raise UserInputError("Your point list is empty: give at least 3 points as 'x,y' lines.")
    if len(text) > 200_000:
        raise UserInputError("The point list is too long (over 200,000 characters).")
    points = []
    for line, row in enumerate(csv.reader(io.StringIO(text.strip())), start=1):
        cells = [c.strip() for c in row if c.strip()]
        if not cells:
            continue
        if len(cells) != 2:
            raise UserInputError(f"Line {line} of your points needs exactly two numbers 'x,y', got {','.join(cells)[:40]!r}.")
        try:
            x, y = float(cells[0]), float(cells[1])
        except ValueError:
            if line == 1:
                continue  # a header such as "x,y"
            raise UserInputError(f"Line {line} of your points is not two numbers: {','.join(cells)[:40]!r}.") from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise UserInputError(f"Line {line} of your points is not finite ({x}, {y}): use ordinary numbers.")
        points.append((x, y))
    if len(points) > max_points:
        raise UserInputError(f"Too many points ({len(points)}); the limit is {max_points}.")
    pts = np.array(points, dtype=np.float64).reshape(-1, 2)
    distinct = len(np.unique(pts, axis=0))
    if distinct < 3:
        raise UserInputError(f"Give at least 3 different points to make a shape (got {distinct}).")
    return pts
