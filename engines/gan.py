"""The GAN engine: one generator pass per sample, scored by the discriminator it trained against.

``generate`` draws digits, ``score_real`` asks the same discriminator about real training
digits, ``walk`` slerps between two seeds' noise (the smooth latent space), ``timeline``
returns the fixed-noise samples and losses kept during training.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch

from engines import digits, registry, validate
from engines.base import Engine, Frame
from engines.device import pick_device
from engines.gan_model import DigitGAN
from engines.hub import load_from_hub, mixin_from_hub

FAMILY = "gan"
EMBEDDED = "Digit GAN (embedded)"
COLLAPSED = "Collapsed digit GAN (embedded)"  # the first shipped GAN: mode collapse inside every class
MAX_SAMPLES = 64
MAX_WALK_FRAMES = 32


@dataclass
class Samples:
    images: np.ndarray  # (N, 28, 28) float32 in [0, 1]
    labels: np.ndarray  # (N,) the digit each image was asked (or known) to be
    scores: np.ndarray  # (N,) the discriminator's "real" probability, 0..1
    seconds: float  # wall time of the generator pass (0 for real digits)


def slerp(a: torch.Tensor, b: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Spherical interpolation between noise vectors a, b (D,) at fractions t (T,) -> (T, D).

    Gaussian noise lives near a sphere; a straight line between two draws cuts through its
    low-norm inside where the generator saw no training noise, an arc stays on it.
    """
    omega = torch.arccos(torch.clamp(torch.dot(a / a.norm(), b / b.norm()), -1.0, 1.0))
    if omega.abs() < 1e-6:
        return (1 - t)[:, None] * a + t[:, None] * b
    t = t[:, None]
    return (torch.sin((1 - t) * omega) * a + torch.sin(t * omega) * b) / torch.sin(omega)


class GanEngine(Engine):
    family = FAMILY

    def _load(self) -> DigitGAN:
        spec = registry.spec(self.model_key or EMBEDDED)
        if spec.is_hub:
            model = load_from_hub(lambda rid: mixin_from_hub(DigitGAN, rid), spec.location, FAMILY)
        else:
            model = DigitGAN.from_pretrained(registry.embedded_dir(spec), strict=True)
        self.device = pick_device()
        model = model.to(self.device).eval()
        with torch.no_grad():  # one throw-away pass, so the first user's timing is not the allocator's warm-up
            z = torch.zeros(2, model.z_dim, device=self.device)
            y = torch.zeros(2, dtype=torch.long, device=self.device)
            model.discriminator(model.generator(z, y), y)
        return model

    def _noise(self, seed: int, n: int) -> torch.Tensor:
        gen = torch.Generator().manual_seed(seed)
        return torch.randn(n, self.model.z_dim, generator=gen)  # (N, Z) drawn on CPU: same on any device

    @torch.no_grad()
    def _score(self, images: torch.Tensor, labels: torch.Tensor) -> np.ndarray:
        logits = self.model.discriminator(images.to(self.device), labels.to(self.device))
        return torch.sigmoid(logits).float().cpu().numpy()

    @torch.no_grad()
    def generate(self, digit: int, n: int, seed: int) -> Samples:
        digit = validate.integer("Digit", digit, -1, 9)
        n = validate.integer("Number of samples", n, 1, MAX_SAMPLES)
        seed = validate.seed(seed)
        model = self.model
        z = self._noise(seed, n)
        if digit < 0:
            labels = torch.from_numpy(np.random.default_rng(seed).integers(0, 10, n))
        else:
            labels = torch.full((n,), digit, dtype=torch.long)
        started = time.perf_counter()
        fake = model.generator(z.to(self.device), labels.to(self.device))  # (N, 1, 28, 28) in [-1, 1]
        if self.device.type == "cuda":
            torch.cuda.synchronize()
        seconds = time.perf_counter() - started
        scores = self._score(fake, labels)
        images = digits.to_unit(fake[:, 0].float().cpu().numpy())
        return Samples(images.astype(np.float32), labels.numpy(), scores, seconds)

    def score_real(self, digit: int, n: int, seed: int) -> Samples:
        """Real training digits (of one class, or any), scored by the same discriminator."""
        digit = validate.integer("Digit", digit, -1, 9)
        n = validate.integer("Number of samples", n, 1, MAX_SAMPLES)
        seed = validate.seed(seed)
        data = digits.split()
        pool = np.flatnonzero(data.train_y == digit) if digit >= 0 else np.arange(len(data.train_y))
        idx = np.random.default_rng(seed).choice(pool, n, replace=False)
        images = data.train_x[idx]
        tensor = torch.from_numpy(digits.to_signed(images)).unsqueeze(1)
        scores = self._score(tensor, torch.from_numpy(data.train_y[idx]))
        return Samples(images.astype(np.float32), data.train_y[idx].copy(), scores, 0.0)

    @torch.no_grad()
    def walk(self, seed_a: int, seed_b: int, digit_a: int, digit_b: int, frames: int) -> Samples:
        """Frames along the arc from seed_a's noise to seed_b's, blending the digit labels too."""
        seed_a, seed_b = validate.seed(seed_a), validate.seed(seed_b)
        digit_a = validate.integer("Start digit", digit_a, 0, 9)
        digit_b = validate.integer("End digit", digit_b, 0, 9)
        frames = validate.integer("Frames", frames, 2, MAX_WALK_FRAMES)
        model = self.model
        t = torch.linspace(0, 1, frames)
        z = slerp(self._noise(seed_a, 1)[0], self._noise(seed_b, 1)[0], t)  # (T, Z)
        labels = torch.tensor([digit_a, digit_b], device=self.device)
        ends = model.generator.embed(labels)  # (2, Z): the two label vectors
        t_dev = t.to(self.device)[:, None]
        label_vectors = (1 - t_dev) * ends[0] + t_dev * ends[1]  # (T, Z)
        started = time.perf_counter()
        fake = model.generator.synthesize(z.to(self.device), label_vectors)
        seconds = time.perf_counter() - started
        near = torch.where(t < 0.5, digit_a, digit_b)  # score each frame as the nearer digit
        scores = self._score(fake, near)
        images = digits.to_unit(fake[:, 0].float().cpu().numpy()).astype(np.float32)
        return Samples(images, near.numpy(), scores, seconds)

    def stream(self, digit: int = -1, n: int = 16, seed: int = 0) -> Iterator[Frame]:
        """One frame: a GAN makes its samples in a single pass, there are no steps to watch."""
        s = self.generate(digit, n, seed)
        yield Frame(0, 1, image=s.images, metrics={"seconds": s.seconds, "mean_score": float(s.scores.mean())},
                    data={"labels": s.labels, "scores": s.scores})


def timeline(model_key: str = EMBEDDED) -> dict[str, np.ndarray]:
    """The training run's fixed-noise samples (S, 20, 28, 28) uint8 with their epochs, and the loss history."""
    path = registry.embedded_dir(registry.spec(model_key)) / "timeline.npz"
    with np.load(path) as f:
        return {k: f[k] for k in f.files}


def training_info(model_key: str = EMBEDDED) -> dict:
    import json

    path = registry.embedded_dir(registry.spec(model_key)) / "training.json"
    return json.loads(path.read_text()) if path.is_file() else {}
