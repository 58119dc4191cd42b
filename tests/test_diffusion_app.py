"""The Diffusion tab through gradio_client, as an API user drives it: streaming, forward view, bad input."""

from __future__ import annotations

import pytest
from gradio_client.exceptions import AppError
from PIL import Image

pytestmark = pytest.mark.slow  # the live app loads the embedded UNet


def test_generate_streams_every_step_then_the_gallery(client):
    job = client.submit(7, 4, 6, 3.0, "DDIM", 1, api_name="/diffusion_generate")
    job.result(timeout=120)
    updates = job.outputs()
    assert len(updates) == 6  # one composed image per step; the last one also fills the rest
    for live, *_ in updates:
        picture = Image.open(live)
        assert picture.width > picture.height  # x_t beside x̂0
    live, gallery, strip, gif, timing = updates[-1]
    assert len(gallery) == 4 and all(item["image"] for item in gallery)
    assert Image.open(strip).width > 0
    assert Image.open(gif).n_frames == 6
    assert "4 samples × 6 steps" in timing


def test_forward_view(client):
    picture, chart, caption = client.predict(5, 400, api_name="/diffusion_forward")
    assert Image.open(picture).width > 0 and "t = 400" in caption and chart


@pytest.mark.parametrize(
    "args, message",
    [
        ((12, 4, 5, 3.0, "DDIM", 0), "Digit"),
        ((3, 0, 5, 3.0, "DDIM", 0), "Number of samples"),
        ((3, 500, 5, 3.0, "DDIM", 0), "Number of samples"),
        ((3, 4, 0, 3.0, "DDIM", 0), "Steps"),
        ((3, 4, 5000, 3.0, "DDIM", 0), "Steps"),
        ((3, 4, 5, -2.0, "DDIM", 0), "Guidance"),
        ((3, 4, 5, 3.0, "PNDM", 0), "Scheduler"),
    ],
)
def test_bad_input_gets_a_clear_message_and_the_server_stays_up(client, args, message):
    with pytest.raises(AppError, match=message):
        client.predict(*args, api_name="/diffusion_generate")
    with pytest.raises(AppError, match="t must be between"):
        client.predict(5, 1000, api_name="/diffusion_forward")
    assert client.predict(5, 10, api_name="/diffusion_forward")[2].startswith("Test digit #5")
