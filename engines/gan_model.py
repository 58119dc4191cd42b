"""The digit GAN: a class-conditional DCGAN-style generator and a projection discriminator.

Both live in one ``DigitGAN`` module so one ``from_pretrained`` folder (safetensors +
config.json, via huggingface_hub's ``PyTorchModelHubMixin``) holds the artist and the
detective together. Images are 1x28x28 in [-1, 1]; labels are digits 0..9.
"""

from __future__ import annotations

import torch
from huggingface_hub import PyTorchModelHubMixin
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm


class Generator(nn.Module):
    """Noise z and a digit label -> a 28x28 image, by upsampling 7 -> 14 -> 28."""

    def __init__(self, z_dim: int, n_classes: int, ngf: int):
        super().__init__()
        self.ngf = ngf
        self.embed = nn.Embedding(n_classes, z_dim)  # the label, as a vector mixed into the noise
        self.project = nn.Sequential(nn.Linear(2 * z_dim, 2 * ngf * 7 * 7, bias=False), nn.BatchNorm1d(2 * ngf * 7 * 7), nn.ReLU())
        self.up = nn.Sequential(
            nn.ConvTranspose2d(2 * ngf, ngf, 4, 2, 1, bias=False),  # 7 -> 14
            nn.BatchNorm2d(ngf),
            nn.ReLU(),
            nn.ConvTranspose2d(ngf, 1, 4, 2, 1),  # 14 -> 28
            nn.Tanh(),
        )

    def forward(self, z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.synthesize(z, self.embed(y))

    def synthesize(self, z: torch.Tensor, label_vector: torch.Tensor) -> torch.Tensor:
        """From noise and a label vector (an embedding, or a blend of two for a walk between digits)."""
        h = self.project(torch.cat([z, label_vector], dim=1))  # (B, 2*ngf*49)
        return self.up(h.view(-1, 2 * self.ngf, 7, 7))  # (B, 1, 28, 28)


class Discriminator(nn.Module):
    """Image and label -> a real/fake logit (projection discriminator, spectral norm for stability)."""

    def __init__(self, n_classes: int, ndf: int):
        super().__init__()
        self.features = nn.Sequential(
            spectral_norm(nn.Conv2d(1, ndf, 4, 2, 1)),  # 28 -> 14
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(ndf, 2 * ndf, 4, 2, 1)),  # 14 -> 7
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(2 * ndf, 2 * ndf, 3, 2, 1)),  # 7 -> 4
            nn.LeakyReLU(0.2),
            nn.Flatten(),
        )
        width = 2 * ndf * 4 * 4
        self.head = spectral_norm(nn.Linear(width, 1))
        self.embed = spectral_norm(nn.Embedding(n_classes, width))  # projection: <features, label vector>

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        h = self.features(x)  # (B, width)
        return self.head(h).squeeze(1) + (h * self.embed(y)).sum(1)  # (B,) logits


class DigitGAN(nn.Module, PyTorchModelHubMixin, tags=["gan", "mnist", "genai-lab"], license="apache-2.0"):
    def __init__(self, z_dim: int = 64, n_classes: int = 10, ngf: int = 64, ndf: int = 32):
        super().__init__()
        self.z_dim, self.n_classes = z_dim, n_classes
        self.generator = Generator(z_dim, n_classes, ngf)
        self.discriminator = Discriminator(n_classes, ndf)

    def forward(self, z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.generator(z, y)
