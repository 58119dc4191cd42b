"""The GAN tab: the artist (generator) and the detective (discriminator), from our trained digit
GAN to a live 2D training lab where each browser session trains its own tiny GAN."""

from __future__ import annotations

import functools
import time

import gradio as gr
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots
from PIL import Image, ImageDraw

from engines import classifier, gan, gan_lab, metrics, validate
from engines.digits import split as digits_data
from engines.base import get_engine
from engines.errors import ModelUnavailable
from ui.common import (COMPUTE, QUICK, SESSION_STATE_TTL, TRAINING, Recording, caption_font, draw_legend, draw_points,
                       download_button, explain, lesson_presets, mp4_beside, panels_in_a_row, recorded_frames, save_gif, to_pixels, user_errors,
                       with_palette)
from ui.locales.app import T as APP
from ui.digits import digit_grid
from ui.i18n import in_both_languages, initial, machine_in_both_languages, number, numbers_shown, plot_language
from ui.locales.gan import T
from ui.share import setup_link

DIGITS = [("any digit", -1)] + [(str(d), d) for d in range(10)]
REAL, FAKE, SURFACE = "#2ca02c", "#9467bd", "RdBu"
LAB_FRAME_STEPS = 20  # generator steps between streamed frames


def _engine() -> gan.GanEngine:
    return get_engine(gan.GanEngine, gan.EMBEDDED)


def _captions(labels, scores, asked) -> list[str]:
    return [T.text("caption", score=number(s, ".2f"), label=l) + ("" if a < 0 or a == l else T.text("caption_asked", asked=a))
            for l, s, a in zip(labels, scores, asked)]


def score_columns() -> list[str]:
    return [T.text(key) for key in ("col_sample", "col_asked", "col_says", "col_confidence", "col_d")]


def quality_columns() -> list[str]:
    return [T.text(key) for key in ("col_metric", "col_gan", "col_real", "col_meaning")]


def score_figure(fake: np.ndarray, real: np.ndarray) -> go.Figure:
    """Where the discriminator puts generated vs real digits on its 0..1 'real' scale."""
    fig = go.Figure()
    for name, values, color in (("generated", fake, FAKE), ("real_training", real, REAL)):
        fig.add_trace(go.Box(x=values, name=T.text(name), marker_color=color, boxpoints="all", jitter=0.4, pointpos=0, orientation="h"))
    fig.update_layout(title=T.text("verdict_title"), xaxis=dict(range=[0, 1]),
                      height=260, margin=dict(l=10, r=10, t=40, b=30), showlegend=False, **plot_language())
    return fig


@user_errors
def generate(digit, n, seed, progress=gr.Progress()):
    progress(0.1, desc=T.text("generator_pass"))
    fake = _engine().generate(digit, n, seed)
    real = _engine().score_real(digit, n, seed)
    progress(0.6, desc=T.text("classifier_and_d"))
    fake_labels, fake_probs = classifier.classify(fake.images)
    real_labels, _ = classifier.classify(real.images)
    asked = fake.labels
    gallery = [(img, c) for img, c in zip(fake.images, _captions(fake_labels, fake.scores, asked))]
    real_gallery = [(img, c) for img, c in zip(real.images, _captions(real_labels, real.scores, real.labels))]
    columns = score_columns()
    table = pd.DataFrame([[i, int(a), int(l), round(float(p[l]), 3), round(float(s), 3)]
                          for i, (a, l, p, s) in enumerate(zip(asked, fake_labels, fake_probs, fake.scores))], columns=columns)
    agree = float((fake_labels == asked).mean())
    summary = (
        T.text("summary", n=len(fake.images), ms=number(fake.seconds * 1000, ".1f"), per=number(fake.seconds / len(fake.images) * 1000, ".2f"),
               device=_engine().device.type.upper(), agree=number(agree, ".0%"), fake=number(fake.scores.mean(), ".2f"),
               real=number(real.scores.mean(), ".2f"))
        + T.text("equilibrium" if abs(fake.scores.mean() - real.scores.mean()) < 0.1 else "not_equilibrium")
    )
    table = numbers_shown(table, {columns[3]: ".0%", columns[4]: ".2f"})
    return gallery, table, real_gallery, score_figure(fake.scores, real.scores), summary


