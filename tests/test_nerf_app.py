"""The NeRF tab through its API, as gradio_client users call it."""

from __future__ import annotations

import pytest
from PIL import Image

pytestmark = pytest.mark.slow


def test_render_returns_rgb_and_depth(client):
    rgb, depth, text = client.predict(35, 25, 1.0, api_name="/nerf_render")
    for path in (rgb, depth):
        image = Image.open(path).convert("RGB")
        assert image.size == (300, 300)
        colours = image.getcolors(300 * 300)
        assert colours is not None and len(colours) > 20  # a picture, not a flat fill
    assert "Rendered 100×100" in text


def test_ray_explains_one_pixel(client):
    ray_plot, scene, swatches, photo, text = client.predict(84, 50, 45, api_name="/nerf_ray")
    assert "Σw" in text and "photo" in text
    assert Image.open(swatches).size == (320, 150)


@pytest.mark.parametrize("args,api", [((0, 0, 0), "/nerf_render"), ((0, 0, 0.2), "/nerf_render"), ((0, 120, 1), "/nerf_render"),
                                      ((92, 0, 0), "/nerf_ray"), ((0, 100, 0), "/nerf_ray"), ((0, 10, -3), "/nerf_ray")])
def test_bad_input_gets_a_clear_message(client, args, api):
    with pytest.raises(Exception, match="must be between|less than minimum|greater than maximum"):
        client.predict(*args, api_name=api)
    rgb, _, _ = client.predict(0, 10, 1.0, api_name="/nerf_render")  # the server is still up
    assert rgb


def test_live_training_streams_frames_and_says_why_it_stopped(client):
    job = client.submit(5, 0, api_name="/nerf_train")
    outputs = list(job)
    assert len(outputs) >= 2  # a first frame, then at least the final one
    image, curve, status = outputs[-1]
    assert Image.open(image).size == (610, 328)
    assert status.startswith(("**Stopped after", "**Time limit reached**")) and "dB" in status
    assert all(update[2].startswith("Training: step") for update in outputs[:-1])


def test_turntable_gif(client):
    path, text = client.predict(20, 1.0, 6, api_name="/nerf_turntable")
    gif = Image.open(path)
    assert gif.format == "GIF" and gif.n_frames == 6 and "6 views rendered" in text
