"""2D toy diffusion: the whole idea of a diffusion model on a point cloud, trained live in seconds.

A 2D shape (swiss roll, two moons or the user's points) is noised by the forward process
x_t = sqrt(ᾱ_t)·x_0 + sqrt(1-ᾱ_t)·eps until it is a gaussian blob. A tiny MLP (input: the point
and a sinusoidal embedding of t; output: the noise eps it guesses) learns to undo that, and
diffusers' DDIM scheduler walks fresh noise back to the shape (deterministic steps, so every
particle follows a smooth path). The stream shows all three phases:
noising, training, denoising, with the paths of a few particles.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from diffusers import DDIMScheduler, DDPMScheduler
from diffusers.models.embeddings import get_timestep_embedding
from torch import nn

from engines import validate
from engines.base import Frame
from engines.gan_lab import single_thread

SHAPES = ("Swiss roll", "Two moons", "My points (CSV)")
TIMESTEPS = 100  # a 2D cloud needs far fewer noise levels than an image
EMBED = 32  # size of the timestep embedding
POINT_EMBED, POINT_SCALE = 16, 25.0  # sinusoidal features per coordinate: an MLP on raw x, y learns thin shapes slowly
HIDDEN = 128
BATCH = 256
LR = 3e-3
MAX_TRAIN_STEPS = 5000
MAX_POINTS = 2000  # particles sampled and drawn
MAX_CSV_POINTS = 5000
TRAJECTORIES = 12  # particles whose paths are drawn
FORWARD_FRAMES = 6
TRAIN_FRAMES = 6
REVERSE_FRAMES = 20
VIEW = 3.0  # the data is scaled to unit spread; the plot shows [-VIEW, VIEW]^2
ON_SHAPE_QUANTILE = 0.95  # "on the shape" = as near to the drawn shape as this share of fresh points of the shape
FRESH_POINTS = 2000  # fresh points of the shape that set that distance


def _normalise(points: np.ndarray) -> np.ndarray:
    """Centred, with unit spread (one scale for both axes, so the shape keeps its proportions)."""
    centred = points - points.mean(0)
    return (centred / centred.std()).astype(np.float32)


def target_points(shape: str, n: int, rng: np.random.Generator, csv_text: str = "") -> np.ndarray:
    """n points of the shape, (n, 2) float32, centred with unit spread."""
    shape = validate.choice("Shape", shape, SHAPES)
    if shape == "Swiss roll":
        t = 1.5 * np.pi * (1 + 2 * rng.random(n))
        pts = np.stack([t * np.cos(t), t * np.sin(t)], 1) + 0.3 * rng.standard_normal((n, 2))
    elif shape == "Two moons":
        t = np.pi * rng.random(n)
        upper = rng.random(n) < 0.5
        pts = np.stack([np.where(upper, np.cos(t), 1 - np.cos(t)), np.where(upper, np.sin(t), 0.5 - np.sin(t))], 1)
        pts = pts + 0.05 * rng.standard_normal((n, 2))
    else:
        user = _normalise(validate.points_2d(csv_text, MAX_CSV_POINTS))
        # resample the user's points with a little jitter so a handful of points still makes a cloud
        return (user[rng.integers(0, len(user), n)] + 0.03 * rng.standard_normal((n, 2))).astype(np.float32)
    return _normalise(pts)


class Denoiser(nn.Module):
    """eps_θ(x_t, t): a 3-layer MLP on [sinusoidal features of x and of y, sinusoidal embedding of t]."""

    def __init__(self, hidden: int = HIDDEN, embed: int = EMBED):
        super().__init__()
        self.embed = embed
        self.net = nn.Sequential(
            nn.Linear(2 * POINT_EMBED + embed, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, 2),
        )

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:  # x (B, 2), t (B,) -> (B, 2)
        features = [get_timestep_embedding(x[:, i] * POINT_SCALE, POINT_EMBED, flip_sin_to_cos=True, downscale_freq_shift=0)
                    for i in range(2)]  # 2 x (B, POINT_EMBED)
        emb = get_timestep_embedding(t, self.embed, flip_sin_to_cos=True, downscale_freq_shift=0)  # (B, EMBED)
        return self.net(torch.cat([*features, emb], dim=1))


def make_scheduler() -> DDPMScheduler:
    """The training noise schedule: linear betas reaching ᾱ ≈ 0.006 at the last of 100 steps (the
    cosine schedule's near-1 final beta made sampling diverge here). No clipping: points live on a
    unit-spread scale, not in an image's [-1, 1]."""
    return DDPMScheduler(num_train_timesteps=TIMESTEPS, beta_schedule="linear", beta_start=1e-4, beta_end=0.1,
                         clip_sample=False)


@dataclass(frozen=True)
class ToyConfig:
    shape: str = SHAPES[0]
    csv_text: str = ""
    train_steps: int = 1500
    n_points: int = 600
    seed: int = 0

    def checked(self) -> ToyConfig:
        return ToyConfig(
            shape=validate.choice("Shape", self.shape, SHAPES),
            csv_text=self.csv_text or "",
            train_steps=validate.integer("Training steps", self.train_steps, 1, MAX_TRAIN_STEPS),
            n_points=validate.integer("Number of points", self.n_points, 3, MAX_POINTS),
            seed=validate.seed(self.seed),
        )


class ToyDiffusion:
    """One toy run: its data, its tiny model and its scheduler (nothing is shared between runs)."""

    def __init__(self, config: ToyConfig):
        self.config = config.checked()
        self.rng = np.random.default_rng(self.config.seed)
        self.generator = torch.Generator().manual_seed(self.config.seed)
        self.data = torch.from_numpy(target_points(self.config.shape, 8192, self.rng, self.config.csv_text)).float()
        self.shown = self.data[: self.config.n_points].numpy()
        with torch.random.fork_rng(devices=[]):  # seeded init without touching the global RNG
            torch.manual_seed(self.config.seed)
            self.model = Denoiser()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=LR)
        self.scheduler = make_scheduler()
        self.losses: list[float] = []

    # ---- forward process ---------------------------------------------------------------------
    def noised(self, t: int) -> np.ndarray:
        x0 = torch.from_numpy(self.shown)
        noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(self.config.seed + 1))
        return self.scheduler.add_noise(x0, noise, torch.full((len(x0),), t)).numpy()

    def alpha_bar(self, t: int) -> float:
        return float(self.scheduler.alphas_cumprod[t])

    # ---- training: a random t, noise a batch, regress the noise ----------------------------
    def train(self, steps: int) -> None:
        self.model.train()
        for _ in range(steps):
            idx = torch.randint(0, len(self.data), (BATCH,), generator=self.generator)
            x0 = self.data[idx]  # (B, 2)
            t = torch.randint(0, TIMESTEPS, (BATCH,), generator=self.generator)
            noise = torch.randn(x0.shape, generator=self.generator)
            loss = F.mse_loss(self.model(self.scheduler.add_noise(x0, noise, t), t), noise)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            self.losses.append(loss.item())

    # ---- reverse process ---------------------------------------------------------------------
    @torch.no_grad()
    def sample(self, n: int | None = None) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """Yield (t, x_t after the step, predicted x̂0) for every DDIM step, from pure noise."""
        n = n or self.config.n_points
        self.model.eval()
        sampler = DDIMScheduler.from_config(self.scheduler.config)
        sampler.set_timesteps(TIMESTEPS)
        generator = torch.Generator().manual_seed(self.config.seed + 2)
        x = torch.randn((n, 2), generator=generator)
        yield TIMESTEPS, x.numpy().copy(), x.numpy().copy()
        for t in sampler.timesteps:
            with single_thread():
                eps = self.model(x, t.expand(n))
                out = sampler.step(eps, t, x)
            x = out.prev_sample
            yield int(t), x.numpy().copy(), out.pred_original_sample.numpy()

    # ---- the whole story as frames -----------------------------------------------------------
    def stream(self) -> Iterator[Frame]:
        """Forward (noising), training, then reverse (sampling) frames.

        ``image``: the particles now, (n, 2); ``data``: phase, target points, trajectories
        (TRAJECTORIES, steps so far, 2), t, ᾱ_t and the loss curve so far. The last frame's metrics also hold
        ``on_shape`` (share of the particles on the shape, see ``on_shape``), ``on_shape_at_start`` (the same for
        the noise they started from), ``train_seconds`` and ``distance`` (mean distance to the shape).
        """
        cfg = self.config
        total = FORWARD_FRAMES + TRAIN_FRAMES + REVERSE_FRAMES
        step = 0
        base = {"target": self.shown}

        for t in np.linspace(0, TIMESTEPS - 1, FORWARD_FRAMES).round().astype(int):
            yield Frame(step, total, image=self.noised(int(t)), metrics={"t": float(t), "alpha_bar": self.alpha_bar(int(t))},
                        data={**base, "phase": "forward"})
            step += 1

        chunks = np.diff(np.linspace(0, cfg.train_steps, TRAIN_FRAMES + 1).round().astype(int))
        train_seconds = 0.0
        for chunk in chunks:
            started = time.perf_counter()
            with single_thread():  # tiny matrices: one thread is faster than two on a busy CPU
                self.train(int(chunk))
            train_seconds += time.perf_counter() - started
            yield Frame(step, total, image=self.shown, metrics={"loss": float(np.mean(self.losses[-50:])) if self.losses else float("nan"),
                                                                  "trained_steps": float(len(self.losses))},
                        data={**base, "phase": "train", "losses": list(self.losses)})
            step += 1

        paths = []
        shown_steps = set(np.linspace(0, TIMESTEPS, REVERSE_FRAMES).round().astype(int))
        for k, (t, x, x0_hat) in enumerate(self.sample()):
            paths.append(x[:TRAJECTORIES])
            if k == 0:
                start = x
            if k not in shown_steps:
                continue
            metrics = {"t": float(t), "alpha_bar": self.alpha_bar(t) if t < TIMESTEPS else 0.0,
                       "loss": float(np.mean(self.losses[-50:])) if self.losses else float("nan")}
            if step == total - 1:  # the result, measured
                fresh = self.data[cfg.n_points:cfg.n_points + FRESH_POINTS].numpy()  # points of the shape not drawn
                metrics |= {"on_shape": on_shape(x, self.shown, fresh), "on_shape_at_start": on_shape(start, self.shown, fresh),
                            "distance": nearest_distance(x, self.shown), "train_seconds": train_seconds}
            yield Frame(step, total, image=x, preview=x0_hat, metrics=metrics,
                        data={**base, "phase": "reverse", "trajectories": np.stack(paths, 1), "losses": list(self.losses)})
            step += 1


def stream(shape: str = SHAPES[0], csv_text: str = "", train_steps: int = 1500, n_points: int = 600, seed: int = 0) -> Iterator[Frame]:
    """Validate the settings (clear UserInputError on bad input) and stream one toy run."""
    return ToyDiffusion(ToyConfig(shape, csv_text, train_steps, n_points, seed)).stream()


def _nearest(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from each point of ``a`` to its nearest point of ``b``, (A,)."""
    return np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)).min(1)


def nearest_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Mean distance from each point of ``a`` to its nearest point of ``b``: 0 = a lies on b's shape."""
    return float(_nearest(a, b).mean())


def on_shape(points: np.ndarray, shape: np.ndarray, fresh: np.ndarray) -> float:
    """Share of ``points`` on the drawn ``shape``: no farther from it than ON_SHAPE_QUANTILE of ``fresh``
    points of the same shape are (so a perfect sampler scores about that share, pure noise far less)."""
    radius = np.quantile(_nearest(fresh, shape), ON_SHAPE_QUANTILE)
    return float((_nearest(points, shape) <= radius).mean())