COLLAPSE_MEASURED = gan.MAX_SAMPLES  # samples per model behind the live diversity and recall
COLLAPSE_SHOWN = 16


def collapse_columns() -> list[str]:
    return [T.text(key) for key in ("col_model", "col_class_diversity", "col_recall", "col_precision", "col_recognized")]


def side_by_side(panels: list[tuple[str, Image.Image]]) -> Image.Image:
    """Panels next to each other on one dark canvas, each with its title above: one picture to stream."""
    canvas, lefts = panels_in_a_row([panel for _, panel in panels], head=34)
    draw, font = ImageDraw.Draw(canvas), caption_font(17)
    for (title, _), left in zip(panels, lefts):
        draw.text((left, 8), title, fill=(225, 225, 235), font=font)
    return canvas


@user_errors
def collapse_compare(digit, seed, progress=gr.Progress()):
    """The good and the collapsed GAN on the same noise for one digit, each measured live beside real digits."""
    digit = validate.integer("Digit", digit, 0, 9)
    seed = validate.seed(seed)
    rows, panels = [], []
    for key, name in ((gan.EMBEDDED, "good_gan"), (gan.COLLAPSED, "collapsed_gan")):
        progress(0.1 + 0.4 * len(rows), desc=T.text(name))
        s = get_engine(gan.GanEngine, key).generate(digit, COLLAPSE_MEASURED, seed)  # the same noise for both
        panels.append((T.text(name), digit_grid(s.images[:COLLAPSE_SHOWN], cols=4, scale=3)))
        rows.append((T.text(name), metrics.digit_report(s.images, digit)))
    data = digits_data()
    real = data.train_x[data.train_y == digit][:COLLAPSE_MEASURED]  # real digits the test digits are not
    rows.append((T.text("real_digits"), metrics.digit_report(real, digit)))
    columns = collapse_columns()
    table = pd.DataFrame([[name, round(r["class_diversity"], 2), round(r["recall"], 2), round(r["precision"], 2),
                           round(r["recognizability"], 2)] for name, r in rows], columns=columns)
    good, bad, ref = (r for _, r in rows)
    note = T.text("collapse_note", n=COLLAPSE_MEASURED, digit=digit, good_div=number(good["class_diversity"], ".2f"),
                  bad_div=number(bad["class_diversity"], ".2f"), good_recall=number(good["recall"], ".2f"),
                  bad_recall=number(bad["recall"], ".2f"), bad_precision=number(bad["precision"], ".2f"),
                  real_recall=number(ref["recall"], ".2f"))
    shown = numbers_shown(table, {**{column: ".2f" for column in columns[1:4]}, columns[4]: ".0%"})
    return side_by_side(panels), shown, note


def walk_strip(images: np.ndarray, scale: int = 3) -> Image.Image:
    return digit_grid(images, cols=len(images), scale=scale)


def _gif(images: np.ndarray) -> str:
    frames = [Image.fromarray((img * 255).astype(np.uint8)).resize((112, 112), Image.Resampling.NEAREST) for img in images]
    return save_gif(frames, "gan-walk", 80, bounce=True)  # there and back, so the loop is smooth


@user_errors
def walk(seed_a, seed_b, digit_a, digit_b, frames):
    s = _engine().walk(seed_a, seed_b, digit_a, digit_b, frames)
    note = T.text("walk_note", n=len(s.images), ms=number(s.seconds * 1000, ".1f"))
    return walk_strip(s.images), _gif(s.images), note


@functools.cache
def _timeline() -> dict:
    return gan.timeline()


def timeline_strip(samples: np.ndarray, epoch: int) -> Image.Image:
    """The 20 fixed-noise samples of one snapshot, two rows, with the epoch written above."""
    grid = digit_grid(samples.astype(np.float32) / 255.0, cols=10, scale=3)
    canvas = Image.new("RGB", (grid.width, grid.height + 30), (30, 32, 44))
    canvas.paste(grid, (0, 30))
    ImageDraw.Draw(canvas).text((8, 6), T.text("epoch_caption", epoch=epoch), fill=(225, 225, 235), font=caption_font(18))
    return canvas


