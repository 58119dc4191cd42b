"""The families side by side, measured on this machine: the numbers behind the Compare tab and its claims.

Every image family makes the same request (a digit, n samples, a seed) and is scored with the
shared yardstick (engines.metrics). The LLM answers the same idea in words, the NeRF renders a
view: all costs land in the same units (milliseconds per output, per training step).

How things are measured (and what the tab says about it):
* time: one method for every family (bench.timing.call_times): a warm model, the same torch
  thread count, the median of several calls, per output and per output pixel; the claims' timings
  make the same 10 samples of one digit per call (TIMING_SAMPLES), the NeRF also renders a view of
  digit size (NERF_SMALL_SIDE), and every timing carries a bootstrap interval (engines.stats);
* the claims' yardstick: 200 samples per model (EVAL_PER_DIGIT per digit) with bootstrap
  replicates; the diffusion sweeps 100 samples per point; the training studies come from
  bench/study.py (assets/compare/study.json) and are folded in by ``claim_inputs``;
* network passes: evaluations of the generating network per sample (diffusion: steps × 2,
  the digit and the "no digit" pass of classifier-free guidance, batched together);
* parameters / weights: the network that generates (VAE: its decoder; GAN: its generator);
* peak memory: the most tensor memory alive at once during one generation, recorded by
  ``torch.profiler`` (profile_memory); weights not included. Diffusion is profiled on one
  step (every step allocates the same), the LLM on the whole answer it times;
* the VAE is unconditional: to draw "a 7" we fit a Gaussian (mean, full covariance) to the
  16-D codes of the training 7s (the aggregate posterior of that class), sample it, decode.
"""

from __future__ import annotations

import copy
import datetime
import functools
import math
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from engines import claims, digits, metrics, registry, stats, validate
from engines.base import get_engine

FAMILIES = ("vae", "gan", "diffusion")  # the image families, in table order
NAMES = {"vae": "VAE", "gan": "GAN", "diffusion": "Diffusion", "llm": "LLM (transformer)", "nerf": "NeRF"}
MODEL_KEYS = {
    "vae": "VAE 16-D latent (embedded)",
    "gan": "Digit GAN (embedded)",
    "diffusion": "Digit diffusion (embedded)",
    "vae_small": "VAE 16-D latent, 10% of the data (embedded)",
    "gan_small": "Digit GAN, 10% of the data (embedded)",
    "diffusion_small": "Digit diffusion, 10% of the data (embedded)",
}
SMALL_FRACTION = 0.1  # the little-data models saw 450 of the 4,500 training digits

# Diffusion's everyday setting; the sweeps of the claims are claims.STEP_SWEEP and claims.GUIDANCE_SWEEP.
STEPS, GUIDANCE, SCHEDULER = 20, 3.0, "DDIM"

EVAL_PER_DIGIT = 20  # 200 samples per model for the claims' yardstick (as bench/study.py's runs)
SWEEP_PER_DIGIT = 10  # 100 samples per point of each sweep
TIMING_SAMPLES = 10  # every image family is timed making the same 10 samples of one digit per call
TIMING_REPEATS = 7  # timed calls per family (bench.timing.call_times: warm, median)
NERF_SMALL_SIDE = 28  # NeRF also renders a view as small as one digit: equal output size
COLLAPSED_DIVERSITY = 0.5  # a run whose within-class diversity is below half of real digits' has collapsed

REQUEST_REPEATS = 3  # timed calls per family for one Compare request (the LLM's answer is timed once: seconds)
MAX_N = 32
DEFAULT_DIGIT, DEFAULT_N, DEFAULT_SEED = 7, 8, 0
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
LLM_PROMPT = "Describe a handwritten {word} in one sentence."
LLM_TOKENS = 40
TRAIN_BATCH = {"vae": 128, "gan": 64, "diffusion": 32}  # each training script's batch size
NERF_TRAIN_RAYS = 1024
TRAIN_REPEATS = 3
LLM_TRAIN_TOKENS = 64

SHIPPED = registry.ASSETS / "compare" / "measurements.json"


# --------------------------------------------------------------------------- small helpers
def machine() -> str:
    cpu = platform.processor() or platform.machine()
    device = "GPU" if torch.cuda.is_available() else "no GPU"
    threads = torch.get_num_threads()
    return f"{cpu}, {os.cpu_count()} CPU cores, {device}, torch {torch.__version__} with {threads} thread{'s' * (threads != 1)}"


