"""The VAE tab through its API, as gradio_client users (and the browser) call it: results and bad input."""

from __future__ import annotations

import re

import numpy as np
import pytest
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from engines import digits

pytestmark = pytest.mark.slow  # the embedded weights and a live server


def paper_digit(index: int = 0, size: int = 200) -> Image.Image:
    """A test digit as a user would photograph it: dark ink on light paper, larger, off-centre."""
    ink = (255 - digits.split().test_x[index] * 255).astype(np.uint8)
    page = Image.new("L", (size, size), 235)
    page.paste(Image.fromarray(ink).resize((size // 2, size // 2), Image.BILINEAR), (size // 3, size // 5))
    return page


def test_generate_returns_n_new_digits(client):
    gallery, pairs, summary = client.predict(6, 3, api_name="/vae_generate")
    assert len(gallery) == 6 and Image.open(pairs).size[1] == 34 * 3  # one row of 6 pairs
    assert "nearest training digit" in summary and "Sharpness" in summary
    vae_sharp, real_sharp, gan_sharp = map(float, re.search(
        r"Sharpness\*\* ([\d.]+) vs ([\d.]+) for real digits and ([\d.]+) for as many GAN samples", summary).groups())
    assert vae_sharp < gan_sharp  # the VAE's blur, against the GAN's detail, measured live
    again, _, _ = client.predict(6, 3, api_name="/vae_generate")
    assert open(gallery[0]["image"], "rb").read() == open(again[0]["image"], "rb").read()  # same seed, same digits


def code_values(table: str) -> dict[str, list[float]]:
    """The μ and σ² rows of the encoder's code table, as numbers."""
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] in ("μ", "σ²"):
            rows.setdefault(cells[0], []).extend(float(c.replace(",", ".")) for c in cells[1:])
    return rows


def test_encode_test_digit_gives_cloud_and_samples(client):
    code, samples, seen, plot = client.predict(index=0, k=8, seed=1, api_name="/vae_encode_test")
    values = code_values(code)
    assert len(values["μ"]) == len(values["σ²"]) == 2 and all(v > 0 for v in values["σ²"])
    assert "{" not in code and "| z₁ | z₂ |" in code  # a table, not a JSON viewer
    assert len(samples) == 8 and seen and plot
    code, *_ = client.predict(0, "VAE 16-D latent (embedded)", 2, 0, api_name="/vae_encode_test")
    assert len(code_values(code)["μ"]) == 16


@pytest.mark.parametrize("mode", ["L", "CMYK", "RGBA"])
def test_encode_an_upload_in_any_mode(client, tmp_path, mode):
    page = paper_digit(0)
    if mode == "RGBA":  # ink on a transparent sheet
        ink = 255 - np.asarray(page)
        rgba = np.zeros((*ink.shape, 4), np.uint8)
        rgba[..., 3] = np.where(ink > 40, 255, 0)
        img = Image.fromarray(rgba, "RGBA")
    else:
        img = page.convert(mode)
    path = tmp_path / f"digit.{'jpg' if mode == 'CMYK' else 'png'}"
    img.save(path)
    code, samples, seen, _ = client.predict(handle_file(str(path)), api_name="/vae_encode")
    assert len(code_values(code)["μ"]) == 2 and len(samples) == 8


def test_encode_a_drawing(client, tmp_path):
    path = tmp_path / "drawing.png"
    paper_digit(5, 280).convert("RGBA").save(path)
    sketch = {"background": None, "layers": [], "composite": handle_file(str(path))}
    code, *_ = client.predict(sketch, api_name="/vae_encode_drawing")
    assert len(code_values(code)["μ"]) == 2


def _bad_uploads(tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("L", (100, 100), 255).save(blank)
    tiny = tmp_path / "tiny.png"
    Image.new("L", (4, 4), 0).save(tiny)
    huge = tmp_path / "huge.png"
    Image.new("L", (5200, 5200), 255).save(huge)
    text = tmp_path / "notes.png"
    text.write_text("this is not an image")
    return {"blank": blank, "tiny": tiny, "huge": huge, "not an image": text}


def test_bad_uploads_get_clear_messages_and_the_server_stays_up(client, tmp_path):
    expected = {"blank": "blank", "tiny": "tiny", "huge": "huge", "not an image": "not an image"}
    for name, path in _bad_uploads(tmp_path).items():
        with pytest.raises(AppError, match=expected[name]):
            client.predict(handle_file(str(path)), api_name="/vae_encode")
    with pytest.raises(AppError, match="upload"):
        client.predict(None, api_name="/vae_encode")
    with pytest.raises(AppError, match="Draw"):
        client.predict(None, api_name="/vae_encode_drawing")
    assert len(client.predict(2, 0, api_name="/vae_generate")[0]) == 2


@pytest.mark.parametrize("n, message", [(0, "minimum value 1"), (10_000, "maximum value 64"), (2.5, "whole number")])
def test_bad_sample_counts(client, n, message):
    with pytest.raises(AppError, match=message):
        client.predict(n, 0, api_name="/vae_generate")


def test_latent_map_and_decoding_points(client):
    plot, grid = client.predict(api_name="/vae_latent_map")
    assert plot and grid
    image, plot = client.predict(1.0, -0.5, api_name="/vae_decode_point")
    assert Image.open(image).size == (168, 168)
    with pytest.raises(AppError, match="maximum value 4"):  # the slider's own range check
        client.predict(9.0, 0.0, api_name="/vae_decode_point")
    with pytest.raises(AppError, match="2-D"):
        client.predict(0.0, 0.0, "VAE 16-D latent (embedded)", api_name="/vae_decode_point")


def test_interpolate_gives_strip_and_gif(client):
    strip, gif, plot, ends = client.predict(3, 1, 6, api_name="/vae_interpolate")
    with Image.open(gif) as animation:
        assert animation.n_frames == 6 + 4  # there and back
    assert Image.open(strip).size[0] > Image.open(strip).size[1] * 5
    with pytest.raises(AppError, match="Test digit number"):
        client.predict(3, 900, 6, api_name="/vae_interpolate")


def test_beta_tradeoff(client):
    chart, maps, strips, table = client.predict(0, api_name="/vae_beta")
    assert Image.open(strips).size == (110 + (16 * 30 - 2) * 3, (3 * 30 - 2) * 3)  # labels, 16 samples for each of 3 βs
    assert "real test digits" in table


def test_photo_roundtrip_through_the_app(client, fake_hub, tmp_path):
    from tests.test_vae import _tiny_taesd

    fake_hub("madebyollin/taesd", _tiny_taesd)  # the server shares the tests' offline hub cache
    path = tmp_path / "photo.png"
    Image.new("RGB", (64, 48), "orange").save(path)
    channels, recon, text = client.predict(handle_file(str(path)), "madebyollin/taesd", api_name="/vae_photo")
    assert len(channels) == 4 and Image.open(recon).size == (64, 48) and "fewer numbers" in text
