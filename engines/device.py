"""Where models run: decided in one place for every engine.

``GENAI_LAB_DEVICE`` (cpu, cuda, cuda:1, mps) overrides the automatic choice:
cuda when available, else Apple's mps, else cpu.
"""

from __future__ import annotations

import os

import torch

DEVICE_ENV = "GENAI_LAB_DEVICE"


def pick_device() -> torch.device:
    wanted = os.environ.get(DEVICE_ENV, "").strip().lower()
    if wanted:
        device = torch.device(wanted)  # raises on nonsense such as "gpu"
        if device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(f"{DEVICE_ENV}={wanted} but CUDA is not available on this machine")
        return device
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def pick_dtype(device: torch.device, half_ok: bool = True) -> torch.dtype:
    """Half precision on cuda where the engine allows it; fp32 elsewhere (CPU fp16 is slow)."""
    return torch.float16 if half_ok and device.type == "cuda" else torch.float32
