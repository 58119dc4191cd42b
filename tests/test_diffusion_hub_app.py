"""Text → image (hub) through gradio_client: streamed previews from a tiny local pipeline, clear offline messages."""

from __future__ import annotations

import pytest
import numpy as np
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from tests.test_diffusion_hub import REPO, tiny_pipeline

pytestmark = pytest.mark.slow  # starts the live app


def test_text_to_image_streams_previews_then_the_picture(client, fake_hub, tmp_path):
    pipe = tiny_pipeline(tmp_path)
    fake_hub(REPO, lambda folder: pipe.save_pretrained(folder, safe_serialization=True))
    job = client.submit(REPO, "a red fox", 3, 2.0, 64, 0, api_name="/diffusion_text_to_image")
    job.result(timeout=120)
    updates = job.outputs()
    assert len(updates) == 3
    live, final, status = updates[-1]
    assert Image.open(live).size == (64, 64) and Image.open(final).size == (64, 64)
    assert status.startswith(f"**{REPO}**: 3 steps")


def test_image_to_image_from_an_upload(client, fake_hub, tmp_path):
    pipe = tiny_pipeline(tmp_path)
    fake_hub(REPO, lambda folder: pipe.save_pretrained(folder, safe_serialization=True))
    upload = tmp_path / "photo.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (80, 100, 3), dtype=np.uint8)).save(upload)
    job = client.submit(REPO, handle_file(str(upload)), "a red fox", 0.5, 4, 0.0, 256, 0, api_name="/diffusion_image_to_image")
    job.result(timeout=120)
    live, final, status = job.outputs()[-1]
    assert Image.open(final).size == (256, 256) and "then 2 of 4 steps" in status
    with pytest.raises(AppError, match="Upload a picture"):
        client.predict(REPO, None, "a fox", 0.5, 4, 0.0, 256, 0, api_name="/diffusion_image_to_image")


def test_offline_and_unlisted_models_get_clear_messages(client):
    with pytest.raises(AppError, match="stabilityai/sd-turbo.*Use the embedded model 'Digit diffusion \\(embedded\\)'"):
        client.predict("stabilityai/sd-turbo", "a fox", 2, 0.0, 512, 0, api_name="/diffusion_text_to_image")
    with pytest.raises(AppError, match="not on the diffusion allowlist"):
        client.predict("someone/pickled-sd", "a fox", 2, 0.0, 512, 0, api_name="/diffusion_text_to_image")
    with pytest.raises(AppError, match="Prompt is empty"):
        client.predict(REPO, " ", 2, 0.0, 512, 0, api_name="/diffusion_text_to_image")
