"""Timings and quality of the embedded VAEs: ``python -m bench.vae``.

Speed: each engine call against the bare torch module doing the same work in the same run
(the ratio is the engine's overhead). Quality: reconstructions of the 500 test digits through
the project's classifier (the bar: >= 90% recognized), and 500 prior samples per model through
the shared metrics (recognizable = top class probability >= 0.9, sharpness, Fréchet distance).
"""

from __future__ import annotations

import time

import numpy as np
import torch

from engines import digits, metrics, vae
from ui.vae import latent_scatter
from bench.timing import best_of


def speed() -> None:
    data = digits.split()
    engine = vae.get_vae(vae.MAP_MODEL)
    started = time.perf_counter()
    net = engine.load()
    print(f"load weights: {time.perf_counter() - started:.3f} s (threads: {torch.get_num_threads()})")
    one = np.array(data.test_x[:1])

    def bare_roundtrip():
        with torch.no_grad():
            mean, _ = net.encode(torch.from_numpy(one))
            net.decode(mean)

    e, b = best_of(lambda: engine.reconstruct(one), 20), best_of(bare_roundtrip, 20)
    print(f"encode+decode 1 digit: {e * 1e3:.2f} ms (bare torch {b * 1e3:.2f} ms, ratio {e / b:.2f}); bar 20 ms")

    def bare_prior():
        with torch.no_grad():
            net.decode(torch.randn(64, net.latent_dim, generator=torch.Generator().manual_seed(0)))

    e, b = best_of(lambda: engine.prior_samples(64, 0)), best_of(bare_prior)
    print(f"64 prior samples: {e * 1e3:.2f} ms (bare torch {b * 1e3:.2f} ms, ratio {e / b:.2f}); bar 100 ms")

    started = time.perf_counter()
    means, _, labels = engine.latent_map()
    cold = time.perf_counter() - started
    fig = best_of(lambda: latent_scatter(*engine.latent_map()[::2]).to_json())
    print(f"latent map: encode 500 test digits (cold, once) {cold * 1e3:.1f} ms; figure + JSON {fig * 1e3:.1f} ms; bar 500 ms")
    print(f"manifold grid 15x15: {best_of(lambda: engine.manifold(15)) * 1e3:.2f} ms")


def quality(n: int = 500) -> None:
    data = digits.split()
    print(f"\n{'model':<32} {'recon recognized':>16} {'prior: recognizable':>19} {'coverage':>8} "
          f"{'sharpness':>9} {'FID':>7} {'near-copies':>11}")
    for key in vae.embedded_models():
        engine = vae.get_vae(key)
        recon = metrics.recognizability(engine.reconstruct(data.test_x), data.test_y)["share"]
        batch = np.concatenate([engine.prior_samples(vae.MAX_SAMPLES, seed)[0] for seed in range(-(-n // vae.MAX_SAMPLES))])[:n]
        q = vae.sample_quality(batch)
        print(f"{key:<32} {recon:>16.1%} {q['recognizable']:>19.1%} {q['coverage']:>8.1f} {q['sharpness']:>9.3f} "
              f"{q['fid']:>7.1f} {q['memorized_share']:>11.1%}")
    ref = metrics.reference()
    print(f"{'real test digits (reference)':<32} {ref['recognizability']:>16.1%} {'':>19} {ref['coverage']:>8.1f} "
          f"{ref['sharpness']:>9.3f} {ref['fid']:>7.1f} {ref['memorized_share']:>11.1%}")
    print(f"(FID floor for {n} real digits: {metrics.frechet_floor(n):.1f}; samples: {n} per model, seeds 0..)")


if __name__ == "__main__":
    speed()
    quality()