def peak_tensor_mb(fn: Callable[[], object]) -> float:
    """The most tensor memory alive at once while ``fn`` runs (MB), from torch.profiler's allocation events."""
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
        fn()
    events = sorted((e for e in prof.events() if e.self_cpu_memory_usage), key=lambda e: e.time_range.start)
    alive = peak = 0
    for event in events:  # allocations count positive, frees negative
        alive += event.self_cpu_memory_usage
        peak = max(peak, alive)
    return peak / 2**20


def _size(module: torch.nn.Module) -> tuple[int, float]:
    """Parameters and their size in MB as loaded."""
    params = list(module.parameters())
    return sum(p.numel() for p in params), sum(p.numel() * p.element_size() for p in params) / 2**20


def _median_ms(fn: Callable[[], object], repeats: int, key: str, per: float = 1.0) -> dict:
    """bench.timing's method (warm, ``repeats`` calls, median) as an estimate of ms per call / ``per``."""
    from bench.timing import call_times

    return stats.scaled(stats.estimate_median([1000 * t for t in call_times(fn, repeats)], key=key), 1 / per)


# --------------------------------------------------------------------------- the image models
def _vae(key: str):
    from engines import vae

    return vae.get_vae(MODEL_KEYS[key])


@functools.cache
def _class_gaussians(key: str) -> tuple[np.ndarray, np.ndarray]:
    """The VAE's per-digit code Gaussians (engines.vae_model.class_gaussians); the small model uses only the digits it saw."""
    from engines.vae_model import class_gaussians

    data = digits.fraction(SMALL_FRACTION if key.endswith("_small") else 1.0)
    return class_gaussians(*_vae(key).encode(data.train_x), data.train_y)


def sample(key: str, digit: int, n: int, seed: int, steps: int | None = None, guidance: float | None = None) -> np.ndarray:
    """n samples of one digit from a model ("vae", "gan_small", ...): (n, 28, 28) in [0, 1].

    Diffusion runs ``steps`` (default STEPS) at ``guidance`` (default GUIDANCE).
    """
    family = key.removesuffix("_small")
    if family == "vae":
        from engines.vae_model import class_codes

        return _vae(key).decode(class_codes(_class_gaussians(key), digit, n, seed))
    if family == "gan":
        from engines.gan import GanEngine

        return get_engine(GanEngine, MODEL_KEYS[key]).generate(digit, n, seed).images
    from engines.diffusion import DiffusionEngine, generate

    engine = get_engine(DiffusionEngine, MODEL_KEYS[key])
    return generate(digit, n, steps or STEPS, GUIDANCE if guidance is None else guidance, SCHEDULER, seed, engine=engine)


def generator_network(key: str) -> torch.nn.Module:
    family = key.removesuffix("_small")
    if family == "vae":
        return _vae(key).model.decoder
    if family == "gan":
        from engines.gan import GanEngine

        return get_engine(GanEngine, MODEL_KEYS[key]).model.generator
    from engines.diffusion import DiffusionEngine

    return get_engine(DiffusionEngine, MODEL_KEYS[key]).model.unet


def passes_per_sample(key: str) -> int:
    return 2 * STEPS if key.startswith("diffusion") else 1


@functools.cache
def _warm(key: str) -> None:
    """Load the model and run it once, so timings are of a warm model."""
    sample(key, 0, 2, 0, steps=2)


def sample_per_digit(key: str, per_digit: int, seed: int, **kw) -> tuple[np.ndarray, np.ndarray, float]:
    """per_digit samples of every digit, one call per digit: images (10·k, 28, 28), labels, ms per sample."""
    _warm(key)
    images, seconds = [], 0.0
    for d in range(10):
        started = time.perf_counter()
        images.append(sample(key, d, per_digit, seed + d, **kw))
        seconds += time.perf_counter() - started
    return np.concatenate(images), np.repeat(np.arange(10), per_digit), 1000 * seconds / (10 * per_digit)


# --------------------------------------------------------------------------- one request, every family
def check_request(digit, n, seed) -> tuple[int, int, int]:
    return (validate.integer("Digit", digit, 0, 9), validate.integer("Number of samples", n, 2, MAX_N),
            validate.seed(seed))