def loss_figure(t: dict, step: int | None = None) -> go.Figure:
    fig = make_subplots(rows=1, cols=2, subplot_titles=(T.text("losses_title"), T.text("d_mean_title")), horizontal_spacing=0.14)
    x = t["history_step"]
    fig.add_trace(go.Scatter(x=x, y=t["history_d_loss"], name=T.text("d_loss"), line=dict(color="#1f77b4")), 1, 1)
    fig.add_trace(go.Scatter(x=x, y=t["history_g_loss"], name=T.text("g_loss"), line=dict(color="#d62728")), 1, 1)
    fig.add_trace(go.Scatter(x=x, y=t["history_d_real"], name=T.text("d_of_real"), line=dict(color=REAL)), 1, 2)
    fig.add_trace(go.Scatter(x=x, y=t["history_d_fake"], name=T.text("d_of_fake"), line=dict(color=FAKE)), 1, 2)
    if step is not None:
        for col in (1, 2):
            fig.add_vline(x=step, line=dict(color="gray", dash="dash"), row=1, col=col)
    fig.update_xaxes(title_text=T.text("training_step"))
    fig.update_yaxes(title_text=T.text("loss_axis"), row=1, col=1)
    fig.update_yaxes(title_text=T.text("d_mean_axis"), row=1, col=2)
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=60, b=30), legend=dict(orientation="h", y=-0.25), **plot_language())
    return fig


@user_errors
def timeline(index):
    t = _timeline()
    i = validate.integer("Snapshot", index, 0, len(t["epochs"]) - 1)
    return timeline_strip(t["samples"][i], int(t["epochs"][i])), loss_figure(t, int(t["steps"][i]))


@user_errors
def timeline_export() -> str:
    """Every snapshot of the training timeline as one animated GIF (the last one held)."""
    t = _timeline()
    frames = [timeline_strip(samples, int(epoch)) for samples, epoch in zip(t["samples"], t["epochs"])]
    return save_gif(frames, "gan-timeline", [400] * (len(frames) - 1) + [2000])


@user_errors
def measure(progress=gr.Progress()):
    """Quality of 200 fresh samples by the shared yardstick, next to the real test digits."""
    progress(0.1, desc=T.text("generating_200"))
    images, asked = [], []
    for seed in range(4):
        s = _engine().generate(-1, 50, 1000 + seed)
        images.append(s.images)
        asked.append(s.labels)
    images, asked = np.concatenate(images), np.concatenate(asked)
    progress(0.4, desc=T.text("measuring"))
    ours, real = metrics.report(images, asked), metrics.reference()
    rows = [[T.text(name), round(ours[key], 3), round(real[key], 3), T.text(means)] for key, name, means in (
        ("recognizability", "m_recognizability", "m_recognizability_means"), ("precision", "m_precision", "m_precision_means"),
        ("recall", "m_recall", "m_recall_means"), ("class_diversity", "m_class_diversity", "m_class_diversity_means"),
        ("fid", "m_fid", "m_fid_means"),
        ("sharpness", "m_sharpness", "m_sharpness_means"), ("diversity", "m_diversity", "m_diversity_means"),
        ("memorized_share", "m_memorized", "m_memorized_means"),
    )]
    columns = quality_columns()
    return numbers_shown(pd.DataFrame(rows, columns=columns), {columns[1]: ",.4g", columns[2]: ",.4g"})


