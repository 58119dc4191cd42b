"""Diffusion tab figures: speed of the embedded UNet, cost of showing every step, quality.

    python -m bench.diffusion              # speed: model time, capture overhead, first frame, end to end
    python -m bench.diffusion --quality    # + 500-sample quality (recognizability, FID vs floor, memorization)
    python -m bench.diffusion --sweeps     # + guidance and steps sweeps (time and recognizability)

Timings are wall-clock on this machine as it is (note the load average printed with them);
ratios compare two loops timed alternately in the same run, so shared load affects both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
from diffusers import DDIMScheduler

from engines import metrics
from engines.base import get_engine
from engines.diffusion import UNCONDITIONAL, DiffusionEngine

RESULTS = Path(__file__).resolve().parent / "results"
N, STEPS, GUIDANCE = 16, 25, 3.0


@torch.no_grad()
def bare_diffusers_loop(engine: DiffusionEngine, digit: int, n: int, steps: int, guidance: float, seed: int) -> np.ndarray:
    """The same sampling with diffusers only and nothing captured per step: the reference."""
    unet = engine.model.unet
    scheduler = DDIMScheduler.from_config(engine.model.schedule.config, timestep_spacing="trailing")
    scheduler.set_timesteps(steps)
    x = torch.randn((n, 1, 28, 28), generator=torch.Generator().manual_seed(seed))
    labels = torch.tensor([digit] * n + [UNCONDITIONAL] * n)
    for t in scheduler.timesteps:
        eps_digit, eps_uncond = unet(torch.cat([x, x]), t, class_labels=labels).sample.chunk(2)
        # use_clipped_model_output: the same x̂0 clipping and eps recomputation the engine does
        x = scheduler.step(eps_uncond + guidance * (eps_digit - eps_uncond), t, x, use_clipped_model_output=True).prev_sample
    return x.numpy()


def engine_loop(engine, digit, n, steps, guidance, seed) -> tuple[float, float]:
    """(total seconds, seconds to the first frame) for the engine's per-step stream."""
    started = time.perf_counter()
    first = None
    for _frame in engine.stream(digit=digit, n=n, steps=steps, guidance=guidance, scheduler="DDIM", seed=seed):
        if first is None:
            first = time.perf_counter() - started
    return time.perf_counter() - started, first


def speed(engine: DiffusionEngine, repeats: int = 5) -> dict:
    engine.load()
    bare_diffusers_loop(engine, 3, N, 2, GUIDANCE, 0)  # warm up kernels
    bare, captured, first = [], [], []
    for r in range(repeats):  # alternate, so load changes hit both alike
        started = time.perf_counter()
        bare_diffusers_loop(engine, 3, N, STEPS, GUIDANCE, r)
        bare.append(time.perf_counter() - started)
        total, first_frame = engine_loop(engine, 3, N, STEPS, GUIDANCE, r)
        captured.append(total)
        first.append(first_frame)
    return {
        "model_time_s_16x25_ddim": round(min(captured), 3),
        "bare_diffusers_s_16x25_ddim": round(min(bare), 3),
        "capture_overhead_ratio": round(min(captured) / min(bare), 3),
        "capture_overhead_ratio_median": round(float(np.median(np.array(captured) / np.array(bare))), 3),
        "first_frame_s": round(min(first), 3),
        "torch_threads": torch.get_num_threads(),
    }


def end_to_end(repeats: int = 3) -> dict:
    """``python app.py`` as a user starts it, then diffusion_generate through gradio_client."""
    import socket
    import urllib.request

    from gradio_client import Client

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, GRADIO_SERVER_PORT=str(port), GRADIO_SERVER_NAME="127.0.0.1", GRADIO_ANALYTICS_ENABLED="False")
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        client = Client(url, verbose=False)
        client.predict(3, 2, 2, GUIDANCE, "DDIM", 0, api_name="/diffusion_generate")  # model loaded
        totals, firsts, updates = [], [], 0
        for r in range(repeats):
            started = time.perf_counter()
            job = client.submit(3, N, STEPS, GUIDANCE, "DDIM", r, api_name="/diffusion_generate")
            first = None
            for _update in job:
                if first is None:
                    first = time.perf_counter() - started
            job.result()
            totals.append(time.perf_counter() - started)
            firsts.append(first)
            updates = len(job.outputs())
        return {"end_to_end_s_16x25": round(min(totals), 3), "end_to_end_first_update_s": round(min(firsts), 3),
                "streamed_updates": updates}
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def samples(engine, per_digit: int, steps: int = STEPS, guidance: float = GUIDANCE, seed: int = 0) -> tuple[np.ndarray, np.ndarray, float]:
    started = time.perf_counter()
    images = [engine.result(digit=d, n=per_digit, steps=steps, guidance=guidance, scheduler="DDIM", seed=seed + d).image
              for d in range(10)]
    return np.concatenate(images), np.repeat(np.arange(10), per_digit), time.perf_counter() - started


def quality(engine) -> dict:
    images, intended, seconds = samples(engine, 50)
    report = metrics.report(images, intended)
    mem = metrics.memorization(images)
    return {
        "samples": len(images), "sampling_s": round(seconds, 1),
        **{k: round(v, 4) for k, v in report.items()},
        "fid_floor_real_vs_real": round(metrics.frechet_floor(), 4),
        "memorization_typical_test_to_train": round(mem["typical"], 3),
        "memorization_threshold": round(mem["threshold"], 3),
    }


def sweeps(engine) -> dict:
    out = {"guidance": [], "steps": []}
    for w in (0.0, 1.0, 2.0, 3.0, 5.0, 8.0):
        images, intended, seconds = samples(engine, 3, guidance=w, seed=500)
        out["guidance"].append({"guidance": w, "seconds": round(seconds, 2),
                                "recognizability": metrics.recognizability(images, intended)["share"],
                                "diversity": round(metrics.diversity(images)["pairwise"], 4)})
        print(out["guidance"][-1], flush=True)
    for s in (1, 2, 5, 10, 25, 50):
        images, intended, seconds = samples(engine, 3, steps=s, seed=500)
        out["steps"].append({"steps": s, "seconds": round(seconds, 2),
                             "recognizability": metrics.recognizability(images, intended)["share"]})
        print(out["steps"][-1], flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--sweeps", action="store_true")
    parser.add_argument("--no-e2e", action="store_true", help="skip the gradio_client run")
    args = parser.parse_args()
    engine = get_engine(DiffusionEngine)
    result = {"load_average": os.getloadavg()[0], **speed(engine)}
    print(json.dumps(result, indent=2), flush=True)
    if not args.no_e2e:
        result.update(end_to_end())
    if args.quality:
        result["quality"] = quality(engine)
    if args.sweeps:
        result["sweeps"] = sweeps(engine)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "diffusion.json"
    earlier = json.loads(path.read_text()) if path.exists() else {}
    kept = {k: earlier[k] for k in ("quality", "sweeps") if k in earlier}  # slow parts of earlier runs; nothing else survives
    path.write_text(json.dumps(kept | result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
