"""Text made at run time (figure titles, axes, legends, tables, status lines, captions) follows the user's language.

Every tab's figure functions and handlers run twice, in English and in German: each text of a German
figure must differ from its English counterpart unless it is a name, a number or a symbol, so a new
English-only title fails here. The live app answers in German to a German browser, streaming too.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from engines.base import Frame
from ui import i18n
from ui.i18n import speaking

# Texts that stay the same in both languages: family, model and letter names, numbers, symbols, units.
SAME = re.compile(
    r"^(|[\d\s.,:;%+−\-–×·=()/<>≥|→…]*|t = .*|[A-Za-z]|[a-z]\d|z[₁₂]|σ|T|w|PC \d|GAN|VAE|NeRF|Diffusion|LLM \(transformer\)|"
    r"Transformer|GPT.*|Claude|Gemini|LLaMA|DALL·E.*|Midjourney|Imagen|Stable Diffusion|StyleGAN|VQ-VAE|β-VAE|Sora|"
    r"RunwayML|HiFi-GAN.*|Instant-NGP|Audio|Video|3D|Text|D\(real\)|D\(fake\)|p\(chosen\)|p\(top\)|SNR|β = .*|"
    r"[\d.]+ (dB|M)|"
    r"VAE 16-D latent|Digit GAN|Digit diffusion|SmolLM2.*|NeRF MLP on the duck)$")


def texts(fig: go.Figure) -> list[str]:
    """Every human-readable text of a figure: titles, axis and legend titles, trace names, colour bars, annotations."""
    found = []

    def title(obj):
        text = getattr(getattr(obj, "title", None), "text", None)
        if text:
            found.append(text)

    layout = fig.layout
    title(layout)
    title(layout.legend)
    for key in dir(layout):
        if re.fullmatch(r"[xy]axis\d*", key):
            title(layout[key])
    for axis in ("xaxis", "yaxis", "zaxis"):
        title(layout.scene[axis])
    found += [a.text for a in layout.annotations or ()]
    for trace in fig.data:
        if getattr(trace, "name", None):
            found.append(trace.name)
        if getattr(trace, "hovertemplate", None):
            found.append(re.sub(r"%\{[^}]*\}|<[^>]*>", "", trace.hovertemplate))
        colorbar = getattr(getattr(trace, "marker", None), "colorbar", None) or getattr(trace, "colorbar", None)
        if colorbar is not None:
            title(colorbar)
        if isinstance(trace, go.Scatterpolar):
            found += list(trace.theta)
    return found


def words(value) -> list[str]:
    """The texts of a handler output: a figure's, a table's headers and words, a string."""
    if isinstance(value, go.Figure):
        return texts(value)
    if isinstance(value, pd.DataFrame):
        return [str(c) for c in value.columns] + [v for v in value.to_numpy().ravel() if isinstance(v, str)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [w for v in value for w in words(v)]
    return []


@functools.cache
def both(make) -> tuple[list[str], list[str]]:
    with speaking("en"):
        english = words(make())
    with speaking("de"):
        german = words(make())
    return english, german


def untranslated(english: list[str], german: list[str]) -> list[str]:
    assert len(english) == len(german), (english, german)
    return [en for en, de in zip(english, german) if en == de and not SAME.match(en.strip())]


def _frame(step=0, total=3, image=None, preview=None, metrics=None, data=None, done=False):
    step = total - 1 if done else step
    return Frame(step=step, total=total, image=image, preview=preview, metrics=metrics or {}, data=data or {})


# ---------------------------------------------------------------------------------------------- every tab
def overview_outputs():
    from ui import overview

    return [overview.genai_sunburst(), overview.mast_chart(), *overview.run_advisor(*overview.DEFAULT_NEEDS)]


def digits_outputs():
    from ui import digits

    probs = np.linspace(0, 1, 10) / 4.5
    return [digits.probability_figure(probs), digits.sample("3", 0)[1], *digits.yardstick()]


def llm_outputs():
    from ui import llm

    tokens = ["The", " cat", " sat", " it"]
    step = _frame(metrics={"entropy": 1.5, "seconds": 1.0, "tokens_per_s": 3.0},
                  data={"top": [(" a", 1, 0.5), (" b", 2, 0.3)], "token_id": 1, "chosen_rank": 0, "token": " a", "chosen_prob": 0.5})
    lens = {"top_probs": np.full((3, 4, 1), 0.5), "top_text": np.full((3, 4, 1), "x", dtype=object), "tokens": tokens,
            "layers": ["embeddings", "layer 1", "layer 2"]}
    emb = {"xy": np.zeros((2, 2)), "words": ["cat", "dog"], "pieces": [["cat"], ["dog"]], "explained": 0.5}
    card = {"model": "m", "parameters": 1e6, "layers": 2, "heads": 2, "width": 8, "vocabulary": 1000, "context": 2048,
            "tokens_per_s": 0, "device": "cpu", "dtype": "float32", "load_seconds": 1.0, "loaded_from": "embedded",
            "credit": "c", "licence": "MIT"}
    matrix = np.eye(4)
    return [llm.step_figure(step), llm.history_figure([step, step]),
            llm.attention_figure(tokens, matrix, llm._attention_title(tokens, 1, -1)),
            llm.attend_from_figure(tokens, matrix[3], 3, llm._attends_to_title(tokens, 3, 1, 2)),
            llm.lens_figure(lens), llm.embedding_figure(emb), llm.chips_html([(1, "x")]), llm.card_html(card)]


def diffusion_outputs():
    from engines import diffusion_toy as toy
    from ui import diffusion

    schedule = {"t": np.arange(1000), "alpha_bar": np.linspace(1, 0, 1000), "snr": np.logspace(3, -3, 1000)}
    target = np.zeros((10, 2))
    frames = [
        _frame(image=target, metrics={"t": 50, "alpha_bar": 0.5}, data={"phase": "forward", "target": target}),
        _frame(image=target, metrics={"trained_steps": 10, "loss": 0.2}, data={"phase": "train", "target": target}),
        _frame(image=target, metrics={"t": 10, "on_shape": 0.7}, done=True,
               data={"phase": "reverse", "target": target, "trajectories": np.zeros((3, 5, 2))}),
    ]
    sweep = diffusion.sweep_figure([1, 2], {diffusion.T.text("recognizable"): [0.5, 0.6], diffusion.T.text("seconds"): [1, 2]},
                                   diffusion.T.text("ddim_steps"))
    assert toy.VIEW
    return [diffusion.schedule_figure(schedule, 300), sweep, *(diffusion.toy_figure(f) for f in frames),
            diffusion.toy_loss_figure([0.5] * 30)]


def gan_outputs():
    from engines import gan_lab
    from ui import gan

    t = gan._timeline()
    lab_frame = next(iter(gan_lab.Lab(gan_lab.LabConfig()).stream(20, 20)))
    return [gan.score_figure(np.array([0.2, 0.4]), np.array([0.6, 0.8])), gan.loss_figure(t, int(t["steps"][-1])),
            gan.lab_figure(lab_frame), gan.lab_status(lab_frame, 2.0)]


def vae_outputs():
    from engines import vae
    from ui import vae as ui_vae

    means, labels = np.random.default_rng(0).normal(size=(20, 2)), np.arange(20) % 10
    return [ui_vae.latent_scatter(means, labels, ui_vae.T.text("map_title")),
            ui_vae.cloud_figure(means, labels, np.zeros(2), np.ones(2) / 10, np.zeros((3, 2))),
            ui_vae.cloud_bars(np.zeros(16), np.ones(16)), ui_vae.beta_chart(vae.training_summary())]


def nerf_outputs():
    from engines.nerf import load_dataset
    from ui import nerf

    return [nerf.scene_figure(load_dataset()), nerf.ray_figure({"hit": False}), nerf.curve_figure([(1.0, 10, 15.0), (2.0, 20, 18.0)])]


def compare_outputs():
    from ui import compare

    return list(compare.shipped())


TABS = {"overview": overview_outputs, "digits": digits_outputs, "llm": llm_outputs, "diffusion": diffusion_outputs,
        "gan": gan_outputs, "vae": vae_outputs, "nerf": nerf_outputs, "compare": compare_outputs}


@pytest.mark.parametrize("tab", TABS)
def test_every_run_time_text_of_a_tab_is_german_for_german_users(tab):
    english, german = both(TABS[tab])
    assert english and untranslated(english, german) == []


# German words the figures must carry (one title or axis per tab), and their English originals for English users.
EXPECTED = {
    "overview": ("Generative KI nach Ausgabe", "Generative AI by output"),
    "digits": ("Wie sicher ist der Klassifikator?", "How sure is the classifier?"),
    "llm": ("Aufmerksamkeit in Schicht 1", "Attention in layer 1"),
    "diffusion": ("Vorwärtsprozess: Verrauschen", "Forward process: noising"),
    "gan": ("Verluste (Fälscher gegen Detektiv)", "Losses (artist vs detective)"),
    "vae": ("Testziffern an ihren mittleren Codes", "Test digits at their mean codes"),
    "nerf": ("Kameras um das Objekt", "Cameras around the object"),
    "compare": ("Behauptung", "claim"),
}


@pytest.mark.parametrize("tab", TABS)
def test_german_words_for_german_users_english_for_english(tab):
    english, german = both(TABS[tab])
    de, en = EXPECTED[tab]
    assert any(de in text for text in german) and not any(de in text for text in english)
    assert any(en in text for text in english)


def test_tables_images_and_messages_in_german():
    from ui import compare, digits, gan

    with speaking("de"):
        _, table = digits.yardstick()
        claims = compare.shipped()[5].data  # the table under its German number formats
        strip = gan.timeline_strip(gan._timeline()["samples"][-1], 40)
    assert list(table.columns)[0] == "Maß" and "Echte Testziffern" in table.columns
    assert set(claims["Urteil"]) <= {"bestätigt", "widerlegt", "unent\u00adschieden", "ausstehend"}
    assert "ausstehend" in set(claims["Urteil"]) and claims["Regel"][:-1].str.startswith("bestätigt, wenn").all()
    assert strip.size == gan.timeline_strip(gan._timeline()["samples"][-1], 40).size
    assert compare.TABLE_COLUMNS[0] == "family"  # API users keep the English headers of the layout


def test_the_advisor_has_a_german_reason_for_every_english_one():
    from engines import families
    from ui.locales.overview import REASONS_DE

    reasons = {why for table in (families.DATA, families.COMPUTE, families.MODALITY_FIT) for need in table.values()
               for _, why in need.values()}
    reasons |= {why for table in (families.FAST, families.DETAIL, families.PHOTOS_TO_3D) for _, why in table.values()}
    assert reasons <= set(REASONS_DE)


def test_no_table_repeats_a_key():
    """A run-time key named like a layout key would silently replace the layout's label."""
    import ast
    from pathlib import Path

    for path in sorted(Path(i18n.__file__).parent.glob("locales/*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert len(keys) == len(set(keys)), f"{path.name}: {sorted(k for k in keys if keys.count(k) > 1)}"


def test_german_layout_values_for_german_pages_only():
    """Figures made at start-up are English; a German page gets them again in German from one load event."""
    import app

    outputs = i18n.german_initials()
    assert len(outputs) == len(i18n._INITIAL) >= 5
    assert any(isinstance(o, go.Figure) and "Generative KI" in o.layout.title.text for o in outputs)
    config = app.demo.config
    trigger = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "german-initials")
    events = [d for d in config["dependencies"] if any(t[0] == trigger for t in d["targets"])]
    assert len(events) == 1 and events[0]["targets"][0][1] == "change"
    assert set(events[0]["outputs"]) == {c._id for c, _ in i18n._INITIAL}
    # The load step that starts it runs in the browser only (no server call for English pages).
    loads = [d for d in config["dependencies"] if d["outputs"] == [trigger]]
    assert len(loads) == 1 and loads[0]["backend_fn"] is False and "de" in loads[0]["js"]


@pytest.fixture(scope="module")
def german_client(live_app):
    from gradio_client import Client

    return Client(live_app, headers={"Accept-Language": "de-DE,de;q=0.9"}, verbose=False)


def test_live_app_answers_a_german_browser_in_german(german_client, client):
    status = german_client.predict(api_name="/compare_shipped")[6]  # picture, table, text, two plots, claims, status, ...
    assert status.startswith("Mitgelieferte Zahlen") and client.predict(api_name="/compare_shipped")[6].startswith("Shipped numbers")
    # A streaming handler (steps run in worker threads): every status line in German.
    job = german_client.submit("Swiss roll", "", 100, 0, api_name="/diffusion_toy")
    statuses = [update[2] for update in job]
    assert statuses and all(not s.startswith(("Noising", "Training the", "Denoising", "**Done")) for s in statuses)
    assert statuses[-1].startswith("**Fertig in")


def test_every_fixed_message_of_the_tabs_has_german():
    """Plain messages that the tabs raise (not f-strings) are translated for German users."""
    from pathlib import Path

    messages = []
    for path in sorted(Path(i18n.__file__).parent.glob("*.py")):
        messages += re.findall(r'(?:UserInputError|gr\.Error)\("([^"{]+)"\)', path.read_text())
    assert len(messages) >= 8
    assert [m for m in messages if i18n.translate_error(m, "de") == m] == []


def test_captions_drawn_into_images_have_umlauts():
    """Pillow's built-in font draws ä, ö, ü and ß as boxes: captions use a system font that has them."""
    from pathlib import Path

    from ui.common import CAPTION_FONTS, caption_font

    font = caption_font(20)
    assert Path(str(getattr(font, "path", ""))).name in CAPTION_FONTS, "install fonts-liberation (or fonts-dejavu-core)"
    box = font.getmask("\U000f0000").getbbox()  # a private-use character: no font has it, so its box is the missing glyph
    assert all(font.getmask(ch).getbbox() != box for ch in "äöüß")