def run_family(key: str, digit: int, n: int, seed: int) -> dict:
    """One image model's answer to the request: its samples and every measured column."""
    _warm(key)
    images = sample(key, digit, n, seed)
    ms = _median_ms(lambda: sample(key, digit, n, seed), REQUEST_REPEATS, key, per=n)["value"]
    one_step = {"steps": 1} if key.startswith("diffusion") else {}
    peak = peak_tensor_mb(lambda: sample(key, digit, n, seed, **one_step))
    params, weights_mb = _size(generator_network(key))
    report = metrics.report(images, digit)
    one_digit = metrics.digit_report(images, digit)  # precision and recall against the 50 real test digits of it
    return {
        "family": NAMES[key.removesuffix("_small")], "key": key, "model": MODEL_KEYS[key], "images": images,
        "output": "28×28 image", "ms_per_output": ms, "passes": passes_per_sample(key),
        "parameters": params, "weights_mb": weights_mb, "peak_mb": peak,
        "recognized": report["recognizability"], "confidence": report["confidence"],
        "diversity": report["diversity"], "class_diversity": one_digit["class_diversity"],
        "precision": one_digit.get("precision", math.nan), "recall": one_digit.get("recall", math.nan),  # n > 3 only
        "sharpness": report["sharpness"],
        "fid_digit": metrics.frechet_class(images, digit), "memorized": report["memorized_share"],
        "nearest_train": report["nearest_train"],
    }


def llm_answer(digit: int) -> dict:
    """The same idea asked of the language model: text out, with its time and size."""
    from engines.llm import DEFAULT_MODEL, LLMEngine

    engine = get_engine(LLMEngine, DEFAULT_MODEL)
    prompt = LLM_PROMPT.format(word=WORDS[digit])
    last = None
    for last in engine.stream(prompt=prompt, max_new_tokens=LLM_TOKENS, temperature=0.0, chat=True):
        pass
    tokens, seconds = last.step + 1, last.metrics["seconds"]
    # profiled on the same answer (every token's pass allocates its share of the growing cache)
    peak = peak_tensor_mb(lambda: list(engine.stream(prompt=prompt, max_new_tokens=LLM_TOKENS, temperature=0.0, chat=True)))
    params, weights_mb = _size(engine.lm.model)
    return {
        "family": NAMES["llm"], "key": "llm", "model": DEFAULT_MODEL, "prompt": prompt, "text": last.data["text"],
        "output": f"{tokens} tokens of text", "tokens": tokens, "ms_per_output": 1000 * seconds,
        "ms_per_token": 1000 * seconds / tokens, "passes": tokens, "parameters": params,
        "weights_mb": weights_mb, "peak_mb": peak,
    }


def nerf_view() -> dict:
    """One new 100×100 view of the NeRF's object: time, network evaluations, size."""
    from engines.nerf import RENDER_SAMPLES, NerfEngine

    engine = get_engine(NerfEngine)
    engine.load()
    h, w = engine.data.size
    ms = _median_ms(lambda: engine.render(30.0, 20.0, 1.0), REQUEST_REPEATS, "nerf")["value"]
    peak = peak_tensor_mb(lambda: engine.render(30.0, 20.0, 1.0))
    params, weights_mb = _size(engine.field)
    return {
        "family": NAMES["nerf"], "key": "nerf", "model": "NeRF MLP on the duck (embedded)",
        "output": f"{w}×{h} view", "ms_per_output": ms, "passes": h * w * RENDER_SAMPLES,
        "parameters": params, "weights_mb": weights_mb, "peak_mb": peak,
    }


def run(digit, n, seed, progress: Callable[[float, str], None] | None = None) -> dict:
    """The whole request: the image families' rows (with images), the LLM's answer, the NeRF's view cost."""
    digit, n, seed = check_request(digit, n, seed)
    progress = progress or (lambda *_: None)
    rows = []
    for i, key in enumerate(FAMILIES):
        progress(i / 5, f"{NAMES[key]}: {n} samples of {digit}")
        rows.append(run_family(key, digit, n, seed))
    progress(3 / 5, f"LLM: describe a handwritten {WORDS[digit]}")
    llm = llm_answer(digit)
    progress(4 / 5, "NeRF: render one view")
    nerf = nerf_view()
    progress(1.0, "done")
    return {"digit": digit, "n": n, "seed": seed, "rows": rows, "llm": llm, "nerf": nerf}


