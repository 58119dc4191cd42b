"""The digit GAN: a class-conditional DCGAN-style generator and a projection discriminator.

Both live in one ``DigitGAN`` module so one ``from_pretrained`` folder (safetensors +
config.json, via huggingface_hub's ``PyTorchModelHubMixin``) holds the artist and the
detective together. Images are 1x28x28 in [-1, 1]; labels are digits 0..9.

``minibatch_std`` adds the minibatch standard deviation (Karras et al. 2018) as an extra
feature map in the discriminator: the detective sees how much a group of images varies, so
a generator that draws one picture for many noise vectors is caught. The collapsed GAN
(``assets/gan_collapsed``) was trained without it; its config.json lacks the key, so it loads as before.
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


class MinibatchStd(nn.Module):
    """Appends one feature map: the mean standard deviation of the features over groups of images.

    Each group of ``group`` images (a batch is cut in consecutive groups; the training loop puts
    images of one digit next to each other) shares one value, so the discriminator can tell a
    varied group from a collapsed one. A batch that does not divide into groups uses one group.
    """

    def __init__(self, group: int):
        super().__init__()
        self.group = group

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        b, c, height, width = h.shape  # (B, C, H, W)
        g = self.group if b % self.group == 0 else b
        spread = h.view(g, -1, c, height, width).std(0, unbiased=False).mean((1, 2, 3))  # (B/g,)
        spread = spread.repeat(g).view(b, 1, 1, 1).expand(b, 1, height, width)
        return torch.cat([h, spread], 1)  # (B, C + 1, H, W)


class Discriminator(nn.Module):
    """Image and label -> a real/fake logit (projection discriminator, spectral norm for stability)."""

    def __init__(self, n_classes: int, ndf: int, minibatch_std: int = 0):
        super().__init__()
        std = [MinibatchStd(minibatch_std)] if minibatch_std else []
        self.features = nn.Sequential(
            spectral_norm(nn.Conv2d(1, ndf, 4, 2, 1)),  # 28 -> 14
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(ndf, 2 * ndf, 4, 2, 1)),  # 14 -> 7
            nn.LeakyReLU(0.2),
            *std,
            spectral_norm(nn.Conv2d(2 * ndf + len(std), 2 * ndf, 3, 2, 1)),  # 7 -> 4
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
    def __init__(self, z_dim: int = 64, n_classes: int = 10, ngf: int = 64, ndf: int = 32, minibatch_std: int = 0):
        super().__init__()
        self.z_dim, self.n_classes = z_dim, n_classes
        self.generator = Generator(z_dim, n_classes, ngf)
        self.discriminator = Discriminator(n_classes, ndf, minibatch_std)  # minibatch_std: group size, 0 = off

    def forward(self, z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return self.generator(z, y)
