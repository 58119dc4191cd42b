"""The families side by side, measured on this machine: the numbers behind the Compare tab and its claims.

Every image family makes the same request (a digit, n samples, a seed) and is scored with the
shared yardstick (engines.metrics). The LLM answers the same idea in words, the NeRF renders a
view: all costs land in the same units (milliseconds per output, per training step).

How things are measured (and what the tab says about it):
* time per sample: wall time of one warm generation call / n, on this device, nothing else;
* network passes: evaluations of the generating network per sample (diffusion: steps × 2,
  the digit and the "no digit" pass of classifier-free guidance, batched together);
* parameters / weights: the network that generates (VAE: its decoder; GAN: its generator);
* peak memory: the most tensor memory alive at once during one generation, recorded by
  ``torch.profiler`` (profile_memory); weights not included. Diffusion is profiled on one
  step (every step allocates the same);
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

from engines import claims, digits, metrics, registry, validate
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

# Diffusion's everyday setting, and the two sweeps of the claims.
STEPS, GUIDANCE, SCHEDULER = 20, 3.0, "DDIM"
FEW_STEPS, MANY_STEPS = 4, 40
LOW_GUIDANCE, HIGH_GUIDANCE, GUIDANCE_SWEEP_STEPS = 1.0, 5.0, 10

# Modest sample counts so a full re-run stays around a minute on a 2-core CPU.
FID_PER_DIGIT = 4  # 40 samples per model for the Fréchet distance, sharpness and speed
STEP_SWEEP_PER_DIGIT = 2  # 20 samples per step count
GUIDANCE_SWEEP_PER_DIGIT = 3  # 30 samples per guidance scale (diversity is measured within a digit)

MAX_N = 32
DEFAULT_DIGIT, DEFAULT_N, DEFAULT_SEED = 7, 8, 0
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
LLM_PROMPT = "Describe a handwritten {word} in one sentence."
LLM_TOKENS = 40
TRAIN_BATCH = {"vae": 128, "gan": 64, "diffusion": 32}  # each training script's batch size
NERF_TRAIN_RAYS = 1024
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


def _timed(fn: Callable[[], object], quick: float = 0.1, repeats: int = 5):
    """``fn()``'s result and its wall time in seconds; calls quicker than ``quick`` s are repeated and the
    fastest kept, so a sub-millisecond model is not timed by one scheduler hiccup."""
    started = time.perf_counter()
    result = fn()
    best = time.perf_counter() - started
    for _ in range(repeats - 1 if best < quick else 0):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return result, best


def _best_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm-up: first calls pay for allocation and kernel selection
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000 * min(times)


# --------------------------------------------------------------------------- the image models
def _vae(key: str):
    from engines import vae

    return vae.get_vae(MODEL_KEYS[key])


@functools.cache
def _class_gaussians(key: str) -> tuple[np.ndarray, np.ndarray]:
    """Per digit, the mean (10, L) and Cholesky factor (10, L, L) of the VAE's codes of that digit's training images.

    The covariance is that of the encoder means plus the average posterior variance: the
    moments of the aggregate posterior q(z | digit). The small model uses only the digits it saw.
    """
    data = digits.fraction(SMALL_FRACTION if key.endswith("_small") else 1.0)
    mean, logvar = _vae(key).encode(data.train_x)
    means, factors = [], []
    for d in range(10):
        m, v = mean[data.train_y == d].astype(np.float64), np.exp(logvar[data.train_y == d]).astype(np.float64)
        cov = np.cov(m, rowvar=False) + np.diag(v.mean(0))
        means.append(m.mean(0))
        factors.append(np.linalg.cholesky(cov))
    return np.stack(means), np.stack(factors)


def sample(key: str, digit: int, n: int, seed: int, steps: int | None = None, guidance: float | None = None) -> np.ndarray:
    """n samples of one digit from a model ("vae", "gan_small", ...): (n, 28, 28) in [0, 1].

    Diffusion runs ``steps`` (default STEPS) at ``guidance`` (default GUIDANCE).
    """
    family = key.removesuffix("_small")
    if family == "vae":
        means, factors = _class_gaussians(key)
        eps = np.random.default_rng(seed).standard_normal((n, means.shape[1]))
        return _vae(key).decode(means[digit] + eps @ factors[digit].T)
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
    images, seconds = _timed(lambda: sample(key, digit, n, seed))
    ms = 1000 * seconds / n
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
    peak = peak_tensor_mb(lambda: list(engine.stream(prompt=prompt, max_new_tokens=2, temperature=0.0, chat=True)))
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
    ms = _best_ms(lambda: engine.render(30.0, 20.0, 1.0), repeats=2)
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
def train_step_ms(family: str) -> float:
    """One training step (forward + backward at the family's training batch; optimiser update left out), on a copy."""
    gen = torch.Generator().manual_seed(0)
    if family == "vae":
        from engines.vae_model import losses

        net = copy.deepcopy(_vae("vae").model).train().requires_grad_(True)
        x = torch.from_numpy(np.array(digits.split().train_x[: TRAIN_BATCH["vae"]]))

        def step():
            logits, mean, logvar = net(x, generator=gen)
            recon, kl = losses(logits, x, mean, logvar)
            (recon + kl).mean().backward()

        return _best_ms(step, 3)
    if family == "gan":
        from engines.gan import GanEngine

        gan = copy.deepcopy(get_engine(GanEngine, MODEL_KEYS["gan"]).model).train().requires_grad_(True)
        real = torch.from_numpy(digits.to_signed(digits.split().train_x[: TRAIN_BATCH["gan"]])).unsqueeze(1)
        y = torch.from_numpy(digits.split().train_y[: TRAIN_BATCH["gan"]].copy())

        def step():  # the discriminator's step, then the generator's
            fake = gan.generator(torch.randn(len(y), gan.z_dim, generator=gen), y)
            (F.softplus(-gan.discriminator(real, y)).mean() + F.softplus(gan.discriminator(fake.detach(), y)).mean()).backward()
            F.softplus(-gan.discriminator(fake, y)).mean().backward()

        return _best_ms(step, 3)
    if family == "diffusion":
        unet = copy.deepcopy(generator_network("diffusion")).train().requires_grad_(True)
        b = TRAIN_BATCH["diffusion"]
        x_t, noise = torch.randn(b, 1, 28, 28, generator=gen), torch.randn(b, 1, 28, 28, generator=gen)
        t, y = torch.randint(0, 1000, (b,), generator=gen), torch.randint(0, 11, (b,), generator=gen)
        return _best_ms(lambda: F.mse_loss(unet(x_t, t, class_labels=y).sample, noise).backward(), 2)
    if family == "nerf":
        from engines.nerf import RENDER_SAMPLES, NerfEngine, RayBatches, render_rays

        engine = get_engine(NerfEngine)
        field = copy.deepcopy(engine.field).train().requires_grad_(True)
        origins, dirs, target = RayBatches(engine.data, field.bbox.device, gen)(NERF_TRAIN_RAYS)

        def step():
            out = render_rays(field, origins, dirs, RENDER_SAMPLES, perturb=True, occupancy=engine.occupancy)
            F.mse_loss(out["colour"], target).backward()

        return _best_ms(step, 3)
    if family == "llm":
        from engines.llm import DEFAULT_MODEL, LLMEngine

        engine = get_engine(LLMEngine, DEFAULT_MODEL)
        model = copy.deepcopy(engine.lm.model).float().train().requires_grad_(True)
        ids = torch.randint(0, model.config.vocab_size, (1, LLM_TRAIN_TOKENS), generator=gen)
        try:
            return _best_ms(lambda: model(input_ids=ids, labels=ids).loss.backward(), 1)
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
def measure_all(digit: int = DEFAULT_DIGIT, n: int = DEFAULT_N, seed: int = DEFAULT_SEED,
                progress: Callable[[float, str], None] | None = None) -> dict:
    """Every number of the tab, measured now: the request's table, costs, and the claims' measurements."""
    progress = progress or (lambda *_: None)
    started = time.perf_counter()
    m: dict[str, float] = {}
    tasks: list[tuple[str, Callable[[], None]]] = []

    for key in ("vae", "gan", "diffusion", "vae_small", "gan_small", "diffusion_small"):
        def fid_run(key=key):
            images, labels, ms = sample_per_digit(key, FID_PER_DIGIT, seed)
            rec = metrics.recognizability(images, labels)["share"]
            m.update({f"{key}.frechet": metrics.frechet(images), f"{key}.sharpness": metrics.sharpness(images),
                      f"{key}.ms_per_sample": ms, f"{key}.recognizability": rec})
        tasks.append((f"{MODEL_KEYS[key]}: {10 * FID_PER_DIGIT} digits for the Fréchet distance", fid_run))

    for name, steps in (("few_steps", FEW_STEPS), ("many_steps", MANY_STEPS)):
        def step_run(name=name, steps=steps):
            images, labels, ms = sample_per_digit("diffusion", STEP_SWEEP_PER_DIGIT, seed, steps=steps)
            m.update({f"diffusion.{name}.ms": ms, f"diffusion.{name}.steps": steps,
                      f"diffusion.{name}.recognizability": metrics.recognizability(images, labels)["share"]})
        tasks.append((f"Diffusion with {steps} steps", step_run))

    for name, scale in (("low_guidance", LOW_GUIDANCE), ("high_guidance", HIGH_GUIDANCE)):
        def guidance_run(name=name, scale=scale):
            images, labels, _ = sample_per_digit("diffusion", GUIDANCE_SWEEP_PER_DIGIT, seed,
                                                 steps=GUIDANCE_SWEEP_STEPS, guidance=scale)
            m.update({f"diffusion.{name}.scale": scale, f"diffusion.{name}.diversity": metrics.class_diversity(images, labels)["relative"],
                      f"diffusion.{name}.recognizability": metrics.recognizability(images, labels)["share"]})
        tasks.append((f"Diffusion with guidance {scale}", guidance_run))

    request: dict = {}
    tasks.append((f"Every family draws {n} × digit {digit}", lambda: request.update(run(digit, n, seed))))

    def costs():
        m["nerf.ms_per_output"] = request["nerf"]["ms_per_output"]
        m["llm.ms_per_output"] = request["llm"]["ms_per_output"]
        m["llm.ms_per_token"] = request["llm"]["ms_per_token"]
        for family in ("vae", "gan", "diffusion", "nerf", "llm"):
            m[f"{family}.ms_per_train_step"] = train_step_ms(family)
    tasks.append(("Training-step costs (VAE, GAN, diffusion, NeRF, LLM)", costs))

    for i, (label, task) in enumerate(tasks):
        progress(i / len(tasks), label)
        task()
    progress(1.0, "done")
    m["frechet_floor"] = metrics.frechet_floor(10 * FID_PER_DIGIT)
    return {
        "machine": machine(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="minutes"),
        "load_average": round(os.getloadavg()[0], 2),
        "seconds": round(time.perf_counter() - started, 1),
        "settings": settings(),
        "request": {**request, "rows": [{k: v for k, v in r.items() if k != "images"} for r in request["rows"]]},
        "images": {r["key"]: np.round(r["images"] * 255).astype(np.uint8).tolist() for r in request["rows"]},
        "measurements": m,
    }


def settings() -> dict:
    return {
        "diffusion": f"{SCHEDULER}, {STEPS} steps, guidance {GUIDANCE}",
        "fid_samples": 10 * FID_PER_DIGIT, "step_sweep": f"{FEW_STEPS} vs {MANY_STEPS} steps, {10 * STEP_SWEEP_PER_DIGIT} samples each",
        "guidance_sweep": f"guidance {LOW_GUIDANCE} vs {HIGH_GUIDANCE}, {GUIDANCE_SWEEP_STEPS} steps, "
                          f"{10 * GUIDANCE_SWEEP_PER_DIGIT} samples each",
        "small_data": f"{int(SMALL_FRACTION * 100)}% of the training split ({int(SMALL_FRACTION * 4500)} digits, stratified)",
    }


def claims_table(measurements: dict) -> list[dict[str, str]]:
    return claims.judge_all(measurements)


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
