"""Lesson presets: every preset runs through its tab's handler and shows the point its name makes."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import app  # builds the layout, which registers every tab's presets
from engines import metrics
from ui.common import PRESETS


def presets(tab: str) -> dict[str, tuple[list, object]]:
    return {name: (row, fn) for t, names, _, rows, fn in PRESETS if t == tab for name, row in zip(names, rows)}


def test_every_tab_has_two_or_three_named_presets_with_fixed_seeds():
    tabs = {t for t, *_ in PRESETS}
    assert {"overview", "llm", "diffusion", "gan", "vae", "nerf"} <= tabs
    for tab, names, inputs, rows, fn in PRESETS:
        assert 2 <= len(rows) <= 3 and len(set(names)) == len(names) and callable(fn)
        assert all(len(row) == len(inputs) for row in rows)
        assert all(" · " in name for name in names), "each name in English · German"
    for example in (e for e in app.demo.blocks.values() if type(e).__name__ == "Dataset"):
        pass  # gr.Examples renders as a Dataset; caching is off (cache_examples=False) so nothing runs at start-up


def test_overview_presets_rank_the_expected_family_first():
    firsts = {}
    for name, (row, fn) in presets("overview").items():
        text, _ = fn(*row)
        firsts[name.split(" · ")[0]] = text.splitlines()[1]
    assert "NeRF" in firsts["3D from a few photos"]
    assert "GAN" in firsts["Sharp images in real time, little compute"]
    assert "Transformer" in firsts["A chat assistant"]


def _lab_coverage(row, fn) -> float:
    *_, (figure, status, *_) = list(fn(*row))
    return float(status.split("coverage **")[1].split("%")[0])


@pytest.mark.slow
def test_gan_mode_collapse_covers_less_than_balanced():
    lab = {name.split(" · ")[0]: v for name, v in presets("gan").items()}
    collapse = _lab_coverage(*lab["Mode collapse (G 100× faster than D)"])
    balanced = _lab_coverage(*lab["Balanced: the ring gets covered"])
    moons = _lab_coverage(*lab["Two moons, least squares"])
    assert collapse < balanced and balanced >= 80 and moons > 0


@pytest.mark.slow
def test_diffusion_guidance_presets_show_too_little_and_just_right():
    """Measured on the shipped UNet (16 threes, seed 0): w = 0 draws any digit; w = 1 and w = 3 all threes,
    w = 3 less varied than w = 1 (within-class diversity, 1 = as varied as real threes)."""
    share, variety = {}, {}
    for name, (row, fn) in presets("diffusion").items():
        *_, (live, gallery, strip, gif, timing) = list(fn(*row))
        images = np.stack([np.asarray(Image.open(path), np.float32) / 255 for path, _ in gallery])  # (16, 28, 28) in [0, 1]
        key = name.split(" (")[0]
        share[key] = metrics.recognizability(images, np.full(len(images), row[0]))["share"]
        variety[key] = metrics.class_diversity(images, row[0])["relative"]
    assert share["No guidance"] < 0.3 and share["Weak guidance"] >= 0.9 and share["Guidance just right"] >= 0.9
    assert variety["Guidance just right"] < variety["Weak guidance"]


def test_vae_presets_run():
    for name, (row, fn) in presets("vae").items():
        path_strip, gif, figure, ends = fn(*row)
        assert gif.endswith(".gif") and path_strip.width > ends.width / 2


@pytest.mark.slow
def test_nerf_presets_render():
    for name, (row, fn) in presets("nerf").items():
        rgb, depth, text = fn(*row)
        pixels = np.asarray(rgb, np.float32)
        assert pixels.std() > 5, name  # the duck, not a blank frame


@pytest.mark.slow
def test_llm_presets_run():
    for name, (row, fn) in presets("llm").items():
        result = fn(*row)
        assert result, name