# --------------------------------------------------------------------------- training cost
def train_step_ms(family: str) -> dict:
    """One training step (forward + backward at the family's training batch; optimiser update left out), on a copy:
    an estimate of ms (bench.timing's method, TRAIN_REPEATS calls)."""
    gen = torch.Generator().manual_seed(0)
    if family == "vae":
        from engines.vae_model import losses

        net = copy.deepcopy(_vae("vae").model).train().requires_grad_(True)
        x = torch.from_numpy(np.array(digits.split().train_x[: TRAIN_BATCH["vae"]]))

        def step():
            logits, mean, logvar = net(x, generator=gen)
            recon, kl = losses(logits, x, mean, logvar)
            (recon + kl).mean().backward()

        return _median_ms(step, TRAIN_REPEATS, f"train-{family}")
    if family == "gan":
        from engines.gan import GanEngine

        gan = copy.deepcopy(get_engine(GanEngine, MODEL_KEYS["gan"]).model).train().requires_grad_(True)
        real = torch.from_numpy(digits.to_signed(digits.split().train_x[: TRAIN_BATCH["gan"]])).unsqueeze(1)
        y = torch.from_numpy(digits.split().train_y[: TRAIN_BATCH["gan"]].copy())

        def step():  # the discriminator's step, then the generator's
            fake = gan.generator(torch.randn(len(y), gan.z_dim, generator=gen), y)
            (F.softplus(-gan.discriminator(real, y)).mean() + F.softplus(gan.discriminator(fake.detach(), y)).mean()).backward()
            F.softplus(-gan.discriminator(fake, y)).mean().backward()

        return _median_ms(step, TRAIN_REPEATS, f"train-{family}")
    if family == "diffusion":
        unet = copy.deepcopy(generator_network("diffusion")).train().requires_grad_(True)
        b = TRAIN_BATCH["diffusion"]
        x_t, noise = torch.randn(b, 1, 28, 28, generator=gen), torch.randn(b, 1, 28, 28, generator=gen)
        t, y = torch.randint(0, 1000, (b,), generator=gen), torch.randint(0, 11, (b,), generator=gen)
        return _median_ms(lambda: F.mse_loss(unet(x_t, t, class_labels=y).sample, noise).backward(), TRAIN_REPEATS, "train-diffusion")
    if family == "nerf":
        from engines.nerf import RENDER_SAMPLES, NerfEngine, RayBatches, render_rays

        engine = get_engine(NerfEngine)
        field = copy.deepcopy(engine.field).train().requires_grad_(True)
        origins, dirs, target = RayBatches(engine.data, field.bbox.device, gen)(NERF_TRAIN_RAYS)

        def step():
            out = render_rays(field, origins, dirs, RENDER_SAMPLES, perturb=True, occupancy=engine.occupancy)
            F.mse_loss(out["colour"], target).backward()

        return _median_ms(step, TRAIN_REPEATS, f"train-{family}")
    if family == "llm":
        from engines.llm import DEFAULT_MODEL, LLMEngine

        engine = get_engine(LLMEngine, DEFAULT_MODEL)
        model = copy.deepcopy(engine.lm.model).train().requires_grad_(True)  # fp32 already (a GGUF conversion refuses .float())
        ids = torch.randint(0, model.config.vocab_size, (1, LLM_TRAIN_TOKENS), generator=gen)
        try:
            return _median_ms(lambda: model(input_ids=ids, labels=ids).loss.backward(), 2, "train-llm")  # 2 s a step
        finally:
            del model
    raise ValueError(f"unknown family {family!r}")


TRAIN_STEP = {
    "vae": f"batch of {TRAIN_BATCH['vae']} digits",
    "gan": f"batch of {TRAIN_BATCH['gan']} digits (D and G)",
    "diffusion": f"batch of {TRAIN_BATCH['diffusion']} digits",
    "llm": f"one {LLM_TRAIN_TOKENS}-token sequence",
    "nerf": f"{NERF_TRAIN_RAYS} rays",
}


# --------------------------------------------------------------------------- everything the claims need
def model_estimates(key: str, seed: int, per_digit: int = EVAL_PER_DIGIT, **kw) -> dict[str, dict]:
    """The yardstick with bootstrap replicates (stats.sample_estimates) of per_digit samples of every digit."""
    images, labels, _ = sample_per_digit(key, per_digit, seed, **kw)
    return stats.sample_estimates(images, labels, key=key)


def timing_estimates(key: str) -> dict[str, dict]:
    """ms per sample and per output pixel: TIMING_REPEATS warm calls of TIMING_SAMPLES samples of one digit."""
    _warm(key)
    per_sample = _median_ms(lambda: sample(key, DEFAULT_DIGIT, TIMING_SAMPLES, DEFAULT_SEED), TIMING_REPEATS, key, per=TIMING_SAMPLES)
    return {"ms_per_sample": per_sample, "ms_per_pixel": stats.scaled(per_sample, 1 / 28**2)}


