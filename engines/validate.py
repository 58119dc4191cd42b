"""Boundary checks shared by all engines: each raises UserInputError with a clear message."""

from __future__ import annotations

import math
from collections.abc import Iterable

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
