"""The GAN engine: tiny random models for shapes and the hub round trip; the shipped weights
against the quality bar; the 2D lab learns, collapses on cue, and refuses bad input."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engines import gan, gan_lab, registry
from engines.errors import ModelUnavailable, UserInputError
from engines.gan_model import DigitGAN

HUB_ID = "genai-lab/digit-gan"


def tiny() -> DigitGAN:
    torch.manual_seed(0)
    return DigitGAN(z_dim=8, ngf=4, ndf=4).eval()


def engine_with(model: DigitGAN) -> gan.GanEngine:
    engine = gan.GanEngine(gan.EMBEDDED)
    engine._model, engine.device = model, torch.device("cpu")
    return engine


def test_tiny_generator_and_discriminator_shapes():
    model = tiny()
    z, y = torch.randn(5, 8), torch.arange(5)
    images = model.generator(z, y)
    assert images.shape == (5, 1, 28, 28) and images.abs().max() <= 1
    assert model.discriminator(images, y).shape == (5,)


def test_engine_generates_scores_and_walks_with_a_tiny_model():
    engine = engine_with(tiny())
    s = engine.generate(-1, 6, seed=3)
    assert s.images.shape == (6, 28, 28) and s.images.dtype == np.float32
    assert 0 <= s.images.min() and s.images.max() <= 1 and ((0 <= s.scores) & (s.scores <= 1)).all()
    assert np.array_equal(engine.generate(-1, 6, seed=3).images, s.images), "same seed, same digits"
    assert (engine.generate(4, 3, 0).labels == 4).all()
    real = engine.score_real(7, 5, 0)
    assert (real.labels == 7).all() and real.scores.shape == (5,)
    w = engine.walk(1, 2, 3, 8, 5)
    assert w.images.shape == (5, 28, 28) and list(w.labels) == [3, 3, 8, 8, 8]
    frame = engine.result(digit=2, n=4, seed=1)
    assert frame.image.shape == (4, 28, 28) and frame.done


def test_slerp_ends_and_stays_on_the_sphere():
    a, b = torch.randn(64), torch.randn(64)
    path = gan.slerp(a, b, torch.linspace(0, 1, 9))
    assert torch.allclose(path[0], a, atol=1e-5) and torch.allclose(path[-1], b, atol=1e-5)
    straight = 0.5 * (a + b)
    assert path[4].norm() > straight.norm()  # the arc does not cut through the low-norm middle


@pytest.mark.parametrize("kwargs", [dict(digit=10, n=4, seed=0), dict(digit=-2, n=4, seed=0), dict(digit=1, n=0, seed=0),
                                    dict(digit=1, n=65, seed=0), dict(digit=1, n=4, seed=-1), dict(digit=1.5, n=4, seed=0),
                                    dict(digit=float("nan"), n=4, seed=0)])
def test_generate_refuses_out_of_range_input(kwargs):
    with pytest.raises(UserInputError):
        engine_with(tiny()).generate(**kwargs)


def test_mixin_round_trip_through_the_fake_hub(fake_hub):
    model = tiny()
    fake_hub(HUB_ID, model.save_pretrained)
    engine = gan.GanEngine(HUB_ID)
    loaded = engine.load()
    for key, value in model.state_dict().items():
        assert torch.equal(loaded.state_dict()[key].cpu(), value), key
    assert np.array_equal(engine.generate(3, 4, 0).images, engine_with(model).generate(3, 4, 0).images)


def test_hub_ids_off_the_allowlist_are_refused_and_a_missing_one_names_the_embedded_model():
    with pytest.raises(UserInputError):
        registry.check_hub_id("someone/else-gan", "gan")
    from engines.hub import load_from_hub, mixin_from_hub

    with pytest.raises(ModelUnavailable, match="Digit GAN"):
        load_from_hub(lambda rid: mixin_from_hub(DigitGAN, "genai-lab/not-there"), HUB_ID, "gan")


def test_quick_training_saves_weights_timeline_and_loads_strictly(tmp_path):
    from scripts.train import main

    main(["gan", "--quick", "--out", str(tmp_path), "--threads", "1"])
    DigitGAN.from_pretrained(tmp_path, strict=True)
    with np.load(tmp_path / "timeline.npz") as t:
        assert t["samples"].shape == (2, 20, 28, 28) and t["samples"].dtype == np.uint8
        assert len(t["history_d_loss"]) >= 1 and np.isfinite(t["history_g_loss"]).all()


@pytest.mark.slow
def test_embedded_weights_pass_the_quality_bar():
    from engines import metrics

    engine = gan.GanEngine(gan.EMBEDDED)
    images, asked = [], []
    for seed in range(4):  # 200 samples here; bench/gan.py reports the 500-sample figure
        s = engine.generate(-1, 50, 100 + seed)
        images.append(s.images)
        asked.append(s.labels)
    images, asked = np.concatenate(images), np.concatenate(asked)
    assert metrics.recognizability(images, asked)["share"] >= 0.85
    assert metrics.memorization(images)["memorized_share"] <= 0.05
    assert metrics.sharpness(images) >= 0.5 * metrics.sharpness_real()
    t = gan.timeline()
    assert t["samples"].shape[1:] == (20, 28, 28) and len(t["epochs"]) == len(t["samples"]) >= 5


# --- the 2D lab ---------------------------------------------------------------------------------------


def test_lab_learns_a_line_within_bounded_steps():
    lab = gan_lab.Lab(gan_lab.LabConfig(target="A line"))
    frames = list(lab.stream(600, 200))
    assert len(frames) == 3 and frames[-1].step == 600
    real, fake = lab.real.numpy(), frames[-1].data["fake"]
    assert np.abs(fake.mean(0) - real.mean(0)).max() < 0.25
    assert np.abs(fake.std(0) - real.std(0)).max() < 0.3
    f = frames[-1]
    assert f.image.shape == (gan_lab.GRID, gan_lab.GRID) and 0 <= f.image.min() and f.image.max() <= 1
    assert f.data["mapping"].shape == (2 * gan_lab.MAPPING_LINES, gan_lab.MAPPING_POINTS, 2)
    assert len(f.data["history"]["d_loss"]) == 600


def test_mode_collapse_preset_collapses_and_the_balanced_one_covers_the_ring():
    collapsed = gan_lab.Lab(gan_lab.MODE_COLLAPSE)
    collapsed.train(1000)
    balanced = gan_lab.Lab(gan_lab.LabConfig())
    balanced.train(1000)
    c, b = collapsed.snapshot().metrics, balanced.snapshot().metrics
    assert c["coverage"] < 0.4 and c["modes_covered"] <= 3
    assert b["coverage"] > 0.8 and b["modes_covered"] >= 6


@pytest.mark.parametrize("loss", gan_lab.LOSSES)
def test_every_loss_trains_without_nans(loss):
    lab = gan_lab.Lab(gan_lab.LabConfig(target="Two moons", loss=loss))
    lab.train(30)
    assert np.isfinite(lab.history["d_loss"]).all() and np.isfinite(lab.snapshot().data["fake"]).all()


def test_user_points_are_parsed_and_scaled():
    pts = gan_lab.parse_points("x,y\n0,0\n10,10\n20,0\n")
    assert pts.shape == (3, 2) and np.abs(pts).max() == pytest.approx(0.8 * gan_lab.VIEW)
    lab = gan_lab.Lab(gan_lab.LabConfig(target="My points (CSV)", csv_text="0,0\n1,1\n2,0"))
    lab.train(5)


@pytest.mark.parametrize("text, match", [("", "empty"), ("1,2", "at least 3"), ("1,2\n1,2\n1,2", "at least 3"),
                                         ("0,0\n1,a\n2,2", "Line 2"), ("0,0\n1\n2,2", "Line 2"), ("0,0\nnan,1\n2,2", "finite")])
def test_bad_user_points_get_a_clear_message(text, match):
    with pytest.raises(UserInputError, match=match):
        gan_lab.parse_points(text)


@pytest.mark.parametrize("change", [dict(lr_g=float("nan")), dict(lr_d=-1), dict(d_steps=0), dict(loss="wasserstein"), dict(target="spiral")])
def test_lab_refuses_bad_settings(change):
    with pytest.raises(UserInputError):
        gan_lab.Lab(gan_lab.LabConfig(**change))
