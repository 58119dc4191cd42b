"""Fidelity and diversity of every shipped image model, and the yardstick's reference rows.

``python -m bench.quality [--models gan vae ...] [--readme]``

Each model draws 50 samples of every digit (500 in all, one call per digit, seeds 10,000 + digit;
the one-pass GANs and VAEs also DRAWS - 1 more sets of 500, whose range the tables give in brackets),
the way the Compare tab asks them (``engines.compare.sample``: diffusion 20 DDIM steps at guidance 3,
the VAE from a Gaussian fitted to its codes of that digit's training images), and the shared
yardstick (``engines.metrics.report``) measures them against the 500 test digits. The reference
rows (real, blurred, noise, copies, one digit repeated) are measured the same way.

Writes ``bench/results/quality.json`` (merged with earlier runs of other models) and, with
``--readme``, rewrites README.md's tables between ``<!-- quality:NAME -->`` markers from that file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import torch
from scipy import ndimage

from engines import compare, digits, metrics
from engines.base import get_engine
from engines.gan import COLLAPSED, GanEngine

RESULTS = Path(__file__).resolve().parent / "results" / "quality.json"
PER_DIGIT, SEED = 50, 10_000
DRAWS = 5  # independent draws of 500 for the one-pass models (GAN, VAE): the range shows the sampling noise
CHEAP = ("gan", "gan_collapsed", "gan_small", "vae", "vae_small")
MODELS = ("gan", "gan_collapsed", "gan_small", "vae", "vae_small", "diffusion", "diffusion_small")
KEYS = ("recognizability", "precision", "recall", "class_diversity", "fid", "sharpness", "diversity", "coverage",
        "memorized_share")
NAMES = {"recognizability": "recognizability", "precision": "precision (look real)", "recall": "recall (real variety covered)",
         "class_diversity": "within-class diversity (1 = real)", "fid": "FID, 500 samples", "sharpness": "sharpness (edge contrast)",
         "diversity": "diversity (pairwise, all digits)", "coverage": "coverage (share of the 10 classes)",
         "memorized_share": "memorized share"}


def model_samples(key: str, seed: int = SEED) -> tuple[np.ndarray, np.ndarray, float]:
    if key == "gan_collapsed":
        engine = get_engine(GanEngine, COLLAPSED)
        started = time.perf_counter()
        images = np.concatenate([engine.generate(d, PER_DIGIT, seed + d).images for d in range(10)])
        return images, np.repeat(np.arange(10), PER_DIGIT), time.perf_counter() - started
    images, labels, ms = compare.sample_per_digit(key, PER_DIGIT, seed)
    return images, labels, ms * len(images) / 1000


def reference_rows() -> dict[str, dict]:
    data = digits.split()
    noise = np.random.default_rng(0).random((500, 28, 28)).astype(np.float32)
    blurred = np.stack([ndimage.gaussian_filter(x, 1.5) for x in data.test_x])
    return {
        "real test digits": metrics.reference(),
        "blurred (σ = 1.5)": metrics.report(blurred, data.test_y),
        "uniform noise": metrics.report(noise, np.arange(500) % 10),
        "copies of training digits": metrics.report(data.train_x[::9], data.train_y[::9]),
        "one digit repeated (collapsed)": metrics.report(np.repeat(data.test_x[:1], 500, 0), np.full(500, data.test_y[0])),
    }


def _number(key: str, value: float) -> str:
    if key in ("fid", "diversity"):
        return f"{value:.1f}"
    return f"{value:.3f}" if key == "sharpness" else f"{value:.2f}"


def _cell(key: str, row: dict) -> str:
    """The first draw's value, and the range over all draws where there were several."""
    if key not in row:
        return ""
    low, high = row.get("range", {}).get(key, (None, None))
    spread = f" ({_number(key, low)}–{_number(key, high)})" if low is not None and _number(key, low) != _number(key, high) else ""
    return _number(key, row[key]) + spread


