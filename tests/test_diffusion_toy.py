"""2D toy diffusion engine: the tiny denoiser learns the shape, runs are seeded, bad points get clear messages."""

from __future__ import annotations

import numpy as np
import pytest

from engines import diffusion_toy as toy
from engines.errors import UserInputError


def _final(frames):
    frames = list(frames)
    assert frames[-1].done and frames[-1].data["phase"] == "reverse"
    return frames


@pytest.mark.parametrize("shape", ["Swiss roll", "Two moons"])
def test_trained_denoiser_brings_noise_back_to_the_shape(shape):
    frames = _final(toy.stream(shape=shape, train_steps=1500, seed=0))
    target, samples = frames[-1].data["target"], frames[-1].image
    start = frames[-1].data["trajectories"][:, 0]  # where the drawn particles started: pure noise
    noise = np.random.default_rng(1).standard_normal(samples.shape)
    assert np.abs(samples.mean(0) - target.mean(0)).max() < 0.25
    assert np.abs(samples.std(0) - target.std(0)).max() < 0.25
    # the samples lie on the shape: much nearer to it than pure noise is
    assert toy.nearest_distance(samples, target) < 0.5 * toy.nearest_distance(noise, target)
    assert not np.allclose(start, frames[-1].data["trajectories"][:, -1])
    # measured (Swiss roll 68 %, two moons 80 %), not all: the text says how many, against the noise they began as
    m = frames[-1].metrics
    assert 0.5 < m["on_shape"] < 0.95 and m["on_shape"] > 2.5 * m["on_shape_at_start"]
    assert m["distance"] == pytest.approx(toy.nearest_distance(samples, target)) and m["train_seconds"] > 0
    assert "on_shape" not in frames[-2].metrics  # measured once, on the result


def test_on_shape_counts_points_as_near_as_fresh_points_of_the_shape():
    rng = np.random.default_rng(0)
    shape, fresh, more = (toy.target_points("Two moons", n, rng) for n in (600, 2000, 2000))
    assert toy.on_shape(more, shape, fresh) == pytest.approx(toy.ON_SHAPE_QUANTILE, abs=0.03)  # a perfect sampler
    assert toy.on_shape(rng.standard_normal((2000, 2)), shape, fresh) < 0.35  # pure noise: only by chance
    assert toy.on_shape(shape + [0.0, 2.0], shape, fresh) < 0.05  # the shape moved off itself


def test_untrained_denoiser_does_not_find_the_shape():
    frames = _final(toy.stream(shape="Two moons", train_steps=1, seed=0))
    target, samples = frames[-1].data["target"], frames[-1].image
    noise = np.random.default_rng(1).standard_normal(samples.shape)
    assert toy.nearest_distance(samples, target) > 0.6 * toy.nearest_distance(noise, target)
    assert frames[-1].metrics["on_shape"] < 0.1


def test_the_story_has_three_phases_and_particle_paths():
    frames = _final(toy.stream(shape="Two moons", train_steps=60, seed=3))
    phases = [f.data["phase"] for f in frames]
    assert phases == ["forward"] * toy.FORWARD_FRAMES + ["train"] * toy.TRAIN_FRAMES + ["reverse"] * toy.REVERSE_FRAMES
    assert [f.step for f in frames] == list(range(len(frames))) and frames[-1].total == len(frames)
    forward = [f for f in frames if f.data["phase"] == "forward"]
    assert forward[0].metrics["alpha_bar"] > 0.99 and forward[-1].metrics["alpha_bar"] < 0.01
    assert np.allclose(forward[0].image, forward[0].data["target"], atol=0.1)  # t = 0: the shape itself
    assert frames[-1].data["trajectories"].shape == (toy.TRAJECTORIES, toy.TIMESTEPS + 1, 2)
    assert len(frames[-1].data["losses"]) == 60


def test_same_seed_same_run_other_seed_other_run():
    a = _final(toy.stream(shape="Swiss roll", train_steps=40, seed=7))[-1].image
    b = _final(toy.stream(shape="Swiss roll", train_steps=40, seed=7))[-1].image
    c = _final(toy.stream(shape="Swiss roll", train_steps=40, seed=8))[-1].image
    assert np.array_equal(a, b) and not np.allclose(a, c)


def test_user_points_with_a_header_are_learned_around_them():
    text = "x,y\n" + "\n".join(f"{x},{y}" for x, y in [(0, 0), (10, 0), (0, 10), (10, 10)])
    frames = _final(toy.stream(shape="My points (CSV)", csv_text=text, train_steps=1500, seed=0))
    target, samples = frames[-1].data["target"], frames[-1].image
    corners = np.array([[-1, -1], [1, -1], [-1, 1], [1, 1]], dtype=np.float32)
    assert toy.nearest_distance(target, corners) < 0.1  # four corners, unit spread
    assert toy.nearest_distance(samples, corners) < 0.35


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("1,2\n3,4", "at least 3 different points"),
        ("1,2\n1,2\n1,2\n3,4", "at least 3 different points"),
        ("1,2\n3,four\n5,6", "Line 2 of your points is not two numbers"),
        ("1,2\n3,4,5\n5,6", "Line 2 of your points needs exactly two numbers"),
        ("1,2\nnan,4\n5,6", "Line 2 of your points is not finite"),
        ("1,2\n3,inf\n5,6", "not finite"),
    ],
)
def test_bad_points_get_a_clear_message(text, message):
    with pytest.raises(UserInputError, match=message):
        toy.stream(shape="My points (CSV)", csv_text=text)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"shape": "Spiral"}, "Shape"), ({"train_steps": 0}, "Training steps"),
     ({"train_steps": 10**6}, "Training steps"), ({"seed": -1}, "Seed"), ({"train_steps": float("nan")}, "Training steps")],
)
def test_bad_settings_get_a_clear_message(kwargs, message):
    with pytest.raises(UserInputError, match=message):
        toy.stream(**kwargs)