def nerf_timing() -> dict[str, dict]:
    """A new 100×100 view and the same view at digit size (NERF_SMALL_SIDE²), timed like the image families."""
    from engines.nerf import RENDER_SAMPLES, NerfEngine, render_image

    engine = get_engine(NerfEngine)
    engine.load()
    h, w = engine.data.size
    pose = engine.camera(30.0, 20.0, 1.0)
    side, focal = NERF_SMALL_SIDE, engine.data.focal * NERF_SMALL_SIDE / w  # same field of view, fewer pixels
    view = _median_ms(lambda: engine.render(30.0, 20.0, 1.0), TIMING_REPEATS, "nerf")
    small = _median_ms(lambda: render_image(engine.field, pose, side, side, focal, RENDER_SAMPLES, occupancy=engine.occupancy),
                       TIMING_REPEATS, "nerf-small")
    return {"ms_per_output": view, "ms_per_pixel": stats.scaled(view, 1 / (h * w)), "small.ms_per_output": small}


def sweep_tasks(seed: int, e: dict) -> list[tuple[str, Callable[[], None]]]:
    """The diffusion sweeps (claims.STEP_SWEEP at GUIDANCE, claims.GUIDANCE_SWEEP at STEPS): each point's yardstick and time."""
    tasks = []

    def point(prefix: str, **kw):
        def task():
            images, labels, times = [], [], []
            for d in range(10):
                started = time.perf_counter()
                images.append(sample("diffusion", d, SWEEP_PER_DIGIT, seed + d, **kw))
                times.append(1000 * (time.perf_counter() - started) / SWEEP_PER_DIGIT)
                labels.append(np.full(SWEEP_PER_DIGIT, d))
            measured = stats.sample_estimates(np.concatenate(images), np.concatenate(labels), key=prefix)
            measured["ms"] = stats.estimate_median(times, key=prefix)  # ms per sample, the median of the 10 calls
            e.update({f"{prefix}.{name}": est for name, est in measured.items()})
        return task

    _warm("diffusion")
    for steps in claims.STEP_SWEEP:
        tasks.append((f"Diffusion sweep: {steps} steps", point(f"diffusion.steps{steps}", steps=steps)))
    for scale in claims.GUIDANCE_SWEEP:
        tasks.append((f"Diffusion sweep: guidance {scale:g}", point(f"diffusion.guidance{scale:g}", guidance=scale)))
    return tasks


def measure_all(digit: int = DEFAULT_DIGIT, n: int = DEFAULT_N, seed: int = DEFAULT_SEED,
                progress: Callable[[float, str], None] | None = None, sweeps: bool = True) -> dict:
    """Every number of the tab, measured now: the request's table, costs, and the claims' estimates.

    ``sweeps=False`` (the tab's "Re-run" button) leaves out the diffusion sweeps, the minutes-long part.
    """
    progress = progress or (lambda *_: None)
    started = time.perf_counter()
    e: dict[str, dict] = {}
    tasks: list[tuple[str, Callable[[], None]]] = []
    for key in FAMILIES:
        tasks.append((f"{MODEL_KEYS[key]}: {10 * EVAL_PER_DIGIT} samples",
                      lambda key=key: e.update({f"{key}.{k}": v for k, v in model_estimates(key, seed).items()})))
        tasks.append((f"{MODEL_KEYS[key]}: timing", lambda key=key: e.update({f"{key}.{k}": v for k, v in timing_estimates(key).items()})))
    tasks.append(("Real test digits: sharpness",
                  lambda: e.update({"real.sharpness": stats.estimate_mean(metrics.sharpness_per_image(digits.split().test_x), "real")})))
    if sweeps:
        tasks += sweep_tasks(seed, e)
    tasks.append(("NeRF: timing", lambda: e.update({f"nerf.{k}": v for k, v in nerf_timing().items()})))
    request: dict = {}
    tasks.append((f"Every family draws {n} × digit {digit}", lambda: request.update(run(digit, n, seed))))
    for family in ("vae", "gan", "diffusion", "nerf", "llm"):
        tasks.append((f"Training-step cost: {NAMES[family]}", lambda f=family: e.update({f"{f}.ms_per_train_step": train_step_ms(f)})))

    for i, (label, task) in enumerate(tasks):
        progress(i / len(tasks), label)
        task()
    progress(1.0, "done")
    m = {k: v["value"] for k, v in e.items()}
    m.update({"llm.ms_per_output": request["llm"]["ms_per_output"], "llm.ms_per_token": request["llm"]["ms_per_token"]})
    return {
        "machine": machine(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="minutes"),
        "load_average": round(os.getloadavg()[0], 2),
        "seconds": round(time.perf_counter() - started, 1),
        "settings": settings(),
        "request": {**request, "rows": [{k: v for k, v in r.items() if k != "images"} for r in request["rows"]]},
        "images": {r["key"]: np.round(r["images"] * 255).astype(np.uint8).tolist() for r in request["rows"]},
        "measurements": m,
        "estimates": {k: {**v, "boot": [round(b, 6) for b in v["boot"]]} for k, v in e.items()},
        "sweeps": sweeps,
    }


