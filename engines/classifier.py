"""The embedded digit classifier: a small CNN trained on the shared MNIST split.

It is the yardstick of every image family: it labels generated digits, and its
penultimate-layer features are the space in which ``engines.metrics`` measures
diversity and the Fréchet distance ("FID on MNIST").

Train it with ``python -m scripts.train classifier``; the shipped weights live in
``assets/classifier/`` (model.safetensors + config.json).
"""

from __future__ import annotations

import threading

import numpy as np
import torch
import torch.nn.functional as F
from huggingface_hub import PyTorchModelHubMixin
from torch import nn

from engines import registry
from engines.errors import UserInputError

MODEL_KEY = "Digit classifier (embedded)"
BATCH = 500  # images per forward pass: bounds memory for large sample sets


class DigitClassifier(nn.Module, PyTorchModelHubMixin):
    """Two conv blocks and two linear layers; the hidden linear layer gives the features."""

    def __init__(self, channels: int = 16, hidden: int = 64, dropout: float = 0.3, num_classes: int = 10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, channels, 3, padding=1)  # 28x28
        self.conv2 = nn.Conv2d(channels, 2 * channels, 3, padding=1)  # 14x14
        self.fc = nn.Linear(2 * channels * 7 * 7, hidden)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, num_classes)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """(B, 1, 28, 28) in [0, 1] -> (B, hidden) penultimate activations."""
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)  # (B, C, 14, 14)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # (B, 2C, 7, 7)
        return F.relu(self.fc(x.flatten(1)))  # (B, hidden)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, 1, 28, 28) -> (B, 10) logits."""
        return self.head(self.dropout(self.features(x)))


_model: DigitClassifier | None = None
_lock = threading.Lock()


def load() -> DigitClassifier:
    """The shared classifier, loaded once per process (thread-safe), in eval mode on the CPU."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                folder = registry.embedded_dir(registry.spec(MODEL_KEY))
                model = DigitClassifier.from_pretrained(folder, strict=True)
                _model = model.eval().requires_grad_(False)
    return _model


def as_batch(images) -> np.ndarray:
    """Accept (28, 28), (N, 28, 28) or (N, 1, 28, 28) float images in [0, 1]; return (N, 28, 28) float32."""
    x = np.asarray(images, dtype=np.float32)
    if x.ndim == 2:
        x = x[None]
    if x.ndim == 4 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 3 or x.shape[1:] != (28, 28):
        raise UserInputError(f"Digit images must be 28x28 (N, 28, 28); got shape {np.shape(images)}.")
    if len(x) == 0:
        raise UserInputError("No images to classify.")
    if not np.isfinite(x).all():
        raise UserInputError("Digit images contain NaN or infinite values.")
    return np.clip(x, 0.0, 1.0)


def _run(images, head: bool) -> np.ndarray:
    model = load()
    x = as_batch(images)
    out = []
    with torch.inference_mode():
        for start in range(0, len(x), BATCH):
            batch = torch.from_numpy(x[start : start + BATCH]).unsqueeze(1)  # (B, 1, 28, 28)
            out.append((model(batch).softmax(-1) if head else model.features(batch)).numpy())
    return np.concatenate(out).astype(np.float32)


def classify(images) -> tuple[np.ndarray, np.ndarray]:
    """(N, 28, 28) float [0, 1], white digit on black -> (labels int64 (N,), probs float32 (N, 10))."""
    probs = _run(images, head=True)
    return probs.argmax(1).astype(np.int64), probs


def features(images) -> np.ndarray:
    """(N, 28, 28) -> (N, hidden) penultimate-layer features, the space of the metrics."""
    return _run(images, head=False)
