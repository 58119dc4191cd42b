"""VAE engine: encode a digit to a cloud (mean, variance), sample it, decode; walk the latent space.

All inputs and outputs are numpy: images (N, 28, 28) float32 in [0, 1], white digit on black,
latent codes (N, L). The hub tier (``PhotoAutoencoderEngine``) runs diffusers' pretrained
image autoencoders on photos.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch

from engines import digits, registry
from engines import validate as check
from engines.base import Engine, Frame
from engines.errors import UserInputError
from engines.vae_model import DigitVAE

FAMILY = "vae"
MAP_MODEL = "VAE 2-D latent (embedded)"
QUALITY_MODEL = "VAE 16-D latent (embedded)"
BETA_MODELS = {0.5: "β-VAE 2-D, β = 0.5 (embedded)", 1.0: MAP_MODEL, 4.0: "β-VAE 2-D, β = 4 (embedded)"}
LATENT_LIMIT = 4.0  # the map shows [-4, 4]^2; the prior puts 99.9% of its mass inside
MAX_SAMPLES = 64
MAX_STEPS = 32


def embedded_models() -> list[str]:
    return [m.key for m in registry.models(FAMILY) if m.source == "embedded"]


def map_models() -> list[str]:
    """The embedded models whose latent space is 2-D, so it can be drawn."""
    return [key for key in embedded_models() if get_vae(key).latent_dim == 2]


def training_summary() -> dict:
    """What scripts/train_vae.py recorded: per model test recon error and KL, training time, machine."""
    path = registry.ASSETS / "vae" / "training.json"
    return json.loads(path.read_text()) if path.is_file() else {"models": {}}


@dataclass
class Cloud:
    mean: np.ndarray  # (L,)
    variance: np.ndarray  # (L,)
    z: np.ndarray  # (K, L) samples from N(mean, variance)
    samples: np.ndarray  # (K, 28, 28) their decodings
    reconstruction: np.ndarray  # (28, 28) decoding of the mean


class VAEEngine(Engine):
    """One embedded digit VAE (model_key = a registry key)."""

    family = FAMILY

    def _load(self) -> DigitVAE:
        model = registry.spec(self.model_key)
        if model.family != FAMILY or model.is_hub:
            raise UserInputError(f"{self.model_key!r} is not an embedded VAE.")
        net = DigitVAE.from_pretrained(str(registry.embedded_dir(model)), strict=True)
        return net.float().eval()  # weights are stored as float16

    @property
    def latent_dim(self) -> int:
        return self.model.latent_dim

    # -- the network, batch in and out ---------------------------------------------------------

    @torch.no_grad()
    def encode(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(N, 28, 28) -> mean (N, L), log-variance (N, L)."""
        mean, logvar = self.model.encode(torch.from_numpy(np.array(images, dtype=np.float32)))  # a copy: the data is read-only
        return mean.numpy(), logvar.numpy()

    @torch.no_grad()
    def decode(self, z: np.ndarray) -> np.ndarray:
        """(N, L) -> (N, 28, 28) in [0, 1]."""
        z = np.asarray(z, dtype=np.float32).reshape(-1, self.latent_dim)
        return self.model.decode(torch.from_numpy(z)).numpy()

    def reconstruct(self, images: np.ndarray) -> np.ndarray:
        """Decode each image's mean code: what the autoencoder keeps of it."""
        return self.decode(self.encode(images)[0])

    # -- what the tab shows ---------------------------------------------------------------------

    def cloud(self, image: np.ndarray, k: int = 8, seed: int = 0) -> Cloud:
        """Encode one digit, draw k codes from its cloud N(mean, variance) and decode them."""
        k = check.integer("Number of samples", k, 1, MAX_SAMPLES)
        mean, logvar = self.encode(np.asarray(image, dtype=np.float32)[None])
        noise = torch.randn((k, self.latent_dim), generator=torch.Generator().manual_seed(check.seed(seed)))
        z = DigitVAE.reparameterize(torch.from_numpy(mean), torch.from_numpy(logvar), noise).numpy()
        return Cloud(mean[0], np.exp(logvar[0]), z, self.decode(z), self.decode(mean)[0])

    def prior_samples(self, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """n new digits: codes drawn from the prior N(0, I), decoded. Returns images, codes."""
        n = check.integer("Number of digits", n, 1, MAX_SAMPLES)
        z = torch.randn((n, self.latent_dim), generator=torch.Generator().manual_seed(check.seed(seed))).numpy()
        return self.decode(z), z

    def decode_point(self, x: float, y: float) -> np.ndarray:
        """Decode one point of a 2-D latent space."""
        self._require_2d()
        x = check.number("Latent x", x, -LATENT_LIMIT, LATENT_LIMIT)
        y = check.number("Latent y", y, -LATENT_LIMIT, LATENT_LIMIT)
        return self.decode(np.array([[x, y]]))[0]

    def manifold(self, n: int = 15, extent: float = 3.0) -> np.ndarray:
        """Decodings of an n x n grid over [-extent, extent]^2, tiled into one (28n, 28n) image.

        Row 0 is the top of the map (largest y), as in the scatter plot beside it.
        """
        self._require_2d()
        n = check.integer("Grid size", n, 2, 30)
        extent = check.number("Grid extent", extent, 0.1, LATENT_LIMIT)
        axis = np.linspace(-extent, extent, n, dtype=np.float32)
        xx, yy = np.meshgrid(axis, axis[::-1])
        tiles = self.decode(np.stack([xx.ravel(), yy.ravel()], 1)).reshape(n, n, 28, 28)
        return tiles.transpose(0, 2, 1, 3).reshape(n * 28, n * 28)

    def latent_map(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The test split encoded: means (500, L), variances (500, L), labels (500,)."""
        return _latent_map(self.model_key)

    def interpolate(self, a: np.ndarray, b: np.ndarray, steps: int = 10) -> np.ndarray:
        """Decodings along the straight line between the mean codes of digits a and b: (steps, 28, 28)."""
        return np.stack([f.image for f in self.stream(a=a, b=b, steps=steps)])

    def stream(self, a: np.ndarray, b: np.ndarray, steps: int = 10) -> Iterator[Frame]:
        """Walk from digit a to digit b through latent space, one decoded frame per step."""
        steps = check.integer("Steps", steps, 2, MAX_STEPS)
        means, _ = self.encode(np.stack([a, b]).astype(np.float32))
        for i, t in enumerate(np.linspace(0.0, 1.0, steps, dtype=np.float32)):
            z = (1 - t) * means[0] + t * means[1]
            yield Frame(step=i, total=steps, image=self.decode(z[None])[0], data={"z": z, "t": float(t)})

    def _require_2d(self) -> None:
        if self.latent_dim != 2:
            raise UserInputError(f"{self.model_key} has a {self.latent_dim}-D latent space; pick a 2-D model to draw it.")


def get_vae(model_key: str = MAP_MODEL) -> VAEEngine:
    from engines.base import get_engine

    if model_key not in embedded_models():
        raise UserInputError(f"Unknown VAE {model_key!r}. Choose one of: {', '.join(embedded_models())}.")
    return get_engine(VAEEngine, model_key)


@functools.cache
def _latent_map(model_key: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    data = digits.split()
    mean, logvar = get_vae(model_key).encode(data.test_x)
    for array in (mean, logvar):
        array.setflags(write=False)
    return mean, np.exp(logvar), data.test_y


def nearest_training(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each image its nearest training digit by pixel distance: (images (N, 28, 28), indices (N,))."""
    from engines import metrics

    _, idx = metrics.nearest_train(images)
    return digits.split().train_x[idx], idx


CONFIDENT = 0.9  # a sample counts as recognizable when the classifier gives its top digit at least this


def sample_quality(images: np.ndarray) -> dict[str, float]:
    """The shared metrics of unconditional samples (no intended digit, so recognizable = confidently classified)."""
    from engines import classifier, metrics

    _, probs = classifier.classify(images)
    top = probs.max(1)
    mem = metrics.memorization(images)
    out = {
        "recognizable": float((top >= CONFIDENT).mean()),
        "confidence": float(top.mean()),
        "coverage": metrics.diversity(images)["coverage"],
        "sharpness": metrics.sharpness(images),
        "nearest_train": float(np.median(mem["nearest"])),
        "typical_nearest": mem["typical"],
        "memorized_share": mem["memorized_share"],
    }
    if len(images) >= 2:
        out["fid"] = metrics.frechet(images)
    if len(images) > metrics.PR_NEIGHBOURS:
        out.update(metrics.precision_recall(images))
    return out


# -- hub tier: Stable Diffusion's image autoencoders on a photo ---------------------------------

PHOTO_SIDE = 512  # longest side a photo is resized to before encoding
PHOTO_MIN_SIDE = 16


def photo_models() -> list[str]:
    return sorted(registry.hub_allowlist(FAMILY))


def _photo_class(repo_id: str):
    """taesd is a distilled tiny autoencoder (AutoencoderTiny); the others are full AutoencoderKL."""
    from diffusers import AutoencoderKL, AutoencoderTiny

    return AutoencoderTiny if "taesd" in repo_id.lower() else AutoencoderKL


@dataclass
class PhotoRoundTrip:
    image: np.ndarray  # (H, W, 3) uint8: the photo as encoded (resized to a multiple of 8)
    latents: np.ndarray  # (C, h, w) float32
    reconstruction: np.ndarray  # (H, W, 3) uint8
    ratio: float  # numbers in the photo / numbers in the latent
    psnr: float  # reconstruction quality, dB


class PhotoAutoencoderEngine(Engine):
    """A pretrained diffusers autoencoder from the allowlist (model_key = hub id)."""

    family = FAMILY

    def _load(self):
        from engines.device import pick_device
        from engines.hub import DIFFUSERS_PRETRAINED, load_from_hub

        cls = _photo_class(self.model_key)
        net = load_from_hub(lambda rid: cls.from_pretrained(rid, **DIFFUSERS_PRETRAINED), self.model_key, FAMILY)
        self.device = pick_device()
        return net.to(self.device).eval()

    @staticmethod
    def prepare(photo: np.ndarray) -> np.ndarray:
        """Any RGB(A)/grey array -> (H, W, 3) uint8, longest side <= PHOTO_SIDE, sides multiples of 8."""
        from PIL import Image

        photo = np.asarray(photo)
        if photo.ndim == 2:
            photo = np.repeat(photo[..., None], 3, axis=2)
        if photo.ndim != 3 or photo.shape[2] not in (3, 4):
            raise UserInputError("Please upload a colour or greyscale photo.")
        if photo.dtype != np.uint8:
            photo = np.clip(photo, 0, 255).astype(np.uint8)
        if photo.shape[2] == 4:  # transparent parts become white, as on a page
            alpha = photo[..., 3:].astype(np.float32) / 255.0
            photo = (photo[..., :3] * alpha + 255.0 * (1.0 - alpha)).astype(np.uint8)
        h, w = photo.shape[:2]
        if min(h, w) < PHOTO_MIN_SIDE:
            raise UserInputError(f"The photo is too small ({w}x{h} pixels); it needs at least {PHOTO_MIN_SIDE} pixels a side.")
        scale = min(1.0, PHOTO_SIDE / max(h, w))
        size = (max(8, round(w * scale / 8) * 8), max(8, round(h * scale / 8) * 8))
        return np.asarray(Image.fromarray(photo).resize(size, Image.LANCZOS))

    @torch.no_grad()
    def roundtrip(self, photo: np.ndarray) -> PhotoRoundTrip:
        return list(self.stream(photo=photo))[-1].data["result"]

    @torch.no_grad()
    def stream(self, photo: np.ndarray) -> Iterator[Frame]:
        """Two steps: encode (the latent grid), then decode (the reconstruction)."""
        from diffusers import AutoencoderTiny

        net = self.model
        image = self.prepare(photo)
        x = torch.from_numpy(image).permute(2, 0, 1)[None].float().div(127.5).sub(1.0)  # (1, 3, H, W) in [-1, 1]
        x = x.to(self.device, net.dtype)
        if isinstance(net, AutoencoderTiny):
            latents = net.encode(x).latents
        else:
            latents = net.encode(x).latent_dist.mean  # the cloud's centre; SD samples it with tiny variance
        lat = latents[0].float().cpu().numpy()
        yield Frame(step=0, total=2, image=image, data={"latents": lat})
        out = net.decode(latents).sample[0].float().clamp(-1, 1).add(1).mul(127.5).round().byte()
        recon = out.permute(1, 2, 0).cpu().numpy()
        mse = np.mean((recon.astype(np.float32) - image.astype(np.float32)) ** 2)
        psnr = float(10 * np.log10(255.0**2 / max(mse, 1e-10)))
        result = PhotoRoundTrip(image, lat, recon, image.size / lat.size, psnr)
        yield Frame(step=1, total=2, image=recon, metrics={"ratio": result.ratio, "psnr": psnr},
                    data={"latents": lat, "result": result})


def get_photo_autoencoder(repo_id: str) -> PhotoAutoencoderEngine:
    from engines.base import get_engine

    registry.check_hub_id(repo_id, FAMILY)
    return get_engine(PhotoAutoencoderEngine, repo_id)
