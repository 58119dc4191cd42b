"""Loading allowlisted models from the Hugging Face hub, safely and with a clear failure.

Every hub load in GenAI Lab goes through ``load_from_hub``: the id must be on the
registry's allowlist, weights must be safetensors, and remote code is never run.
When the hub cannot be reached (as on an offline laptop) the user is told what is
missing and which embedded model works instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from engines import registry
from engines.errors import ModelUnavailable

T = TypeVar("T")

# Keyword arguments for transformers' and diffusers' ``from_pretrained``.
SAFE_PRETRAINED = {"use_safetensors": True}
# For diffusers also no ``low_cpu_mem_usage``: that path (accelerate's init_empty_weights) patches
# nn.Module for the whole process while it loads, so a model another thread builds at that moment
# gets meta (empty) weights. Seen in the server when warm-up threads load several tabs at once.
DIFFUSERS_PRETRAINED = {**SAFE_PRETRAINED, "low_cpu_mem_usage": False}


def load_from_hub(load: Callable[[str], T], repo_id: str, family: str) -> T:
    """Run ``load(repo_id)`` for an allowlisted id; any failure becomes ModelUnavailable.

    ``load`` wraps a library's ``from_pretrained`` with safetensors forced, e.g.
    ``lambda rid: AutoModelForCausalLM.from_pretrained(rid, **SAFE_PRETRAINED)``,
    or ``mixin_from_hub`` for our own ``PyTorchModelHubMixin`` modules.
    """
    registry.check_hub_id(repo_id, family)
    try:
        return load(repo_id)
    except Exception as exc:  # network errors, missing files, pickle-only repos...
        alternative = registry.embedded_alternative(family)
        instead = f" Use the embedded model {alternative.key!r} instead, which works offline." if alternative else ""
        raise ModelUnavailable(
            f"Could not load {repo_id!r} from the Hugging Face hub ({type(exc).__name__}). "
            f"It needs an internet connection or a copy in the local hub cache "
            f"(HF_HOME), with safetensors weights.{instead}"
        ) from exc


def mixin_from_hub(cls, repo_id: str):
    """Load a ``PyTorchModelHubMixin`` class from the hub with safetensors only.

    The mixin's own ``from_pretrained`` falls back to a pickled ``pytorch_model.bin``;
    fetching ``model.safetensors`` first and loading from that folder rules the pickle out.
    """
    from huggingface_hub import hf_hub_download

    weights = hf_hub_download(repo_id, "model.safetensors")
    hf_hub_download(repo_id, "config.json")
    return cls.from_pretrained(str(Path(weights).parent), strict=True)
