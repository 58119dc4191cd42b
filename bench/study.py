"""The training studies behind Compare's claims: ``python -m bench.study [--jobs 2] [--only NAME ...] [--evaluate-only]``.

Every run trains from scratch with the project's own scripts (``scripts/train_<family>.py``) and
the **same optimizer-step budget** (``BUDGET``), one torch thread each, so a difference between
runs is one of data or recipe, not of training time:

* the three image families on the full training digits, seeds 0, 1, 2 (run-to-run spread:
  "diffusion models are easier to train than GANs"; steps to a target: "GANs need more
  training time than VAEs");
* each family on 10% of the digits, seeds 0 and 1 ("VAEs cope better with little data");
* each family on noisy digits (``digits.corrupted``), seed 0 ("VAEs do better with
  poor-quality data");
* the NeRF on 5, 10, 20, 40 and 80 of its training views, ``NERF_STEPS`` steps each ("NeRF
  needs comparatively little training data").

All image runs leave the 500 validation digits out of training (the GAN script always does), so
every run sees the same real digits. Runs go to ``--work`` (not shipped: weights stay out of the
repository); each finished run is evaluated on the **test** digits, which no run's choice saw:
``EVAL_PER_DIGIT`` samples per digit, the yardstick of engines/metrics with bootstrap replicates
(engines/stats). The result, with every run's training.json, goes to ``assets/compare/study.json``,
which the Compare tab reads. A finished run is not trained again: delete its folder to redo it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import torch

from engines import digits, registry

BUDGET = 600  # optimizer steps of every image run (GAN: one D and one G update per step)
NERF_STEPS = 2000
NERF_VIEWS = (5, 10, 20, 40, 80)
FULL_SEEDS, SMALL_SEEDS, CORRUPT_SEEDS = (0, 1, 2), (0, 1), (0,)
SMALL_FRACTION = 0.1
CORRUPTION = "noise"
EVAL_PER_DIGIT = 20  # 200 test samples per run
DIFFUSION_EVAL = {"steps": 20, "guidance": 3.0, "scheduler": "DDIM"}  # the Compare tab's everyday setting
CHECK_EVERY = 120  # steps between the VAE's validation checks, ending at the budget; the GAN's snapshots fall every 124 and at 600
RESULT = registry.ASSETS / "compare" / "study.json"
WORK = Path(os.environ.get("GENAI_LAB_STUDY", Path.home() / ".cache" / "genai-lab" / "study"))


@dataclass(frozen=True)
class Run:
    family: str  # "vae", "gan", "diffusion", "nerf"
    seed: int = 0
    fraction: float = 1.0
    corrupt: str | None = None
    views: int | None = None  # NeRF only

    @property
    def name(self) -> str:
        if self.family == "nerf":
            return f"nerf-views{self.views}"
        data = "noisy" if self.corrupt else ("small" if self.fraction < 1 else "full")
        return f"{self.family}-{data}-seed{self.seed}"

    def command(self, out: Path) -> list[str]:
        base = [sys.executable, "-m", "scripts.train", self.family, "--seed", str(self.seed), "--threads", "1", "--out", str(out)]
        if self.family == "nerf":
            return base + ["--steps", str(NERF_STEPS), "--minutes", "600", "--eval-every", "500", "--views", str(self.views)]
        base += ["--steps", str(BUDGET), "--fraction", str(self.fraction)] + (["--corrupt", self.corrupt] if self.corrupt else [])
        if self.family == "vae":
            return base + ["--models", "16d", "--hold-out-validation", "--check-every", str(CHECK_EVERY)]
        if self.family == "gan":  # a snapshot about every 124 steps: 2 epochs of 4,000 digits, 20 of 400
            return base + ["--snapshot-every", "2" if self.fraction == 1 else "20"]
        return base + ["--hold-out-validation", "--save-every", "1000"]  # diffusion: one checkpoint, at the end


def runs() -> list[Run]:
    image = [Run(f, seed=s) for f in ("vae", "gan", "diffusion") for s in FULL_SEEDS]
    image += [Run(f, seed=s, fraction=SMALL_FRACTION) for f in ("vae", "gan", "diffusion") for s in SMALL_SEEDS]
    image += [Run(f, seed=s, corrupt=CORRUPTION) for f in ("vae", "gan", "diffusion") for s in CORRUPT_SEEDS]
    return image + [Run("nerf", views=v) for v in NERF_VIEWS]


def finished(run: Run, out: Path) -> bool:
    path = out / "training.json"
    if not path.is_file():
        return False
    info = json.loads(path.read_text())
    if run.family == "nerf":
        return "test_psnrs" in info
    if run.family == "vae":
        return info.get("models", {}).get("16d", {}).get("steps") == BUDGET
    return info.get("steps") == BUDGET


def train(run: Run, work: Path) -> float:
    """Train one run (unless already done); its wall time in seconds."""
    out = work / run.name
    if finished(run, out):
        return 0.0
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with open(out / "log.txt", "w") as log:
        subprocess.run(run.command(out), check=True, stdout=log, stderr=subprocess.STDOUT,
                       env={**os.environ, "OMP_NUM_THREADS": "1"})
    return time.monotonic() - started


# --------------------------------------------------------------------------- evaluation on the test digits
def _samples(run: Run, out: Path) -> np.ndarray:
    """EVAL_PER_DIGIT samples of every digit, (10·k, 28, 28) in [0, 1], as the Compare tab draws them."""
    k = EVAL_PER_DIGIT
    if run.family == "vae":
        from engines.vae_model import DigitVAE, samples_per_digit
        from scripts.train import training_digits

        model = DigitVAE.from_pretrained(str(out / "16d")).float().eval()
        x, y = training_digits(SimpleNamespace(fraction=run.fraction, corrupt=run.corrupt, seed=run.seed, hold_out_validation=True))
        return samples_per_digit(model, x, y, k)
    if run.family == "gan":
        from engines.gan_model import DigitGAN

        model = DigitGAN.from_pretrained(str(out)).eval()
        with torch.no_grad():
            images = [model.generator(torch.randn(k, model.z_dim, generator=torch.Generator().manual_seed(d)),
                                      torch.full((k,), d, dtype=torch.long)) for d in range(10)]
        return digits.to_unit(torch.cat(images)[:, 0].numpy())
    from engines.diffusion import DiffusionEngine, generate

    engine = DiffusionEngine.from_folder(out)
    return np.concatenate([generate(d, k, seed=d, engine=engine, **DIFFUSION_EVAL) for d in range(10)])


def evaluate(run: Run, out: Path) -> dict:
    from engines import stats

    info = json.loads((out / "training.json").read_text())
    if run.family == "nerf":
        return {"name": run.name, "family": "nerf", "views": run.views, "steps": info["args"]["steps"],
                "psnr": stats.estimate_mean(info["test_psnrs"]), "training": {k: info[k] for k in ("step", "seconds", "validation_psnr", "training_views")}}
    images = _samples(run, out)
    labels = np.repeat(np.arange(10), EVAL_PER_DIGIT)
    record = {"name": run.name, "family": run.family, "seed": run.seed, "fraction": run.fraction, "corrupt": run.corrupt,
              **stats.sample_estimates(images, labels)}
    if run.family == "vae":
        model_info = info["models"]["16d"]
        record["training"] = {"steps": model_info["steps"], "minutes": round(model_info["train_seconds"] / 60, 2),
                              "train_digits": model_info["train_digits"], "batch": model_info["batch"]}
        record["curve"] = model_info.get("snapshots", [])
    elif run.family == "gan":
        record["training"] = {"steps": info["steps"], "minutes": round(info["seconds"] / 60, 2), "train_digits": info["train_digits"],
                              "batch": info["batch_per_process"], "chosen_step": next(s["step"] for s in info["snapshots"] if s["epoch"] == info["shipped_epoch"])}
        record["curve"] = info["snapshots"]
    else:
        record["training"] = {"steps": info["steps"], "minutes": info["train_minutes"], "train_digits": info["train_digits"],
                              "batch": info["batch"]}
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2, help="runs trained at once (one torch thread each)")
    parser.add_argument("--only", nargs="+", default=None, help="run names (e.g. gan-full-seed0); default: all")
    parser.add_argument("--work", type=Path, default=WORK, help="where runs are trained (not shipped)")
    parser.add_argument("--evaluate-only", action="store_true", help="evaluate the finished runs, train nothing")
    args = parser.parse_args()
    torch.set_num_threads(1)
    chosen = [r for r in runs() if not args.only or r.name in args.only]
    started = time.monotonic()
    if not args.evaluate_only:
        # the slowest first, so the two workers finish together
        order = sorted(chosen, key=lambda r: {"diffusion": 0, "nerf": 1, "gan": 2, "vae": 3}[r.family])
        with ThreadPoolExecutor(args.jobs) as pool:
            for run, seconds in zip(order, pool.map(lambda r: train(r, args.work), order)):
                print(f"[{(time.monotonic() - started) / 60:5.1f} min] trained {run.name} ({seconds / 60:.1f} min)", flush=True)
    records = []
    for i, run in enumerate(chosen):
        out = args.work / run.name
        if not finished(run, out):
            print(f"skipping {run.name}: not trained", flush=True)
            continue
        records.append(evaluate(run, out))
        print(f"[{(time.monotonic() - started) / 60:5.1f} min] {i + 1}/{len(chosen)} evaluated {run.name}", flush=True)
    previous = json.loads(RESULT.read_text()) if RESULT.is_file() else {}
    kept = {r["name"]: r for r in previous.get("runs", [])}
    kept.update({r["name"]: r for r in records})
    result = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU cores, one torch thread per run, "
                   + ("GPU" if torch.cuda.is_available() else "no GPU"),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="minutes"),
        "jobs": args.jobs, "budget_steps": BUDGET, "nerf_steps": NERF_STEPS, "eval_samples": 10 * EVAL_PER_DIGIT,
        "small_fraction": SMALL_FRACTION, "corruption": f"{CORRUPTION}, sigma {digits.NOISE_SIGMA}",
        "diffusion_eval": DIFFUSION_EVAL, "last_invocation_seconds": round(time.monotonic() - started, 1),
        "runs": [kept[r.name] for r in runs() if r.name in kept],
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, separators=(",", ":")) + "\n")
    print(f"wrote {RESULT} ({len(result['runs'])} runs) in {result['last_invocation_seconds'] / 60:.1f} min")


if __name__ == "__main__":
    main()