def lab_figure(frame) -> go.Figure:
    """One frame of the 2D lab: D's surface, G's warped grid, real and generated points; losses.

    Axes are laid out by hand (make_subplots costs more than the training steps of a frame).
    """
    d = frame.data
    mapping = d["mapping"]  # (L, P, 2): grid lines of noise, as the generator places them
    gaps = np.full((len(mapping), 1, 2), np.nan)
    lines = np.concatenate([mapping, gaps], 1).reshape(-1, 2)
    h = d["history"]
    every = max(1, len(h["step"]) // 400)  # at most ~400 points per curve keeps frames light
    traces = [
        go.Heatmap(x=d["axis"], y=d["axis"], z=frame.image, zmin=0, zmax=1, colorscale=SURFACE, opacity=0.55,
                   colorbar=dict(title=T.text("d_real_bar"), x=0.52, len=0.9, thickness=14), hoverinfo="skip"),
        go.Scatter(x=lines[:, 0], y=lines[:, 1], mode="lines", line=dict(color="rgba(60,60,60,0.35)", width=1),
                   name=T.text("g_map"), hoverinfo="skip"),
        go.Scatter(x=d["real"][:, 0], y=d["real"][:, 1], mode="markers", name=T.text("real"), marker=dict(color=REAL, size=4)),
        go.Scatter(x=d["fake"][:, 0], y=d["fake"][:, 1], mode="markers", name=T.text("generated"), marker=dict(color=FAKE, size=4)),
    ] + [
        go.Scatter(x=h["step"][::every], y=h[key][::every], name=T.text(key), line=dict(color=color), xaxis="x2", yaxis="y2")
        for key, color in (("d_loss", "#1f77b4"), ("g_loss", "#d62728"))
    ]
    lim = [-gan_lab.VIEW, gan_lab.VIEW]
    layout = go.Layout(
        xaxis=dict(domain=[0, 0.5], range=lim), yaxis=dict(range=lim, scaleanchor="x"),
        # the losses right of the colour bar, with room for their axis title
        xaxis2=dict(domain=[0.7, 1], title=T.text("generator_step")), yaxis2=dict(anchor="x2", title=T.text("loss_axis")),
        title=T.text("lab_title", step=frame.step),
        height=480, margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=-0.1), uirevision="lab", **plot_language(),
    )
    return go.Figure(traces, layout)


def lab_status(frame, fps: float | None) -> str:
    m = frame.metrics
    parts = [T.text("lab_step", step=frame.step, total=frame.total), T.text("lab_coverage", share=number(m["coverage"], ".0%"))]
    if "modes_covered" in m:
        parts.append(T.text("lab_modes", covered=m["modes_covered"], modes=gan_lab.RING_MODES))
    parts.append(T.text("lab_moments", mx=number(m["fake_mean_x"], ".2f"), my=number(m["fake_mean_y"], ".2f"),
                        sx=number(m["fake_std_x"], ".2f"), sy=number(m["fake_std_y"], ".2f")))
    if fps:
        parts.append(T.text("lab_fps", fps=number(fps, ".1f")))
    return " · ".join(parts)


@user_errors
def lab_train(target, csv_text, loss, lr_g, lr_d, d_steps, steps, seed):
    """A fresh tiny GAN for this session, trained ``steps`` generator steps, one figure per frame."""
    config = gan_lab.LabConfig(target=target, loss=loss, lr_g=lr_g, lr_d=lr_d, d_steps=d_steps, seed=seed,
                               csv_text=csv_text or "")
    steps = validate.integer("Training steps", steps, 1, gan_lab.MAX_STEPS)
    yield from _run_lab(gan_lab.Lab(config), steps)


@user_errors
def lab_continue(steps, lab=None, recording=None):
    if lab is None:
        raise gr.Error("Nothing to continue yet: press Train first.")
    yield from _run_lab(lab, validate.integer("Training steps", steps, 1, gan_lab.MAX_STEPS), recording)


def _run_lab(lab, steps, recording=None):
    """Stream (figure, status, lab, recording); the recording (for the GIF) goes on where Continue picks up."""
    if recording is None:
        recording = Recording(real=to_pixels(lab.show_real, gan_lab.VIEW, LAB_GIF_SIDE))
    started, frames = time.perf_counter(), 0
    for frame in lab.stream(steps, LAB_FRAME_STEPS):
        frames += 1
        fps = frames / (time.perf_counter() - started)
        recording.add(lab_shot(frame))
        yield lab_figure(frame), lab_status(frame, fps), lab, recording


# ---- the lab's training as a GIF / MP4 ----------------------------------------------------------
LAB_GIF_SIDE = 200  # recorded points are pixels of a 200x200 square (one byte per coordinate), drawn twice as large
LAB_GIF_SCALE = 2
SURFACE_LEVELS = 12  # the GIF's surface in flat bands: few colours keep a GIF of 120 frames small
_RDBU = np.array([[int(float(c)) for c in s[4:-1].split(",")] for s in sample_colorscale(SURFACE, np.linspace(0, 1, SURFACE_LEVELS))])
SURFACE_LUT = (255 - 0.55 * (255 - _RDBU)).round().astype(np.uint8)  # the live figure's surface: 55 % over white
REAL_RGB, FAKE_RGB = (44, 160, 44), (118, 60, 170)


