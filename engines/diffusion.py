"""Diffusion engine: a class-conditional UNet turns noise into a digit, one denoising step at a time.

The model (a diffusers ``UNet2DModel`` trained by ``scripts/train_diffusion.py``) predicts the
noise eps in a noisy image x_t. A scheduler (DDPM, DDIM, DPM-Solver++ or Euler, all from
diffusers, all built from the same training schedule) turns that prediction into a slightly
cleaner x_{t-1}. The loop is written out here so every step can be shown: the current x_t and
the model's guess of the finished image, x̂0.

Classifier-free guidance: each step runs the UNet twice (batched), once told the digit and once
told "no digit" (class 10), and extrapolates: eps = eps_uncond + w · (eps_digit - eps_uncond).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from diffusers import (
    DDIMScheduler,
    DDPMScheduler,
    DPMSolverMultistepScheduler,
    EulerDiscreteScheduler,
    UNet2DModel,
)

from engines import digits, registry, validate
from engines.base import Engine, Frame, get_engine
from engines.errors import UserInputError
from engines.device import pick_device
from engines.hub import DIFFUSERS_PRETRAINED

EMBEDDED = "Digit diffusion (embedded)"
UNCONDITIONAL = 10  # class id the UNet was trained to read as "no digit given"

SCHEDULERS = {
    "DDPM": DDPMScheduler,  # the original ancestral sampler: adds fresh noise each step, needs many steps
    "DDIM": DDIMScheduler,  # deterministic, skips steps: good digits in ~25 steps
    "DPM++": DPMSolverMultistepScheduler,  # higher-order ODE solver: good in ~10-20 steps
    "Euler": EulerDiscreteScheduler,  # the plain ODE step in the "sigma" (noise-level) view
}

MAX_SAMPLES = 64
MAX_STEPS = 1000
MAX_GUIDANCE = 20.0


@dataclass
class Model:
    unet: UNet2DModel
    schedule: DDPMScheduler  # the training noise schedule; samplers are built from its config
    device: torch.device


def noise_schedule_of(folder: Path) -> DDPMScheduler:
    return DDPMScheduler.from_pretrained(folder)


def check_inputs(digit, n, steps, guidance, scheduler, seed) -> tuple[int, int, int, float, str, int]:
    """Validate user-facing generation settings (raises UserInputError with a clear message)."""
    return (
        validate.integer("Digit", digit, 0, 9),
        validate.integer("Number of samples", n, 1, MAX_SAMPLES),
        validate.integer("Steps", steps, 1, MAX_STEPS),
        validate.number("Guidance scale", guidance, 0.0, MAX_GUIDANCE),
        validate.choice("Scheduler", scheduler, SCHEDULERS),
        validate.seed(seed),
    )


class DiffusionEngine(Engine):
    family = "diffusion"

    def __init__(self, model_key: str | None = None, folder: Path | None = None):
        super().__init__(model_key or EMBEDDED)
        self._folder = folder

    @classmethod
    def from_folder(cls, folder: Path) -> DiffusionEngine:
        """An engine on weights saved with ``save_pretrained`` (tests use tiny random ones)."""
        return cls(model_key=str(folder), folder=Path(folder))

    @property
    def folder(self) -> Path:
        return self._folder or registry.embedded_dir(registry.spec(self.model_key))

    def _load(self) -> Model:
        device = pick_device()
        unet = UNet2DModel.from_pretrained(self.folder, **DIFFUSERS_PRETRAINED).to(device).eval()
        return Model(unet, noise_schedule_of(self.folder), device)

    # ---- the forward process: no network involved ------------------------------------------
    def schedule(self) -> dict[str, np.ndarray]:
        """ᾱ_t (signal kept), noise share and signal-to-noise ratio at every training step t."""
        alpha_bar = self.model.schedule.alphas_cumprod.numpy().astype(np.float64)
        return {
            "t": np.arange(len(alpha_bar)),
            "alpha_bar": alpha_bar,
            "snr": alpha_bar / np.maximum(1 - alpha_bar, 1e-12),
        }

    def add_noise(self, image: np.ndarray, t: int, seed: int = 0) -> np.ndarray:
        """x_t = sqrt(ᾱ_t)·x0 + sqrt(1-ᾱ_t)·eps for a (28, 28) image in [0, 1]; returns [0, 1]."""
        t = validate.integer("t", t, 0, self.model.schedule.config.num_train_timesteps - 1)
        x0 = torch.from_numpy(digits.to_signed(np.asarray(image, dtype=np.float32)))[None, None]
        noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(validate.seed(seed)))
        x_t = self.model.schedule.add_noise(x0, noise, torch.tensor([t]))
        return digits.to_unit(x_t[0, 0].numpy())

    # ---- the reverse process ---------------------------------------------------------------
    def make_scheduler(self, name: str):
        """A fresh sampler of the given kind, sharing the model's training schedule."""
        name = validate.choice("Scheduler", name, SCHEDULERS)
        # "trailing" spacing starts every sampler at t = 999 (pure noise), where training started too.
        return SCHEDULERS[name].from_config(self.model.schedule.config, timestep_spacing="trailing")

    def job(self, digit: int = 3, n: int = 16, steps: int = 25, guidance: float = 3.0, scheduler: str = "DDIM", seed: int = 0,
            init_image: np.ndarray | None = None, strength: float = 1.0) -> DenoisingJob:
        """One request's denoising run, ready to step alone (``stream``) or beside others (``engines.batching``)."""
        digit, n, steps, guidance, scheduler, seed = check_inputs(digit, n, steps, guidance, scheduler, seed)
        if init_image is not None:
            strength = validate.number("Strength", strength, 0.0, 1.0)
        return DenoisingJob(self.model, self.make_scheduler(scheduler), scheduler, digit, n, steps, guidance, seed, init_image, strength)

    @torch.no_grad()
    def stream(self, **params) -> Iterator[Frame]:
        """Yield one Frame per denoising step (``job``'s settings), this request alone in each UNet call.

        ``image``: the current sample x_t after the step, (n, 28, 28) in [0, 1];
        ``preview``: the model's predicted clean image x̂0 at that step. With ``init_image``
        (a (28, 28) drawing in [0, 1]) the run starts from that image noised to ``strength``
        (0 = keep it, 1 = pure noise) instead of from pure noise: SDEdit / image-to-image.
        """
        job = self.job(**params)
        while not job.finished:
            yield job.advance(denoise(self.model.unet, [job])[0])


