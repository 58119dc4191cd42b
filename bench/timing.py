"""Timing helpers shared by the bench scripts and the Compare tab: one method for every family.

``call_times`` is the method Compare uses for every family alike: a warm model (``warmup``
untimed calls first), the same torch thread count for all, ``repeats`` timed calls; report the
median (``engines.stats.estimate_median`` gives it with a bootstrap interval). ``best_of`` is for
the engine-vs-bare-library overhead ratios of the bench scripts, where the least disturbed run of
each side is the fair one.
"""

from __future__ import annotations

import time

REPEATS = 7
WARMUP = 1


def call_times(fn, repeats: int = REPEATS, warmup: int = WARMUP) -> list[float]:
    """Seconds of each of ``repeats`` calls of ``fn()``, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def best_of(fn, repeats: int = 5) -> float:
    """The fastest of ``repeats`` runs of ``fn()`` in seconds: the least disturbed by other work."""
    return min(call_times(fn, repeats, warmup=0))
