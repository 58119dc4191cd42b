"""Timing helpers shared by the bench scripts."""

from __future__ import annotations

import time


def best_of(fn, repeats: int = 5) -> float:
    """The fastest of ``repeats`` runs of ``fn()`` in seconds: the least disturbed by other work."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)
