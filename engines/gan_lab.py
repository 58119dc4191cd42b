"""The live 2D GAN lab: a tiny generator learns to place points where a target distribution lives.

Everything is small enough to train hundreds of steps a second on a CPU, so every step of the
rivalry is visible: the discriminator's decision surface, where the generator sends a grid of its
noise, and the losses. One ``Lab`` per browser session (the UI keeps it in ``gr.State``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engines import validate
from engines.base import Frame

TARGETS = ("Ring of 8 gaussians", "Two moons", "A line", "My points (CSV)")
LOSSES = ("standard (minimax)", "non-saturating", "least squares")
VIEW = 3.0  # the plotted square is [-VIEW, VIEW]^2
POOL = 4096  # real points drawn once per lab; batches sample from them
MAX_STEPS = 5000
MAX_CSV_POINTS = 5000
RING_MODES = 8
RING_RADIUS, RING_STD = 2.0, 0.05
GRID = 41  # decision-surface resolution (GRID x GRID)
MAPPING_LINES, MAPPING_POINTS = 9, 25  # the generator's image of a grid of noise
SHOW_POINTS = 500


@dataclass(frozen=True)
class LabConfig:
    target: str = TARGETS[0]
    loss: str = "non-saturating"
    lr_g: float = 1e-3
    lr_d: float = 1e-3
    d_steps: int = 1  # discriminator updates per generator update
    batch: int = 256
    seed: int = 0
    csv_text: str = ""  # the user's points, "x,y" per line, for the CSV target

    def checked(self) -> LabConfig:
        return LabConfig(
            target=validate.choice("Target", self.target, TARGETS),
            loss=validate.choice("Loss", self.loss, LOSSES),
            lr_g=validate.number("Generator learning rate", self.lr_g, 1e-6, 0.1),
            lr_d=validate.number("Discriminator learning rate", self.lr_d, 1e-6, 0.1),
            d_steps=validate.integer("D steps per G step", self.d_steps, 1, 10),
            batch=validate.integer("Batch size", self.batch, 8, 1024),
            seed=validate.seed(self.seed),
            csv_text=self.csv_text or "",
        )


# A preset that reliably collapses: the artist learns 100x faster than the detective. Every
# generator step moves ALL generated points towards the spot D currently rates most real, long
# before D can learn that this spot is overcrowded; when it finally does, the whole crowd hops to
# the next favourite spot ("mode hopping"), so the ring's eight modes are never covered at once.
MODE_COLLAPSE = LabConfig(target=TARGETS[0], loss="non-saturating", lr_g=1e-2, lr_d=1e-4, d_steps=1)


def parse_points(text: str) -> np.ndarray:
    """User points, one "x,y" per line (a header line is allowed), rescaled into the view."""
    pts = validate.points_2d(text, MAX_CSV_POINTS)
    centred = pts - pts.mean(0)
    scale = np.abs(centred).max()
    return (centred * (0.8 * VIEW / scale)).astype(np.float32)  # fill most of the view


def sample_target(config: LabConfig, n: int, rng: np.random.Generator) -> np.ndarray:
    """n points of the target distribution, (n, 2) float32."""
    if config.target == "Ring of 8 gaussians":
        angles = 2 * np.pi * rng.integers(0, RING_MODES, n) / RING_MODES
        centres = RING_RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)
        return (centres + RING_STD * rng.standard_normal((n, 2))).astype(np.float32)
    if config.target == "Two moons":
        t = np.pi * rng.random(n)
        upper = rng.random(n) < 0.5
        x = np.where(upper, np.cos(t), 1 - np.cos(t))
        y = np.where(upper, np.sin(t), 0.5 - np.sin(t))
        moons = np.stack([x - 0.5, y - 0.25], 1) * 1.6  # centred, scaled into the view
        return (moons + 0.06 * rng.standard_normal((n, 2))).astype(np.float32)
    if config.target == "A line":
        t = rng.uniform(-1, 1, n)
        return (np.stack([2.0 * t, 1.0 * t + 0.5], 1) + 0.03 * rng.standard_normal((n, 2))).astype(np.float32)
    points = parse_points(config.csv_text)
    return points[rng.integers(0, len(points), n)]


def coverage(real: np.ndarray, fake: np.ndarray, radius: float = 0.25) -> float:
    """Share of real points with a generated point within ``radius``: 1 = every region is reached."""
    d = np.sqrt(((real[:, None, :] - fake[None, :, :]) ** 2).sum(-1))  # (R, F)
    return float((d.min(1) < radius).mean())


def ring_modes_covered(fake: np.ndarray, share: float = 0.02) -> int:
    """How many of the ring's 8 modes receive at least ``share`` of the generated points."""
    angles = 2 * np.pi * np.arange(RING_MODES) / RING_MODES
    centres = RING_RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)
    d = np.sqrt(((fake[:, None, :] - centres[None]) ** 2).sum(-1))  # (F, 8)
    near = d.min(1) < 5 * RING_STD
    counts = np.bincount(d.argmin(1)[near], minlength=RING_MODES)
    return int((counts >= share * len(fake)).sum())