def lab_shot(frame) -> tuple:
    """What the lab's GIF keeps of one frame, about 1.5 kB: step, total, coverage, ring modes covered,
    the generated points as pixels and D's surface at half resolution as bytes."""
    return (frame.step, frame.total, frame.metrics["coverage"], frame.metrics.get("modes_covered"),
            to_pixels(frame.data["fake"], gan_lab.VIEW, LAB_GIF_SIDE),
            (np.clip(frame.image[::2, ::2], 0, 1) * 255).round().astype(np.uint8))


def lab_gif_frame(shot: tuple, real: np.ndarray) -> Image.Image:
    """One recorded frame drawn as the live figure's left panel: D's surface, real and generated points, step and coverage."""
    step, total, cover, modes, fake, surface = shot
    side, header, footer = LAB_GIF_SIDE * LAB_GIF_SCALE, 30, 50
    score = np.asarray(Image.fromarray(surface[::-1]).resize((side, side), Image.Resampling.BILINEAR))  # row 0 = top
    pixels = np.full((header + side + footer, side, 3), 255, np.uint8)
    pixels[header:header + side] = SURFACE_LUT[(score.astype(int) * SURFACE_LEVELS) // 256]
    draw_points(pixels, real, REAL_RGB, (0, header), LAB_GIF_SCALE)
    draw_points(pixels, fake, FAKE_RGB, (0, header), LAB_GIF_SCALE)
    out = Image.fromarray(pixels)
    draw = ImageDraw.Draw(out)
    title = T.text("lab_gif_title", step=step, total=total, coverage=number(cover, ".0%"))
    if modes is not None:
        title += T.text("lab_gif_modes", modes=modes, total=gan_lab.RING_MODES)
    draw.text((6, 7), title, fill="black", font=caption_font(15))
    small = caption_font(13)
    draw_legend(draw, 6, header + side + 6, [(REAL_RGB, T.text("lab_gif_real")), (FAKE_RGB, T.text("lab_gif_fake"))], small)
    verdict = T.text("lab_gif_verdict") + ":"
    draw.text((6, header + side + 27), verdict, fill="#222", font=small)
    draw_legend(draw, 14 + int(draw.textlength(verdict, font=small)), header + side + 27,
                [(tuple(_RDBU[1]), T.text("lab_gif_says_fake")), (tuple(_RDBU[-2]), T.text("lab_gif_says_real"))], small)
    return with_palette(out, [*SURFACE_LUT, *_RDBU, REAL_RGB, FAKE_RGB])


@user_errors
def lab_gif(recording=None) -> str:
    """This session's last lab training (Train, then any Continue) as an animated GIF; the last frame held."""
    frames = [lab_gif_frame(shot, recording.constant["real"]) for shot in recorded_frames(recording)]
    return save_gif(frames, "gan-lab", [100] * (len(frames) - 1) + [2000])


def preset(name: str):
    c = gan_lab.MODE_COLLAPSE if name == "collapse" else gan_lab.LabConfig()
    return c.target, c.loss, c.lr_g, c.lr_d, c.d_steps






def build() -> None:
    with gr.Tab(T("tab"), id="gan"):
        explain(T("intro"))
        with gr.Row():
            digit = gr.Dropdown([(T("any"), -1)] + DIGITS[1:], value=-1, label=T("digit"))
            n = gr.Slider(1, gan.MAX_SAMPLES, value=20, step=1, label=T("n"))
            seed = gr.Number(0, label=T("seed"), precision=0, minimum=0)
            go_button = gr.Button(T("generate"), variant="primary")
        setup_link("gan", digit=digit, n=n, seed=seed)
        summary = gr.Markdown()
        with gr.Row():
            # as tall as their digits: a gallery that scrolls hides rows behind the blocks below
            fakes = gr.Gallery(label=T("fakes"), columns=5, height="fit-content", object_fit="contain", format="png")
            reals = gr.Gallery(label=T("reals"), columns=5, height="fit-content", object_fit="contain", format="png")
        with gr.Row():
            scores_plot = gr.Plot(label=T("scores_plot"))
            scores = initial(lambda: pd.DataFrame(columns=score_columns()), gr.Dataframe, label=T("scores"), interactive=False,
                             max_height=260, wrap=True, column_widths=["90px", "120px", "130px", "110px", "150px"])
        go_button.click(generate, [digit, n, seed], [fakes, scores, reals, scores_plot, summary], api_name="gan_generate", **QUICK)

        with gr.Accordion(T("collapse_acc"), open=True):
            explain(T("collapse_help"))
            with gr.Row():
                collapse_digit = gr.Dropdown(DIGITS[1:], value=7, label=T("digit"))
                collapse_seed = gr.Number(0, label=T("seed"), precision=0, minimum=0)
                collapse_button = gr.Button(T("collapse_button"), variant="primary")
            with gr.Row():
                collapse_image = gr.Image(label=T("collapse_image"), show_label=False, type="pil", interactive=False,
                                          format="png", elem_id="gan-collapse-image", scale=3)
                collapse_note = gr.Markdown()
            collapse_table = initial(lambda: pd.DataFrame(columns=collapse_columns()), gr.Dataframe,
                                     label=T("collapse_table"), interactive=False)
            collapse_button.click(collapse_compare, [collapse_digit, collapse_seed], [collapse_image, collapse_table, collapse_note],
                                  api_name="gan_collapse", **COMPUTE)

        with gr.Accordion(T("walk_acc"), open=True):
            with gr.Row():
                seed_a = gr.Number(1, label=T("seed_a"), precision=0, minimum=0)
                seed_b = gr.Number(2, label=T("seed_b"), precision=0, minimum=0)
                digit_a = gr.Dropdown(DIGITS[1:], value=3, label=T("digit_a"))
                digit_b = gr.Dropdown(DIGITS[1:], value=8, label=T("digit_b"))
                frames = gr.Slider(2, gan.MAX_WALK_FRAMES, value=12, step=1, label=T("frames"))
                walk_button = gr.Button(T("walk"), variant="primary")
            strip = gr.Image(label=T("strip"), type="pil", interactive=False, format="png")
            with gr.Row():
                gif = download_button(T("gif"))
                mp4_beside(gif, T("mp4"), "gan_walk_mp4")
                walk_note = gr.Markdown()
            walk_button.click(walk, [seed_a, seed_b, digit_a, digit_b, frames], [strip, gif, walk_note], api_name="gan_walk", **QUICK)

        with gr.Accordion(T("timeline_acc"), open=True):
            try:
                _timeline_view()
            except (ModelUnavailable, FileNotFoundError) as exc:
                explain(T.filled("timeline_missing", error=exc))

        explain(T("strengths"))
        measure_button = gr.Button(T("measure"))
        quality = initial(lambda: pd.DataFrame(columns=quality_columns()), gr.Dataframe, label=T("quality"), interactive=False,
                          wrap=True, max_height=600, column_widths=["230px", "140px", "160px", "650px"])
        measure_button.click(measure, None, quality, api_name="gan_measure", **COMPUTE)

        with gr.Accordion(T("lab_acc"), open=True):
            explain(T("lab_help"))
            lab_state = gr.State(None, time_to_live=SESSION_STATE_TTL)
            lab_recording = gr.State(None, time_to_live=SESSION_STATE_TTL)  # this session's frames for the GIF
            with gr.Row():
                with gr.Column(scale=1):
                    target = gr.Dropdown([(T(t), t) for t in gan_lab.TARGETS], value=gan_lab.TARGETS[0], label=T("target"))
                    csv_text = gr.Textbox(label=T("csv"), lines=3, placeholder="0,0\n1,1\n2,0")
                    loss = gr.Radio([(T(l), l) for l in gan_lab.LOSSES], value="non-saturating", label=T("loss"))
                    with gr.Row():
                        lr_g = gr.Number(1e-3, label=T("lr_g"))
                        lr_d = gr.Number(1e-3, label=T("lr_d"))
                    d_steps = gr.Slider(1, 10, value=1, step=1, label=T("d_steps"))
                    steps = gr.Slider(100, gan_lab.MAX_STEPS, value=1500, step=100, label=T("steps"), elem_id="gan-lab-steps")
                    lab_seed = gr.Number(0, label=T("seed"), precision=0, minimum=0)
                    with gr.Row():
                        balanced = gr.Button(T("balanced"), size="sm")
                        collapse = gr.Button(T("collapse"), size="sm")
                    with gr.Row():
                        train_button = gr.Button(T("train"), variant="primary")
                        more_button = gr.Button(T("continue"))
                        stop_button = gr.Button(T("stop"), variant="stop")
                with gr.Column(scale=3):
                    lab_plot = gr.Plot(show_label=False)
                    lab_text = gr.Markdown()
                    with gr.Row():
                        lab_gif_button = gr.Button(T("lab_gif_button"), size="sm")
                        lab_gif_file = download_button(T("lab_gif"))
                        mp4_beside(lab_gif_file, T("lab_mp4"), "gan_lab_mp4")
                    setup_link("gan", target=target, loss=loss, lr_g=lr_g, lr_d=lr_d, d_steps=d_steps, steps=steps,
                               lab_seed=lab_seed)
            collapsed = gan_lab.MODE_COLLAPSE
            lesson_presets("gan", APP("presets"), [target, csv_text, loss, lr_g, lr_d, d_steps, steps, lab_seed], {
                "Mode collapse (G 100× faster than D) · Mode Collapse": [collapsed.target, "", collapsed.loss, collapsed.lr_g,
                                                                         collapsed.lr_d, collapsed.d_steps, 1500, 0],
                "Balanced: the ring gets covered · Ausgewogen: der Ring wird abgedeckt": [gan_lab.TARGETS[0], "", "non-saturating",
                                                                                          1e-3, 1e-3, 1, 1500, 0],
                "Two moons, least squares · Zwei Monde, kleinste Quadrate": ["Two moons", "", "least squares", 1e-3, 1e-3, 1, 1500, 0],
            }, lab_train)
            knobs = [target, loss, lr_g, lr_d, d_steps]
            balanced.click(lambda: preset("balanced"), None, knobs, api_name="gan_lab_preset_balanced")
            collapse.click(lambda: preset("collapse"), None, knobs, api_name="gan_lab_preset_collapse")
            train = train_button.click(lab_train, [target, csv_text, loss, lr_g, lr_d, d_steps, steps, lab_seed],
                                       [lab_plot, lab_text, lab_state, lab_recording], api_name="gan_lab_train", **TRAINING)
            more = more_button.click(lab_continue, [steps, lab_state, lab_recording], [lab_plot, lab_text, lab_state, lab_recording],
                                     api_name="gan_lab_continue", **TRAINING)
            stop_button.click(None, None, None, cancels=[train, more], api_name="gan_lab_stop")
            lab_gif_button.click(lab_gif, lab_recording, lab_gif_file, api_name="gan_lab_gif", **QUICK)


def _timeline_view() -> None:
    info = gan.training_info()
    t = _timeline()
    shipped = info["shipped_validation"]
    explain(T.filled("timeline_help", every=int(t["epochs"][1] - t["epochs"][0]), epochs=info.get("epochs", "?"),
                     steps=in_both_languages(info["steps"], ",") if "steps" in info else "?",
                     minutes=in_both_languages(info.get("seconds", 0) / 60, ".0f"),
                     machine=machine_in_both_languages(info.get("machine", "CPU")), shipped=info.get("shipped_epoch", "?"),
                     validation=info.get("validation_digits", "?"),
                     **{key: in_both_languages(bar, "g") for key, bar in info["selection_targets"].items()},
                     fid=in_both_languages(shipped["fid"], ".1f"), got_recall=in_both_languages(shipped["recall"], ".2f"),
                     got_recognizability=in_both_languages(shipped["recognizability"], ".0%")))
    last = len(t["epochs"]) - 1
    snapshot = gr.Slider(0, last, value=last, step=1, label=T("snapshot"))
    with gr.Row():
        timeline_image = initial(lambda: timeline_strip(t["samples"][last], int(t["epochs"][last])), gr.Image, type="pil",
                                 interactive=False, show_label=False, format="png")
        curves = initial(lambda: loss_figure(t, int(t["steps"][last])), gr.Plot, show_label=False)
    snapshot.change(timeline, snapshot, [timeline_image, curves], api_name="gan_timeline")
    with gr.Row():
        export = gr.Button(T("timeline_export"), size="sm")
        timeline_gif = download_button(T("timeline_gif"))
        mp4_beside(timeline_gif, T("timeline_mp4"), "gan_timeline_mp4")
    export.click(timeline_export, None, timeline_gif, api_name="gan_timeline_gif")


def warm() -> None:
    _engine().load()
    get_engine(gan.GanEngine, gan.COLLAPSED).load()
