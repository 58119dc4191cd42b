"""The data tab's pure helpers and its API, driven as a user (gradio_client) would."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image, ImageDraw

from engines import digits
from engines.errors import UserInputError
from ui.digits import digit_grid, probability_figure


def draw_seven(size: int = 280, dark_on_light: bool = True, mode: str = "RGB") -> Image.Image:
    paper, ink = ("white", "black") if dark_on_light else ("black", "white")
    im = Image.new(mode, (size, size), paper)
    ImageDraw.Draw(im).line([(size // 4, size // 5), (3 * size // 4, size // 5), (size * 3 // 7, 6 * size // 7)],
                            fill=ink, width=size // 12)
    return im


def test_digit_grid_layout_and_label_colours():
    s = digits.split()
    labels = s.test_y[:12].copy()
    labels[0] = (labels[0] + 1) % 10  # one wrong label
    probs = np.full((12, 10), 0.1)
    grid = digit_grid(s.test_x[:12], labels, probs, cols=5, truth=s.test_y[:12], scale=2)
    assert grid.mode == "RGB" and grid.width == 5 * (56 + 4) + 4
    r, g, b = np.asarray(grid).reshape(-1, 3).astype(int).T
    assert ((r > 200) & (g < 140)).any(), "the wrong label is drawn in red"
    assert ((g > 180) & (r < 150)).any(), "the right labels are drawn in green"
    plain = digit_grid(s.test_x[:3])  # no labels: just the digits
    assert plain.size == (3 * (84 + 4) + 4, 84 + 8)


def test_probability_figure_highlights_the_winner():
    p = np.zeros(10)
    p[4] = 1.0
    fig = probability_figure(p)
    assert list(fig.data[0].y) == list(p) and fig.data[0].marker.color[4] != fig.data[0].marker.color[0]


@pytest.mark.parametrize("variant", ["dark_on_light", "light_on_dark", "transparent_layer", "small"])
def test_prepare_drawing_makes_an_mnist_digit(variant):
    from engines import classifier

    if variant == "dark_on_light":
        im = np.asarray(draw_seven())
    elif variant == "light_on_dark":
        im = np.asarray(draw_seven(dark_on_light=False).convert("L"))
    elif variant == "transparent_layer":  # a sketchpad layer: black strokes on transparent
        rgba = draw_seven(mode="RGBA")
        alpha = 255 - np.asarray(rgba.convert("L"))
        im = np.dstack([np.zeros((280, 280, 3), np.uint8), alpha])
    else:
        im = np.asarray(draw_seven(size=60))
    x = digits.prepare_drawing(im)
    assert x.shape == (28, 28) and x.dtype == np.float32 and 0 <= x.min() and x.max() == pytest.approx(1.0)
    rows, cols = np.nonzero(x > 0.1)
    assert max(rows.max() - rows.min(), cols.max() - cols.min()) <= 21  # scaled into a 20x20 box
    cy, cx = np.array(np.nonzero(x)).mean(1)
    assert abs(cy - 14) < 4 and abs(cx - 14) < 4  # centred
    assert classifier.classify(x)[0][0] == 7


def test_prepare_drawing_refuses_blank_and_bad_images():
    for blank in (np.full((100, 100, 3), 255, np.uint8), np.zeros((100, 100, 4), np.uint8), np.zeros((50, 50))):
        with pytest.raises(UserInputError, match="blank"):
            digits.prepare_drawing(blank)
    with pytest.raises(UserInputError, match="shape"):
        digits.prepare_drawing(np.zeros((10, 10, 2)))
    with pytest.raises(UserInputError, match="too large"):
        digits.prepare_drawing(np.zeros((5000, 10)))


def _drawing(path) -> dict:
    from gradio_client import handle_file

    return {"background": None, "layers": [], "composite": handle_file(str(path)), "id": None}


@pytest.mark.slow
def test_classify_a_drawn_digit_through_the_api(client, tmp_path):
    path = tmp_path / "seven.png"
    draw_seven().save(path)
    seen, plot, answer = client.predict(_drawing(path), api_name="/digits_classify")
    assert "**7**" in answer
    assert Image.open(seen).size == (168, 168) and plot["type"] == "plotly"


@pytest.mark.slow
def test_blank_drawing_is_a_clear_error_and_the_server_keeps_serving(client, tmp_path):
    from gradio_client.exceptions import AppError

    path = tmp_path / "blank.png"
    Image.new("RGB", (280, 280), "white").save(path)
    with pytest.raises(AppError, match="drawing is blank"):
        client.predict(_drawing(path), api_name="/digits_classify")
    grid, note = client.predict("3", 7, api_name="/digits_sample")
    assert "labelled 3" in note and Image.open(grid).width > 800


@pytest.mark.slow
def test_sample_refuses_a_bad_seed_and_yardstick_reports_accuracy(client):
    from gradio_client.exceptions import AppError

    for bad in (-1, 2**40):
        with pytest.raises(AppError, match="minimum|maximum|Seed must be between"):
            client.predict("All digits", bad, api_name="/digits_sample")
    new_seed = client.predict(api_name="/digits_reshuffle")
    assert float(new_seed).is_integer() and 0 <= new_seed < 2**32
    accuracy, table = client.predict(api_name="/digits_yardstick")
    assert "correct on the 500 held-out test digits" in accuracy
    rows = {row[0]: row[1:] for row in table["data"]}
    real, blurred, noise, copies, collapsed = (rows["recognizability"][i] for i in range(5))
    assert real >= 0.97 and noise <= 0.2 and collapsed == 1.0
    assert rows["sharpness"][1] < rows["sharpness"][0] and rows["sharpness"][2] < rows["sharpness"][0]  # blur, noise
    assert rows["memorized share"][3] == 1.0 and rows["memorized share"][0] == 0.0
    # one digit repeated: as faithful as can be, and no variety at all
    assert rows["precision"][4] == 1.0 and rows["recall"][4] < 0.01 and rows["within-class diversity"][4] < 0.01
    assert rows["recall"][0] > 0.8 and 0.85 < rows["within-class diversity"][0] < 1.15
    assert rows["FID"][4] > 100  # far from real digits, and shown as a number, not 1.05e+03
    shown = [row[5] for row in table["metadata"]["display_value"]]
    assert "e+" not in " ".join(shown)


def test_tables_and_charts_write_numbers_as_the_page_does():
    """German pages get decimal commas in the yardstick's cells and the classifier's chart; the API keeps numbers."""
    from ui import digits as tab
    from ui.i18n import speaking

    probs = np.linspace(0, 1, 10) / 4.5
    for lang, separators, point in (("en", ".,", "."), ("de", ",.", ",")):
        with speaking(lang):
            fig = tab.probability_figure(probs)
            text, table = tab.yardstick()
            shown = table.to_html()
        recognizable = table.data.iloc[0, 1]  # real test digits' recognizability, a number for API clients
        assert fig.layout.separators == separators
        assert re.search(rf"\*\* \d\d{re.escape(point)}\d% correct|\*\* \d\d{re.escape(point)}\d% richtig", text)
        assert isinstance(recognizable, float) and f"{recognizable:.3f}".replace(".", point) in shown
