"""The 2D toy diffusion through gradio_client: it streams noising, training and denoising figures."""

from __future__ import annotations

import json
import re

import pytest
from gradio_client.exceptions import AppError

pytestmark = pytest.mark.slow  # starts the live app


def _title(plot) -> str:
    figure = json.loads(plot["plot"]) if isinstance(plot, dict) else json.loads(plot)
    return figure["layout"]["title"]["text"]


def test_toy_streams_every_phase_then_the_result(client):
    job = client.submit("Two moons", "", 300, 0, api_name="/diffusion_toy")
    job.result(timeout=120)
    updates = job.outputs()
    titles = [_title(plot) for plot, *_ in updates]
    assert len(updates) >= 20
    assert titles[0].startswith("Forward process") and any(t.startswith("Training") for t in titles)
    assert re.fullmatch(r"Sampling done: \d+% of the particles are on the shape", titles[-1])  # how many, measured
    assert updates[-1][2].startswith("**Done in") and "pure noise" in updates[-1][2]
    assert re.search(r"\*\*\d+% of the particles are on the shape\*\*", updates[-1][2])


def test_bad_points_get_a_clear_message_and_the_server_stays_up(client):
    with pytest.raises(AppError, match="Line 2 of your points is not finite"):
        client.predict("My points (CSV)", "1,2\nnan,3\n4,5", 100, 0, api_name="/diffusion_toy")
    with pytest.raises(AppError, match="at least 3 different points"):
        client.predict("My points (CSV)", "1,2\n3,4", 100, 0, api_name="/diffusion_toy")
    assert client.predict("Swiss roll", "", 100, 1, api_name="/diffusion_toy")[2].startswith("**Done in")