@contextmanager
def single_thread():
    """Run tiny-matrix work on one thread: a second one only adds synchronisation (measured 20x
    slower on a busy 2-core machine). With torch's OpenMP backend this applies to the calling
    thread only, so other engines' threads keep their setting."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _mlp(n_in: int, n_out: int, hidden: int = 64) -> nn.Sequential:
    return nn.Sequential(nn.Linear(n_in, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, n_out))


class Lab:
    """One training run: a 2 -> 2 generator MLP, a 2 -> 1 discriminator MLP, their optimizers and history."""

    def __init__(self, config: LabConfig):
        self.config = config = config.checked()
        rng = np.random.default_rng(config.seed)
        self.real = torch.from_numpy(sample_target(config, POOL, rng))  # (POOL, 2)
        torch.manual_seed(config.seed)
        self.G, self.D = _mlp(2, 2), _mlp(2, 1)
        self.opt_g = torch.optim.Adam(self.G.parameters(), config.lr_g, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.D.parameters(), config.lr_d, betas=(0.5, 0.999))
        self.gen = torch.Generator().manual_seed(config.seed)
        self.show_z = torch.randn(SHOW_POINTS, 2, generator=self.gen)  # fixed noise for the plots
        self.show_real = self.real[:SHOW_POINTS].numpy()
        self.step = 0
        self.history = {"step": [], "d_loss": [], "g_loss": []}
        self._pending: list[torch.Tensor] = []

    def _losses(self, real_out: torch.Tensor | None, fake_out: torch.Tensor, for_g: bool) -> torch.Tensor:
        loss = self.config.loss
        if for_g:
            if loss == "standard (minimax)":
                return -F.softplus(fake_out).mean()  # minimise log(1 - D(G(z))): saturates when D wins
            if loss == "non-saturating":
                return F.softplus(-fake_out).mean()  # maximise log D(G(z))
            return 0.5 * ((fake_out - 1) ** 2).mean()
        if loss == "least squares":
            return 0.5 * ((real_out - 1) ** 2).mean() + 0.5 * (fake_out**2).mean()
        return F.softplus(-real_out).mean() + F.softplus(fake_out).mean()

    def train(self, steps: int) -> None:
        """``steps`` generator updates, each after ``d_steps`` discriminator updates."""
        cfg = self.config
        for _ in range(steps):
            for _ in range(cfg.d_steps):
                idx = torch.randint(0, POOL, (cfg.batch,), generator=self.gen)
                with torch.no_grad():
                    fake = self.G(torch.randn(cfg.batch, 2, generator=self.gen))
                loss_d = self._losses(self.D(self.real[idx]), self.D(fake), for_g=False)
                self.opt_d.zero_grad(set_to_none=True)
                loss_d.backward()
                self.opt_d.step()
            loss_g = self._losses(None, self.D(self.G(torch.randn(cfg.batch, 2, generator=self.gen))), for_g=True)
            self.opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            self.opt_g.step()
            self.step += 1
            self._pending.append(torch.stack([loss_d.detach(), loss_g.detach()]))
        self._flush()

    def _flush(self) -> None:
        """Move the losses into the history in one go (a .item() per step would cost a sync each)."""
        if self._pending:
            d_loss, g_loss = torch.stack(self._pending).T.tolist()
            self.history["step"].extend(range(self.step - len(d_loss) + 1, self.step + 1))
            self.history["d_loss"].extend(d_loss)
            self.history["g_loss"].extend(g_loss)
            self._pending = []

    def realness(self, out: torch.Tensor) -> torch.Tensor:
        """D's output as 'how real' 0..1 (sigmoid of the logit; least-squares outputs clipped)."""
        return out.clamp(0, 1) if self.config.loss == "least squares" else torch.sigmoid(out)

    @torch.no_grad()
    def snapshot(self) -> Frame:
        axis = torch.linspace(-VIEW, VIEW, GRID)
        xx, yy = torch.meshgrid(axis, axis, indexing="xy")
        surface = self.realness(self.D(torch.stack([xx.ravel(), yy.ravel()], 1))).view(GRID, GRID)  # (GRID, GRID), row = y
        fake = self.G(self.show_z).numpy()
        line = torch.linspace(-2, 2, MAPPING_POINTS)
        ticks = torch.linspace(-2, 2, MAPPING_LINES)
        rows = torch.stack([torch.stack([line, torch.full_like(line, v)], 1) for v in ticks])  # (L, P, 2)
        cols = rows.flip(-1)
        mapping = self.G(torch.cat([rows, cols]).view(-1, 2)).view(2 * MAPPING_LINES, MAPPING_POINTS, 2).numpy()
        metrics = {
            "coverage": coverage(self.show_real, fake),
            "fake_mean_x": float(fake[:, 0].mean()), "fake_mean_y": float(fake[:, 1].mean()),
            "fake_std_x": float(fake[:, 0].std()), "fake_std_y": float(fake[:, 1].std()),
        }
        if self.config.target == "Ring of 8 gaussians":
            metrics["modes_covered"] = ring_modes_covered(fake)
        if self.history["step"]:
            metrics["d_loss"], metrics["g_loss"] = self.history["d_loss"][-1], self.history["g_loss"][-1]
        return Frame(
            self.step, self.step, image=surface.numpy(), metrics=metrics,
            data={"real": self.show_real, "fake": fake, "mapping": mapping, "axis": axis.numpy(),
                  "history": {k: np.asarray(v) for k, v in self.history.items()}, "loss": self.config.loss},
        )

    def stream(self, steps: int, steps_per_frame: int = 25) -> Iterator[Frame]:
        """Train ``steps`` more generator steps, yielding a snapshot every ``steps_per_frame``."""
        steps = validate.integer("Training steps", steps, 1, MAX_STEPS)
        steps_per_frame = validate.integer("Steps per frame", steps_per_frame, 1, MAX_STEPS)
        target = self.step + steps
        while self.step < target:
            with single_thread():
                self.train(min(steps_per_frame, target - self.step))
                frame = self.snapshot()
            frame.total = target
            yield frame
