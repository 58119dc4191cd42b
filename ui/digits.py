"""The data tab: the real digits every image family learns from, the classifier that judges them,
and the yardstick (metrics) on real digits. ``digit_grid`` and ``probability_figure`` are reused
by the VAE, GAN, diffusion and Compare tabs."""

from __future__ import annotations

import functools
import random

import gradio as gr
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from PIL import Image, ImageDraw
from scipy import ndimage

from engines import classifier, digits, metrics, validate
from ui.common import QUICK, caption_font, drawn_digit, explain, user_errors
from ui.i18n import number, numbers_shown, plot_language, thousands
from ui.locales.digits import T
from ui.share import setup_link

ALL = "All digits"
SHOWN = 40  # digits in the dataset grid
RIGHT, WRONG, PLAIN = (110, 220, 130), (255, 110, 110), (225, 225, 235)


def digit_grid(images, labels=None, probs=None, cols: int = 10, truth=None, scale: int = 3) -> Image.Image:
    """A grid of (N, 28, 28) [0, 1] digits, each with its predicted label (and confidence) below.

    ``labels``/``probs`` come from ``engines.classifier.classify``; with ``truth`` (the intended
    digits, one int or N ints) a label is green when right and red when wrong.
    """
    x = np.clip(np.asarray(images, dtype=np.float32), 0.0, 1.0)
    if x.ndim == 2:
        x = x[None]
    n = len(x)
    cols = max(1, min(cols, n))
    rows = -(-n // cols)
    cell, gap = 28 * scale, 4
    caption = 0 if labels is None else 8 + 6 * scale
    grid = Image.new("RGB", (cols * (cell + gap) + gap, rows * (cell + caption + gap) + gap), (30, 32, 44))
    draw = ImageDraw.Draw(grid)
    font = caption_font(5 * scale)
    intended = None if truth is None else np.broadcast_to(np.asarray(truth), (n,))
    for i, img in enumerate(x):
        left, top = gap + (i % cols) * (cell + gap), gap + (i // cols) * (cell + caption + gap)
        tile = Image.fromarray((img * 255).astype(np.uint8)).resize((cell, cell), Image.Resampling.NEAREST)
        grid.paste(tile, (left, top))
        if labels is None:
            continue
        text = str(int(labels[i]))
        if probs is not None:
            text += f"  {float(np.asarray(probs)[i, int(labels[i])]):.0%}"
        color = PLAIN if intended is None else (RIGHT if int(labels[i]) == int(intended[i]) else WRONG)
        draw.text((left + cell // 2, top + cell + caption // 2), text, fill=color, font=font, anchor="mm")
    return grid


def probability_figure(probs, title: str | None = None) -> go.Figure:
    """Bar chart of the 10 class probabilities of one digit; the winner highlighted."""
    p = np.asarray(probs, dtype=float).reshape(10)
    colors = ["#6366f1" if i == p.argmax() else "#c7d2fe" for i in range(10)]
    fig = go.Figure(go.Bar(x=[str(d) for d in range(10)], y=p, marker_color=colors,
                           text=[number(v, ".0%") if v >= 0.01 else "" for v in p], textposition="outside"))
    fig.update_layout(title=title or T.text("probs_title"), xaxis_title=T.text("digit_axis"),
                      yaxis=dict(title=T.text("probability_axis"), range=[0, 1.12], tickformat=".0%"),
                      height=320, margin=dict(l=50, r=10, t=50, b=40), template="plotly_white", **plot_language())
    return fig


def _enlarge(img: np.ndarray, scale: int = 6) -> Image.Image:
    return Image.fromarray((np.clip(img, 0, 1) * 255).astype(np.uint8)).resize((28 * scale, 28 * scale), Image.Resampling.NEAREST)


@user_errors
def sample(which: str, seed) -> tuple[Image.Image, str]:
    """A random page of real digits (all or one class) with the classifier's labels."""
    which = validate.choice("Show", which, [ALL] + [str(d) for d in range(10)])
    rng = np.random.default_rng(validate.seed(seed))
    data = digits.split()
    pool = np.arange(len(data.train_y)) if which == ALL else np.flatnonzero(data.train_y == int(which))
    idx = rng.choice(pool, SHOWN, replace=False)
    labels, probs = classifier.classify(data.train_x[idx])
    truth = data.train_y[idx]
    wrong = int((labels != truth).sum())
    note = T.text("sample_note", shown=SHOWN, pool=thousands(len(pool)),
                  which="" if which == ALL else T.text("labelled", digit=which),
                  wrong=T.text("all_correct") if wrong == 0 else T.text("n_wrong", wrong=wrong))
    return digit_grid(data.train_x[idx], labels, probs, truth=truth), note


@user_errors
def reshuffle() -> int:
    """A new random shuffle seed (its change redraws the grid)."""
    return random.randrange(validate.SEED_MAX)


@user_errors
def classify_drawing(drawing) -> tuple[Image.Image, go.Figure, str]:
    """Sketchpad value -> what the classifier sees (28x28), its probabilities, its answer."""
    x = drawn_digit(drawing)
    labels, probs = classifier.classify(x)
    label, p = int(labels[0]), float(probs[0, labels[0]])
    hedge = "" if p >= 0.8 else T.text("hedge")
    return _enlarge(x), probability_figure(probs[0]), T.text("says", label=label, p=number(p, ".0%")) + hedge


@functools.cache
def _yardstick() -> tuple[float, dict[str, dict]]:
    data = digits.split()
    noise = np.random.default_rng(0).random((500, 28, 28)).astype(np.float32)
    blurred = np.stack([ndimage.gaussian_filter(x, 1.5) for x in data.test_x])
    rows = {
        "Real test digits": metrics.reference(),
        "Blurred test digits": metrics.report(blurred, data.test_y),
        "Uniform noise": metrics.report(noise, np.arange(500) % 10),
        "Copies of training digits": metrics.report(data.train_x[::9], data.train_y[::9]),
        # mode collapse: one real digit drawn 500 times (each label, the same picture)
        "One digit repeated (collapsed)": metrics.report(np.repeat(data.test_x[:1], 500, 0), np.full(500, data.test_y[0])),
    }
    return rows["Real test digits"]["recognizability"], rows


# metric, its name in the table, what it measures (keys of ui/locales/digits.py; English names are the metrics' own)
YARDSTICK_METRICS = (
    ("recognizability", "name_recognizability", "recognizability"), ("confidence", "name_confidence", "confidence"),
    ("precision", "name_precision", "precision"), ("recall", "name_recall", "recall"),
    ("class_diversity", "name_class_diversity", "class_diversity"),
    ("diversity", "name_diversity", "diversity"), ("coverage", "name_coverage", "coverage"), ("fid", "name_fid", "fid"),
    ("sharpness", "name_sharpness", "sharpness"), ("nearest_train", "name_nearest_train", "nearest_train"),
    ("memorized_share", "name_memorized_share", "memorized_share"),
)
YARDSTICK_COLUMNS = ["metric", "Real test digits", "Blurred test digits", "Uniform noise", "Copies of training digits",
                     "One digit repeated (collapsed)", "what it measures"]


@user_errors
def yardstick() -> tuple[str, pd.DataFrame]:
    """The classifier's accuracy and the yardstick table (numbers cached; words in the request's language)."""
    accuracy, rows = _yardstick()
    table = [[T.text(name), *(round(r[metric], 3) for r in rows.values()), T.text(meaning)] for metric, name, meaning in YARDSTICK_METRICS]
    headers = [T.text("col_metric"), *(T.text(column) for column in rows), T.text("col_meaning")]
    text = T.text("accuracy", accuracy=number(accuracy, ".1%"), right=round(accuracy * 500))
    return text, numbers_shown(pd.DataFrame(table, columns=headers), {column: ",.4g" for column in headers[1:-1]})


def warm() -> None:
    _yardstick()


def build() -> None:
    with gr.Tab(T("tab"), id="data"):
        explain(T("intro"))
        accuracy = gr.Markdown()
        with gr.Row():
            with gr.Column(scale=3):
                grid = gr.Image(label=T("grid"), show_label=False, type="pil",
                                interactive=False, buttons=["download"], format="png")
                caption = gr.Markdown()
                with gr.Row():
                    which = gr.Dropdown([(T("all"), ALL)] + [str(d) for d in range(10)], value=ALL, label=T("show"))
                    seed = gr.Number(0, label=T("seed"), precision=0, minimum=0, maximum=validate.SEED_MAX)
                    shuffle = gr.Button(T("reshuffle"), variant="secondary")
                setup_link("data", show=which, seed=seed)
            with gr.Column(scale=2):
                explain(T("draw_help"))
                # no label: the canvas fills its block, a label would lie on it (the heading above names it)
                pad = gr.Sketchpad(label=T("pad"), show_label=False, type="numpy", canvas_size=(280, 280), fixed_canvas=True,
                                   brush=gr.Brush(default_size=20, colors=["#000000"], color_mode="fixed"),
                                   layers=False, height=340)
                go_button = gr.Button(T("classify"), variant="primary")
                answer = gr.Markdown()
                with gr.Row():
                    seen = gr.Image(label=T("seen"), type="pil", interactive=False, height=200, format="png")
                    chart = gr.Plot(label=T("probs"))
        with gr.Accordion(T("yardstick"), open=True):
            explain(T("yardstick_help"))
            # every row and column on the page: headers break between words (German ones at soft hyphens)
            table = gr.Dataframe(headers=YARDSTICK_COLUMNS, label=T("table"), interactive=False, wrap=True, max_height=1200,
                                 column_widths=["165px", *["132px"] * 5, "345px"])

        gr.on(None, sample, inputs=[which, seed], outputs=[grid, caption], api_name="digits_sample")  # on page load: cheap, never behind the compute queue
        shuffle.click(reshuffle, outputs=seed, api_name="digits_reshuffle")
        go_button.click(classify_drawing, inputs=pad, outputs=[seen, chart, answer], api_name="digits_classify", **QUICK)
        gr.on(None, yardstick, outputs=[accuracy, table], api_name="digits_yardstick")  # cached after warm()