def clip_prediction(x_t: torch.Tensor, eps: torch.Tensor, alpha_bar: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(x̂0 clipped to the pixel range, the noise estimate that agrees with it).

    x̂0 = (x_t - sqrt(1-ᾱ_t)·eps) / sqrt(ᾱ_t) divides by sqrt(ᾱ_t), which is 5e-5 at t = 999:
    near pure noise, the small push that guidance adds to eps becomes a huge x̂0. Clipping x̂0
    to [-1, 1] and recomputing eps from it (as DDPM samplers do, and diffusers' DDIM with
    ``use_clipped_model_output``) keeps every scheduler on track; without it, guidance 3
    turned most samples into the wrong digit.
    """
    x0_hat = ((x_t - (1 - alpha_bar).sqrt() * eps) / alpha_bar.sqrt()).clamp(-1, 1)
    return x0_hat, (x_t - alpha_bar.sqrt() * x0_hat) / (1 - alpha_bar).sqrt()


def visible(sampler, x: torch.Tensor) -> torch.Tensor:
    """The sample on the [-1, 1] scale the UNet sees (Euler works in the sigma-scaled view)."""
    if isinstance(sampler, EulerDiscreteScheduler):
        sigma = sampler.sigmas[sampler.step_index]
        return x / (sigma**2 + 1) ** 0.5
    return x


class DenoisingJob:
    """One request's sampler state (its own scheduler, noise generator and x_t); the UNet call can be shared.

    ``model_input`` says what this job needs from the UNet for its next step; ``advance`` takes the
    UNet's answer and makes the step. The UNet takes one timestep per image, so jobs at different
    steps, with different samplers, guidance and digits, can share one forward pass (``denoise``).
    """

    def __init__(self, model: Model, sampler, scheduler_name: str, digit: int, n: int, steps: int, guidance: float, seed: int,
                 init_image: np.ndarray | None = None, strength: float = 1.0):
        self.model, self.sampler, self.scheduler_name = model, sampler, scheduler_name
        self.digit, self.n, self.guidance = digit, n, guidance
        sampler.set_timesteps(steps, device=model.device)
        timesteps = sampler.timesteps
        self.generator = torch.Generator().manual_seed(seed)
        noise = torch.randn((n, 1, 28, 28), generator=self.generator)
        if init_image is None:
            x = noise * sampler.init_noise_sigma
        else:
            keep = max(1, round(steps * strength))  # run only the last `keep` steps
            timesteps = timesteps[len(timesteps) - keep :]
            if hasattr(sampler, "set_begin_index"):
                sampler.set_begin_index(len(sampler.timesteps) - keep)
            x0 = torch.from_numpy(digits.to_signed(np.asarray(init_image, dtype=np.float32)))
            x = sampler.add_noise(x0.expand(n, 1, 28, 28), noise, timesteps[:1])
        self.x = x.to(model.device)  # (n, 1, 28, 28): x_t
        self.timesteps = timesteps
        self.index = 0  # the next step to take
        self.started = time.perf_counter()
        self.labels = torch.tensor([digit] * n + [UNCONDITIONAL] * n, device=model.device)  # (2n,): told the digit, then not

    @property
    def finished(self) -> bool:
        return self.index >= len(self.timesteps)

    @property
    def images(self) -> int:
        """How many images this job adds to a UNet call (each sample twice: with and without its digit)."""
        return 2 * self.n

    def model_input(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(x_t on the UNet's scale twice (2n, 1, 28, 28), its timestep per image (2n,), the labels (2n,))."""
        t = self.timesteps[self.index]
        self._model_in = self.sampler.scale_model_input(self.x, t)  # x_t on the [-1, 1] scale the UNet was trained on
        # float timesteps: the UNet's embedding reads them as floats anyway, and samplers differ (int or float)
        return torch.cat([self._model_in, self._model_in]), t.float().expand(2 * self.n), self.labels

    @torch.no_grad()
    def advance(self, eps_both: torch.Tensor) -> Frame:
        """Take one step with the UNet's noise estimates for ``model_input`` (2n, 1, 28, 28); the step's Frame."""
        i, t, model_in = self.index, self.timesteps[self.index], self._model_in
        eps_digit, eps_uncond = eps_both.chunk(2)
        eps = eps_uncond + self.guidance * (eps_digit - eps_uncond)  # classifier-free guidance
        alpha_bar = self.model.schedule.alphas_cumprod[int(t)]
        x0_hat, eps = clip_prediction(model_in, eps, alpha_bar.to(self.model.device))
        self.x = self.sampler.step(eps, t, self.x, generator=self.generator).prev_sample
        self.index += 1
        if not torch.isfinite(self.x).all():
            raise UserInputError("The sampler's numbers overflowed (not a number). Please try other settings: "
                                 "fewer steps, another scheduler or a lower guidance scale.")
        return Frame(
            step=i,
            total=len(self.timesteps),
            image=digits.to_unit(visible(self.sampler, self.x)[:, 0].cpu().numpy()),
            preview=digits.to_unit(x0_hat[:, 0].cpu().numpy()),
            # seconds: since the run began, so every stream of a shared run reports the same computation
            metrics={"t": float(t), "noise_level": float(1 - alpha_bar), "seconds": time.perf_counter() - self.started},
            data={"digit": self.digit, "scheduler": self.scheduler_name},
        )


@torch.no_grad()
def denoise(unet: UNet2DModel, jobs: list[DenoisingJob]) -> list[torch.Tensor]:
    """One UNet call for every job's next step; each job's share of the noise estimates, in order."""
    inputs = [job.model_input() for job in jobs]
    x, t, labels = (torch.cat(parts) for parts in zip(*inputs))  # (B, 1, 28, 28), (B,), (B,)
    eps = unet(x, t, class_labels=labels).sample  # (B, 1, 28, 28)
    return list(eps.split([job.images for job in jobs]))


def generate(digit: int, n: int, steps: int = 25, guidance: float = 3.0, scheduler: str = "DDIM", seed: int = 0,
             engine: DiffusionEngine | None = None) -> np.ndarray:
    """Final samples only: (n, 28, 28) in [0, 1]."""
    engine = engine or get_engine(DiffusionEngine)
    return engine.result(digit=digit, n=n, steps=steps, guidance=guidance, scheduler=scheduler, seed=seed).image

