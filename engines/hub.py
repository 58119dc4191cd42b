"""Loading allowlisted models from the Hugging Face hub, safely and with a clear failure.

Every hub load in GenAI Lab goes through ``load_from_hub``: the id must be on the
registry's allowlist, weights must be safetensors, and remote code is never run.
When the hub cannot be reached (as on an offline laptop) the user is told what is
missing and which embedded model works instead.
"""

from __future__ import annotations

import functools
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from engines import registry
from engines.errors import ModelUnavailable

T = TypeVar("T")

# What a hub model is on this machine: in the local hub cache, downloadable now, or neither.
CACHED, DOWNLOADABLE, UNAVAILABLE = "cached", "downloadable", "unavailable"
REACH_TIMEOUT_S = 3.0

# Keyword arguments for transformers' and diffusers' ``from_pretrained``.
SAFE_PRETRAINED = {"use_safetensors": True}
# For diffusers also no ``low_cpu_mem_usage``: that path (accelerate's init_empty_weights) patches
# nn.Module for the whole process while it loads, so a model another thread builds at that moment
# gets meta (empty) weights. Seen in the server when warm-up threads load several tabs at once.
DIFFUSERS_PRETRAINED = {**SAFE_PRETRAINED, "low_cpu_mem_usage": False}


@functools.cache
def hub_reachable() -> bool:
    """Whether the Hugging Face hub answers, asked once per process (the app asks at start-up, in the background).

    False at once when HF_HUB_OFFLINE is set; otherwise one HEAD request with a short timeout.
    """
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        return False
    try:
        urllib.request.urlopen(urllib.request.Request(constants.ENDPOINT, method="HEAD"), timeout=REACH_TIMEOUT_S)
        return True
    except OSError:  # no network, no DNS, a proxy refusing: all mean "not reachable from here"
        return False


def is_cached(repo_id: str) -> bool:
    """A snapshot of ``repo_id`` with a config file in the local hub cache (HF_HUB_CACHE / HF_HOME): loadable offline."""
    from huggingface_hub import try_to_load_from_cache

    return any(isinstance(try_to_load_from_cache(repo_id, name), str)
               for name in ("config.json", "model_index.json"))


def availability(repo_id: str) -> str:
    """CACHED, DOWNLOADABLE (not cached, the hub answers) or UNAVAILABLE: known before a load is tried.

    The cache is looked at every time (a model copied in later counts); the network only once.
    """
    if is_cached(repo_id):
        return CACHED
    return DOWNLOADABLE if hub_reachable() else UNAVAILABLE


def check_hub_in_background() -> None:
    """Ask the hub once now, off the request path, so no user waits for the answer."""
    import threading

    threading.Thread(target=hub_reachable, name="hub-reachable", daemon=True).start()


def unavailable_message(repo_id: str, family: str) -> str:
    alternative = registry.embedded_alternative(family)
    instead = f" Use the embedded model {alternative.key!r} instead, which works offline." if alternative else ""
    return (f"{repo_id!r} is not on this machine and the Hugging Face hub cannot be reached from here. "
            f"To use it, download it once where there is internet (hf download {repo_id}) and copy the hub cache "
            f"folder (HF_HOME) to this machine.{instead}")


def load_from_hub(load: Callable[[str], T], repo_id: str, family: str) -> T:
    """Run ``load(repo_id)`` for an allowlisted id; any failure becomes ModelUnavailable.

    ``load`` wraps a library's ``from_pretrained`` with safetensors forced, e.g.
    ``lambda rid: AutoModelForCausalLM.from_pretrained(rid, **SAFE_PRETRAINED)``,
    or ``mixin_from_hub`` for our own ``PyTorchModelHubMixin`` modules.
    """
    registry.check_hub_id(repo_id, family)
    if availability(repo_id) == UNAVAILABLE:  # say so at once instead of after the download's retries
        raise ModelUnavailable(unavailable_message(repo_id, family))
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
