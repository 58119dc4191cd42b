"""The VAE network itself: an MLP encoder to a Gaussian "cloud" and an MLP decoder back to pixels.

Kept apart from engines/vae.py (which serves the models to the UI) so the training
script and the tests can build it without the rest of the engine.
"""

from __future__ import annotations

import numpy as np
import torch
from huggingface_hub import PyTorchModelHubMixin
from torch import nn
from torch.nn import functional as F

PIXELS = 28 * 28


class DigitVAE(nn.Module, PyTorchModelHubMixin, library_name="genai-lab", tags=["vae", "mnist"]):
    """A variational autoencoder for 28x28 digits (Kingma & Welling 2013), MLP both ways.

    latent_dim: size of the latent code z (2 for a map we can draw, 16 for quality)
    widths:     hidden layer sizes of the encoder; the decoder mirrors them
    beta:       weight of the KL term it was trained with (a beta-VAE when != 1); recorded, not used here
    """

    def __init__(self, latent_dim: int = 2, widths: tuple[int, ...] = (256, 128), beta: float = 1.0):
        super().__init__()
        self.latent_dim = latent_dim
        self.beta = beta
        widths = tuple(widths)
        enc, size = [], PIXELS
        for w in widths:
            enc += [nn.Linear(size, w), nn.ReLU()]
            size = w
        self.encoder = nn.Sequential(*enc)
        self.to_mean = nn.Linear(size, latent_dim)
        self.to_logvar = nn.Linear(size, latent_dim)
        dec, size = [], latent_dim
        for w in reversed(widths):
            dec += [nn.Linear(size, w), nn.ReLU()]
            size = w
        dec.append(nn.Linear(size, PIXELS))  # logits of pixel intensities
        self.decoder = nn.Sequential(*dec)

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """x (B, 28, 28) in [0, 1] -> mean (B, L), log-variance (B, L) of q(z|x)."""
        h = self.encoder(x.reshape(len(x), PIXELS))
        return self.to_mean(h), self.to_logvar(h).clamp(-12.0, 6.0)

    def decode_logits(self, z: torch.Tensor) -> torch.Tensor:
        """z (B, L) -> pixel logits (B, 28, 28)."""
        return self.decoder(z).reshape(len(z), 28, 28)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """z (B, L) -> images (B, 28, 28) in [0, 1]."""
        return torch.sigmoid(self.decode_logits(z))

    @staticmethod
    def reparameterize(mean: torch.Tensor, logvar: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        """z = mean + sigma * eps: sampling written so gradients flow to mean and sigma."""
        return mean + torch.exp(0.5 * logvar) * noise

    def forward(self, x: torch.Tensor, generator: torch.Generator | None = None):
        mean, logvar = self.encode(x)
        noise = torch.randn(mean.shape, generator=generator, device=mean.device, dtype=mean.dtype)
        z = self.reparameterize(mean, logvar, noise)
        return self.decode_logits(z), mean, logvar


def losses(logits: torch.Tensor, x: torch.Tensor, mean: torch.Tensor, logvar: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-image reconstruction error (Bernoulli NLL, nats) and KL(q(z|x) || N(0, I)) (nats), both (B,)."""
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
    kl = 0.5 * (mean.pow(2) + logvar.exp() - 1.0 - logvar).sum(1)
    return recon, kl


def class_gaussians(mean: np.ndarray, logvar: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How an unconditional VAE draws "a 7": per digit, the mean (10, L) and Cholesky factor (10, L, L)
    of the codes of that digit's training images.

    The covariance is that of the encoder means plus the average posterior variance: the moments
    of the aggregate posterior q(z | digit).
    """
    means, factors = [], []
    for d in range(10):
        m, v = mean[labels == d].astype(np.float64), np.exp(logvar[labels == d]).astype(np.float64)
        cov = np.cov(m, rowvar=False) + np.diag(v.mean(0))
        means.append(m.mean(0))
        factors.append(np.linalg.cholesky(cov))
    return np.stack(means), np.stack(factors)


def class_codes(gaussians: tuple[np.ndarray, np.ndarray], digit: int, n: int, seed: int) -> np.ndarray:
    """n codes (n, L) of one digit from ``class_gaussians``."""
    means, factors = gaussians
    eps = np.random.default_rng(seed).standard_normal((n, means.shape[1]))
    return means[digit] + eps @ factors[digit].T


@torch.no_grad()
def samples_per_digit(model: DigitVAE, x_train, y_train, per_digit: int, seed: int = 0) -> np.ndarray:
    """per_digit samples of every digit, (10·k, 28, 28) in [0, 1], as the Compare tab draws them: codes from the
    class Gaussians of ``model``'s codes of the training digits (digit d's noise seeded ``seed + d``), decoded."""
    mean, logvar = model.encode(torch.from_numpy(np.array(x_train, dtype=np.float32)))
    gaussians = class_gaussians(mean.numpy(), logvar.numpy(), np.asarray(y_train))
    z = np.concatenate([class_codes(gaussians, d, per_digit, seed + d) for d in range(10)])
    return model.decode(torch.from_numpy(z).float()).numpy()