def table(rows: dict[str, dict], first: str) -> str:
    """A markdown table: one column per row of ``rows``, one line per metric."""
    lines = [f"| {first} | " + " | ".join(rows) + " |", "|---" * (len(rows) + 1) + "|"]
    for key in KEYS:
        lines.append(f"| {NAMES[key]} | " + " | ".join(_cell(key, r) for r in rows.values()) + " |")
    return "\n".join(lines)


def readme_tables(result: dict) -> dict[str, str]:
    m = result["models"]
    label = {"gan": "GAN (shipped)", "gan_collapsed": "collapsed GAN (first one)", "gan_small": "GAN, 10 % data",
             "vae": "VAE 16-D", "vae_small": "VAE 16-D, 10 % data", "diffusion": "diffusion", "diffusion_small": "diffusion, 10 % data"}
    real = {"real test digits": result["reference"]["real test digits"]}
    out = {"yardstick": table(result["reference"], "metric (500 images)")}
    for name, keys in (("gan", ("gan", "gan_collapsed", "gan_small")), ("vae", ("vae", "vae_small")),
                       ("diffusion", ("diffusion", "diffusion_small"))):
        present = {label[k]: m[k] for k in keys if k in m}
        if present:
            out[name] = table({**present, **real}, "metric (500 samples, 50 per digit)")
    return out


def training_table() -> str:
    """The GAN runs as their training.json files record them: budget, machine, the validation choice."""
    from engines import registry

    lines = ["| model | trained on | steps (epochs) | minutes | machine | shipped: epoch, chosen by | validation FID / recall / precision there |",
             "|---|---|---|---|---|---|---|"]
    for key in ("Digit GAN (embedded)", "Digit GAN, 10% of the data (embedded)"):
        info = json.loads((registry.embedded_dir(registry.spec(key)) / "training.json").read_text())
        v = info["shipped_validation"]
        lines.append(f"| {key.removesuffix(' (embedded)')} | {info['train_digits']:,} digits | {info['steps']:,} ({info['epochs']}) | "
                     f"{info['seconds'] / 60:.1f} | {info['machine']} | {info['shipped_epoch']}: {info['selection']} | "
                     f"{v['fid']:.1f} / {v['recall']:.2f} / {v['precision']:.2f} |")
    return "\n".join(lines)


def write_readme(result: dict) -> None:
    from bench.readme import replace_blocks

    replace_blocks({f"quality:{name}": body for name, body in {**readme_tables(result), "gan-training": training_table()}.items()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="*", choices=MODELS, default=list(MODELS))
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's quality tables from the results file")
    args = parser.parse_args()
    result = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"models": {}}
    result["reference"] = {k: {m: round(v, 4) for m, v in r.items()} for k, r in reference_rows().items()}
    for key in args.models:
        images, labels, seconds = model_samples(key)
        report = metrics.report(images, labels)
        entry = {**{m: round(v, 4) for m, v in report.items()}, "samples": len(images), "sampling_s": round(seconds, 1)}
        if key in CHEAP:  # more independent draws of 500 (seeds SEED + 1000 j + digit): their range
            draws = [report] + [metrics.report(*model_samples(key, SEED + 1000 * j)[:2]) for j in range(1, DRAWS)]
            entry["draws"] = DRAWS
            entry["range"] = {m: [round(min(d[m] for d in draws), 4), round(max(d[m] for d in draws), 4)] for m in report}
        result["models"][key] = entry
        print(key, {m: round(v, 3) for m, v in report.items()}, f"{seconds:.1f} s", entry.get("range", ""), flush=True)
    result.update(machine=f"{platform.machine()} CPU, {os.cpu_count()} cores, torch {torch.get_num_threads()} thread(s)",
                  load_average=round(os.getloadavg()[0], 1), date=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  settings=f"{PER_DIGIT} samples per digit, seeds {SEED} + digit; diffusion {compare.STEPS} "
                           f"{compare.SCHEDULER} steps at guidance {compare.GUIDANCE}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    for name, body in readme_tables(result).items():
        print(f"\n{name}:\n{body}")
    if args.readme:
        write_readme(result)


if __name__ == "__main__":
    main()
