"""NeRF figures: render time of a new 100x100 view, live grid training (PSNR vs time), the MLP's quality.

``python -m bench.nerf [--seconds 60]``. Prints the machine's load average too: on a shared
2-core machine the same code runs several times slower when other processes compete.
"""

from __future__ import annotations

import argparse
import os
import time

import torch

from engines.nerf import RENDER_SAMPLES, GridConfig, NerfEngine, heldout_psnr, train_grid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="live grid training budget")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPU cores, torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"load average {os.getloadavg()[0]:.1f} at start")

    e = NerfEngine()
    started = time.perf_counter()
    e.load()
    print(f"load MLP + occupancy + visual hull: {time.perf_counter() - started:.1f} s")
    info = e.training_info
    if info:
        print(f"MLP NeRF training: {info['step']} steps in {info['seconds']:.0f} s ({info['seconds'] / 60:.1f} min) on {info['machine']}")

    # Render time of a new view, against the bare MLP evaluating the same number of points.
    times = []
    for az in (10, 70, 130, 190, 250):
        t0 = time.perf_counter()
        e.render(az, 25, 1.0)
        times.append(time.perf_counter() - t0)
    points = torch.rand(100 * 100 * RENDER_SAMPLES, 3) * 2 - 1
    with torch.no_grad():
        t0 = time.perf_counter()
        for i in range(0, len(points), 65536):
            e.field(points[i : i + 65536])
        bare = time.perf_counter() - t0
    best = min(times)
    print(f"render 100x100 new view: best {best:.2f} s, median {sorted(times)[2]:.2f} s "
          f"(bare MLP on all 10,000 x {RENDER_SAMPLES} points, no skipping: {bare:.2f} s; ratio {best / bare:.2f})")

    started = time.perf_counter()
    value = heldout_psnr(e.field, e.data, RENDER_SAMPLES, split="test", occupancy=e.occupancy)
    views = range(len(e.data.images))
    print(f"MLP NeRF PSNR on the {len(views[e.data.test])} test views (the checkpoint was chosen on "
          f"{len(views[e.data.validation])} other validation views): {value:.2f} dB "
          f"({time.perf_counter() - started:.1f} s to render them)")

    print(f"live grid training, {args.seconds:.0f} s budget (load average {os.getloadavg()[0]:.1f}):")
    for frame in train_grid(e.data, GridConfig(max_seconds=args.seconds), every=5.0, hull=e.hull):
        m = frame.metrics
        print(f"  {m['seconds']:5.1f} s  step {int(m['steps']):4d}  held-out view PSNR {m['psnr']:.2f} dB")
    field = frame.data["field"]
    print(f"grid after {args.seconds:.0f} s: the test views {heldout_psnr(field, e.data, GridConfig.samples, split='test', occupancy=e.hull & field.occupancy()):.2f} dB; "
          f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
