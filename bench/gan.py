"""The GAN tab's figures: ``python -m bench.gan [--threads N]``.

* 64 samples: the engine's generate (validation, noise, generator, discriminator scores, numpy)
  against the bare generator forward pass, in the same run;
* quality of 500 samples by the shared yardstick, next to the real test digits;
* the live 2D lab: training steps/s, and frames/s of the UI loop (train, snapshot, plotly figure,
  JSON serialization as the server sends it).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from engines import gan, gan_lab, metrics
from engines.base import get_engine
from bench.timing import best_of


def sampling(engine: gan.GanEngine) -> None:
    model = engine.model
    z, y = torch.randn(64, model.z_dim), torch.arange(64) % 10

    def bare():
        with torch.inference_mode():
            model.generator(z, y)

    full, raw = best_of(lambda: engine.generate(-1, 64, 0), repeats=10), best_of(bare, repeats=10)
    print(f"64 samples: engine {full * 1e3:.1f} ms (incl. D scores), bare generator {raw * 1e3:.1f} ms, ratio {full / raw:.2f}")


def quality(engine: gan.GanEngine) -> None:
    images, asked = [], []
    for seed in range(10):
        s = engine.generate(-1, 50, 10_000 + seed)
        images.append(s.images)
        asked.append(s.labels)
    images, asked = np.concatenate(images), np.concatenate(asked)
    ours, real = metrics.report(images, asked), metrics.reference()
    print("500 samples     :", {k: round(v, 3) for k, v in ours.items()})
    print("real test digits:", {k: round(v, 3) for k, v in real.items()})
    mem = metrics.memorization(images)
    print(f"memorization: median nearest-train distance {np.median(mem['nearest']):.2f} "
          f"(real unseen digits: {mem['typical']:.2f}), memorized share {mem['memorized_share']:.3f}")


def lab() -> None:
    from ui.gan import LAB_FRAME_STEPS, lab_figure

    run = gan_lab.Lab(gan_lab.LabConfig())
    with gan_lab.single_thread():  # as the UI loop runs it
        run.train(50)
        started = time.perf_counter()
        run.train(1000)
    steps_s = 1000 / (time.perf_counter() - started)
    run = gan_lab.Lab(gan_lab.LabConfig())
    started, frames = time.perf_counter(), 0
    for frame in run.stream(1000, LAB_FRAME_STEPS):
        lab_figure(frame).to_json()
        frames += 1
    seconds = time.perf_counter() - started
    print(f"2D lab: {steps_s:.0f} training steps/s alone; UI loop {frames / seconds:.1f} frames/s "
          f"at {LAB_FRAME_STEPS} steps per frame = {1000 / seconds:.0f} steps/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"torch threads: {torch.get_num_threads()}")
    engine = get_engine(gan.GanEngine, gan.EMBEDDED)
    engine.load()
    sampling(engine)
    lab()
    quality(engine)


if __name__ == "__main__":
    main()
