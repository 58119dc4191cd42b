"""Timings of the embedded classifier and the metrics: ``python -m bench.classifier``.

Each engine call is compared with the bare torch model doing the same forward pass in
the same run (the ratio is the engine's overhead: validation, batching, numpy copies).
"""

from __future__ import annotations

import time

import numpy as np
import torch

from engines import classifier, digits, metrics
from bench.timing import best_of


def main() -> None:
    data = digits.split()
    started = time.perf_counter()
    model = classifier.load()
    print(f"load weights: {time.perf_counter() - started:.3f} s (threads: {torch.get_num_threads()})")
    for n in (1, 64, 500):
        x = np.array(data.test_x[:n])
        bare_x = torch.tensor(x).unsqueeze(1)

        def bare():
            with torch.inference_mode():
                model(bare_x).softmax(-1)

        engine, raw = best_of(lambda: classifier.classify(x)), best_of(bare)
        print(f"classify {n:>3} digits: {engine * 1e3:7.2f} ms  (bare torch {raw * 1e3:7.2f} ms, ratio {engine / raw:.2f})")
    drawing = np.kron(1 - data.test_x[0], np.ones((10, 10)))  # a 280x280 dark-on-light "drawing"
    print(f"prepare_drawing 280x280: {best_of(lambda: digits.prepare_drawing(drawing)) * 1e3:.2f} ms")
    for name, fn in [("frechet_floor (cold)", metrics.frechet_floor), ("sharpness_real (cold)", metrics.sharpness_real)]:
        started = time.perf_counter()
        fn()
        print(f"{name}: {time.perf_counter() - started:.2f} s")
    metrics.memorization(data.test_x[:2])  # warm the test-to-train reference
    for n in (64, 500):
        samples = np.array(data.test_x[:n])
        print(f"report on {n:>3} samples: {best_of(lambda: metrics.report(samples, data.test_y[:n]), 3):.2f} s")
    print("reference (real test digits):", {k: round(v, 3) for k, v in metrics.reference().items()})
    print("fid floor at n samples:", {n: round(metrics.frechet_floor(n), 2) for n in (64, 100, 500, 1000)})


if __name__ == "__main__":
    main()
