"""Timings and quality of the embedded VAEs: ``python -m bench.vae``.

Speed: each engine call against the bare torch module doing the same work in the same run
(the ratio is the engine's overhead). Quality: reconstructions of the 500 test digits through
the project's classifier (the bar: >= 90% recognized), and 500 prior samples per model through
the shared metrics (recognizable = top class probability >= 0.9, sharpness, Fréchet distance,
precision and recall against the test digits).
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
    """README's VAE table, as markdown: training.json's figures, then this run's reconstructions and prior samples."""
    import json

    from engines import registry

    data = digits.split()
    print("\n| model | β | recon error test / train (nats) | KL test / train (nats) | test reconstructions recognized | "
          "prior samples recognizable (p ≥ 0.9) | sharpness | FID | precision | recall | near-copies |")
    print("|---" * 11 + "|")
    for key in vae.embedded_models():
        engine, folder = vae.get_vae(key), registry.embedded_dir(registry.spec(key))
        record = json.loads((folder.parent / "training.json").read_text())["models"][folder.name]  # as scripts/train_vae.py wrote it
        recon = metrics.recognizability(engine.reconstruct(data.test_x), data.test_y)["share"]
        batch = np.concatenate([engine.prior_samples(vae.MAX_SAMPLES, seed)[0] for seed in range(-(-n // vae.MAX_SAMPLES))])[:n]
        q = vae.sample_quality(batch)
        trained = (f"{record['recon_nats']:.1f} / {record['train_recon_nats']:.1f} | {record['kl_nats']:.2f} / "
                   f"{record['train_kl_nats']:.2f}")
        print(f"| {key.removesuffix(' (embedded)')} | {record['beta']:g} | {trained} | {recon:.1%} | {q['recognizable']:.1%} | "
              f"{q['sharpness']:.3f} | {q['fid']:.1f} | {q['precision']:.2f} | {q['recall']:.2f} | {q['memorized_share']:.1%} |")
    ref = metrics.reference()
    print(f"| real test digits | | | | {ref['recognizability']:.1%} | | {ref['sharpness']:.3f} | {ref['fid']:.1f} (floor) | "
          f"{ref['precision']:.2f} | {ref['recall']:.2f} | {ref['memorized_share']:.1%} |")
    print(f"({n} prior samples per model, seeds 0..; FID floor for {n} real digits {metrics.frechet_floor(n):.1f}; "
          "the reference row's precision, recall and FID: 500 other real digits against the test digits)")


if __name__ == "__main__":
    speed()
    quality()
