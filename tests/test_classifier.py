"""The embedded digit classifier: the shipped weights, the module API, and the training CLI's quick mode."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engines import classifier, digits, registry
from engines.classifier import DigitClassifier
from engines.errors import UserInputError
from scripts import train


def test_registered_as_embedded_with_weights_in_assets():
    spec = registry.spec(classifier.MODEL_KEY)
    assert spec.family == "classifier" and spec.source == "embedded"
    folder = registry.embedded_dir(spec)
    assert (folder / "model.safetensors").is_file()
    size_mb = (folder / "model.safetensors").stat().st_size / 1e6
    assert size_mb == pytest.approx(spec.size_mb, rel=0.1)


@pytest.mark.slow
def test_shipped_weights_reach_97_percent_on_the_held_out_digits():
    s = digits.split()
    labels, probs = classifier.classify(s.test_x)
    assert labels.dtype == np.int64 and labels.shape == (500,)
    assert probs.dtype == np.float32 and probs.shape == (500, 10)
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-5)
    assert (labels == s.test_y).mean() >= 0.97


def test_classify_and_features_accept_single_and_channel_images():
    s = digits.split()
    one_label, one_probs = classifier.classify(s.test_x[0])
    batch_labels, batch_probs = classifier.classify(s.test_x[:3, None])  # (N, 1, 28, 28)
    assert one_probs.shape == (1, 10) and batch_probs.shape == (3, 10)
    np.testing.assert_allclose(one_probs[0], batch_probs[0], atol=1e-6)
    feats = classifier.features(s.test_x[:3])
    assert feats.shape == (3, 64) and feats.dtype == np.float32


def test_classifier_refuses_wrong_shapes_and_nan():
    with pytest.raises(UserInputError, match="28x28"):
        classifier.classify(np.zeros((2, 32, 32)))
    with pytest.raises(UserInputError, match="NaN"):
        classifier.features(np.full((1, 28, 28), np.nan))
    with pytest.raises(UserInputError, match="No images"):
        classifier.classify(np.zeros((0, 28, 28)))


@pytest.mark.slow
def test_quick_training_saves_a_model_that_loads_strictly(tmp_path, capsys):
    train.main(["classifier", "--quick", "--out", str(tmp_path), "--seed", "1"])
    out = capsys.readouterr().out
    assert "loss" in out and "held-out accuracy" in out
    log = json.loads((tmp_path / "train_log.json").read_text())
    assert log["quick"] and len(log["losses"]) == log["epochs"] and 0.0 <= log["test_accuracy"] <= 1.0
    assert json.loads((tmp_path / "config.json").read_text())["hidden"] == 64
    model = DigitClassifier.from_pretrained(tmp_path, strict=True).eval()
    s = digits.split()
    import torch

    with torch.inference_mode():
        logits = model(torch.tensor(s.test_x[:8]).unsqueeze(1))
    assert logits.shape == (8, 10) and torch.isfinite(logits).all()