def settings() -> dict:
    return {
        "diffusion": f"{SCHEDULER}, {STEPS} steps, guidance {GUIDANCE}",
        "eval_samples": 10 * EVAL_PER_DIGIT, "sweep_samples": 10 * SWEEP_PER_DIGIT,
        "step_sweep": list(claims.STEP_SWEEP), "guidance_sweep": list(claims.GUIDANCE_SWEEP),
        "timing": f"median of {TIMING_REPEATS} warm calls of {TIMING_SAMPLES} samples, {torch.get_num_threads()} torch thread(s)",
        "bootstrap": stats.BOOTSTRAP,
    }


# --------------------------------------------------------------------------- the study (bench/study.py) as estimates
STUDY = registry.ASSETS / "compare" / "study.json"


def load_study(path: Path = STUDY) -> dict | None:
    return json.loads(path.read_text()) if path.is_file() else None


def _steps_to_target(run: dict) -> int | None:
    """The first training snapshot whose validation samples reach claims' targets, None when none did."""
    for snap in run.get("curve", []):
        v = snap["validation"]
        if v["recognizability"] >= claims.TARGET_RECOGNIZABILITY and v["recall"] >= claims.TARGET_RECALL:
            return snap["step"]
    return None


def study_estimates(study: dict) -> dict:
    """The study's runs as claim inputs: per setting the mean over seeds (stats.pooled), the seeds' own estimates,
    collapsed runs, steps to the targets, and the NeRF's test PSNR per number of views."""
    e: dict = {}
    runs = study["runs"]
    for family in ("vae", "gan", "diffusion"):
        mine = [r for r in runs if r["family"] == family]
        for setting in ("full", "small", "noisy"):
            chosen = [r for r in mine if r["name"].startswith(f"{family}-{setting}-")]
            if not chosen:
                continue
            for metric in ("fid", "recall", "precision", "recognizability", "class_diversity"):
                e[f"study.{family}.{setting}.{metric}"] = stats.pooled([r[metric] for r in chosen], key=f"{family}.{setting}.{metric}")
        full = [r for r in mine if r["name"].startswith(f"{family}-full-")]
        if full:
            for metric in ("fid", "recall"):
                e[f"study.{family}.seeds.{metric}"] = [r[metric] for r in full]
            e[f"study.{family}.collapsed"] = {"value": sum(r["class_diversity"]["value"] < COLLAPSED_DIVERSITY for r in full),
                                              "n": len(full)}
            if family in ("vae", "gan"):
                reached = [_steps_to_target(r) for r in full]
                e[f"study.{family}.steps_to_target"] = {  # a run that never reached them counts as the whole budget
                    "runs": [study["budget_steps"] if s is None else s for s in reached], "never": reached.count(None)}
    for r in runs:
        if r["family"] == "nerf":
            e[f"study.nerf.views{r['views']}.psnr"] = r["psnr"]
    return e


def claim_inputs(result: dict | None, study: dict | None) -> dict:
    """Everything the claims read: the measured estimates and the study's."""
    return {**((result or {}).get("estimates") or {}), **(study_estimates(study) if study else {})}


def claims_table(result: dict | None, study: dict | None) -> list[dict]:
    return claims.judge_all(claim_inputs(result, study))


def save_shipped(result: dict, path: Path = SHIPPED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, separators=(",", ":")) + "\n")
    return path


def load_shipped(path: Path = SHIPPED) -> dict | None:
    if not path.is_file():
        return None
    result = json.loads(path.read_text())
    result["images"] = {k: np.asarray(v, dtype=np.float32) / 255 for k, v in result.get("images", {}).items()}
    return result
