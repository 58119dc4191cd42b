"""'Copy this setup' links: query parameters are checked like user input and fill a tab's settings."""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr
import pytest

import app  # builds the layout, so every tab has registered its settings
from ui import share


def test_every_tab_is_shareable():
    assert {"overview", "data", "llm", "diffusion", "gan", "vae", "nerf"} <= set(share.SETUPS)


@pytest.mark.parametrize("make, raw, expected", [
    (lambda: gr.Slider(1, 64, value=20, step=1), "12", 12),
    (lambda: gr.Slider(0, 10, value=3, step=0.5), "7.5", 7.5),
    (lambda: gr.Slider(1, 64, value=20, step=1), "65", None),
    (lambda: gr.Slider(1, 64, value=20, step=1), "nan", None),
    (lambda: gr.Number(0, precision=0, minimum=0), "42", 42),
    (lambda: gr.Number(0, precision=0, minimum=0), "-1", None),
    (lambda: gr.Number(0, precision=0, minimum=0), "abc", None),
    (lambda: gr.Dropdown(list(range(10)), value=3), "7", 7),
    (lambda: gr.Dropdown(list(range(10)), value=3), "11", None),
    (lambda: gr.Radio([("nice label", "ddim")], value="ddim"), "ddim", "ddim"),
    (lambda: gr.Checkbox(), "true", True),
    (lambda: gr.Checkbox(), "yes", None),
    (lambda: gr.Textbox(), "The cat", "The cat"),
    (lambda: gr.Textbox(), "x" * 5000, None),
])
def test_parse_checks_values_like_user_input(make, raw, expected):
    with gr.Blocks():
        component = make()
    value = share.parse(component, raw)
    if expected is None:
        assert str(value) == str(gr.skip())
    else:
        assert value == expected and type(value) is type(expected)


def test_load_selects_the_tab_and_fills_its_settings():
    load = next(fn for fn in app.demo.fns.values() if getattr(fn.fn, "__name__", "") == "apply")
    request = SimpleNamespace(query_params={"tab": "gan", "digit": "7", "n": "5", "seed": "42", "loss": "bogus", "steps": "1e9"})
    updates = load.fn(request)
    outputs = load.outputs
    assert len(updates) == len(outputs)
    by_id = {block._id: update for block, update in zip(outputs, updates)}
    gan = share.SETUPS["gan"]
    assert by_id[gan["digit"]._id] == 7 and by_id[gan["n"]._id] == 5 and by_id[gan["seed"]._id] == 42
    skipped = str(gr.skip())
    assert str(by_id[gan["loss"]._id]) == skipped and str(by_id[gan["steps"]._id]) == skipped
    assert str(by_id[share.SETUPS["diffusion"]["seed"]._id]) == skipped  # other tabs untouched
    assert updates[0].selected == "gan"
    assert all(str(u) == skipped for u in load.fn(SimpleNamespace(query_params={})))
