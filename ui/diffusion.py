"""The Diffusion tab: noise turns into a digit, step by step, on a UNet we trained ourselves."""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path

import gradio as gr
import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw

from engines import digits, metrics, validate
from engines import diffusion_toy as toy
from engines import registry
from engines.diffusion_hub import TextToImageEngine
from engines.diffusion_hub import check_inputs as check_text_inputs
from engines.base import get_engine
from engines.batching import batcher_for, kept_every
from engines.diffusion import EMBEDDED, MAX_SAMPLES, SCHEDULERS, DiffusionEngine, check_inputs
from engines.errors import UserInputError
from ui.common import (BATCHED, COMPUTE, QUICK, SESSION_STATE_TTL, TRAINING, Recording, caption_font, draw_legend, draw_points, drawn_digit,
                       download_button, explain, export_folder, exports_exist, follow_hub_availability, gpu, lesson_presets, mp4_beside,
                       on_zero_gpu, picture_css, recorded_frames, save_gif, save_png, session_hash, to_pixels, user_errors, with_palette)
from ui.i18n import language, machine_words, number, percent, plot_language
from ui.locales.app import T as APP
from ui.locales.diffusion import T
from ui.share import setup_link

FILMSTRIP_STEPS = 8
INK_LEVEL = 0.5  # a pixel brighter than this is stroke: the share of such pixels says how bold the digits are
GRID_SIDE_PX = 420  # each of the two grids (x_t, x̂0) is drawn about this wide
QUALITY_RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results" / "quality.json"  # written by bench/quality.py
LANGS = ("en", "de")
# ---- measured facts for the texts: read from the files scripts and benchmarks wrote -------------
def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def training_info() -> dict:
    """What scripts/train_diffusion.py recorded about the embedded UNet ({} when the file is missing)."""
    return _read_json(registry.ASSETS / registry.spec(EMBEDDED).location / "training.json")


def measured_quality() -> dict:
    """The embedded model's row of bench/results/quality.json, with the steps, scheduler and guidance it was
    sampled at (from the file's settings); {} when the file, the row or its settings are missing."""
    result = _read_json(QUALITY_RESULTS)
    row = (result.get("models") or {}).get("diffusion")
    match = re.search(r"(\d+) (\S+) steps at guidance ([\d.]+)", str(result.get("settings", "")))
    if not isinstance(row, dict) or not match or not {"recognizability", "samples"} <= set(row):
        return {}
    return {**row, "steps": int(match[1]), "scheduler": match[2], "guidance": float(match[3])}



def _intro_training(info: dict, lang: str) -> str:
    if not {"parameters", "train_minutes", "epochs", "steps", "batch", "machine"} <= set(info):
        return T.text("intro_training_unknown", lang)
    train_digits = info.get("train_digits") or len(digits.split().train_x)  # older records: the whole training split
    return T.text("intro_training", lang, parameters=number(info["parameters"] / 1e6, ",.1f", lang),
                  minutes=number(info["train_minutes"], ",.0f", lang), epochs=info["epochs"], steps=number(info["steps"], ",.0f", lang),
                  batch=info["batch"], digits=number(train_digits, ",.0f", lang), machine=machine_words(info["machine"], lang))


def _intro_quality(quality: dict, lang: str) -> str:
    if not quality:
        return T.text("intro_quality_unknown", lang)
    n = int(quality["samples"])
    count = round(quality["recognizability"] * n)
    guidance = f"{quality['guidance']:g}".replace(".", "," if lang == "de" else ".")
    setting = dict(guidance=guidance, steps=quality["steps"], scheduler=quality["scheduler"], n=number(n, ",.0f", lang))
    if count == n:
        return T.text("intro_quality_all", lang, **setting)
    share = number(100 * quality["recognizability"], ",.1f", lang) + (" %" if lang == "de" else "%")
    return T.text("intro_quality_some", lang, count=number(count, ",.0f", lang), share=share, **setting)


def intro_md():
    """The tab's introduction, its training and quality figures filled from the files that measured them."""
    info, quality = training_info(), measured_quality()
    return T.filled("intro", training={lang: _intro_training(info, lang) for lang in LANGS},
                    quality={lang: _intro_quality(quality, lang) for lang in LANGS})


def strengths_md():
    """Strengths and weaknesses, the model's size and training time filled from its training.json."""
    info = training_info()
    model = {lang: T.text("strengths_model", lang, parameters=number(info["parameters"] / 1e6, ",.1f", lang))
             if "parameters" in info else T.text("strengths_model_unknown", lang) for lang in LANGS}
    cost = {lang: T.text("strengths_cost", lang, minutes=number(info["train_minutes"], ",.0f", lang))
            if "train_minutes" in info else T.text("strengths_cost_unknown", lang) for lang in LANGS}
    return T.filled("strengths", model=model, cost=cost)


# ---- figures: pure functions from engine frames to images -------------------------------------
def grid(images: np.ndarray, side_px: int = GRID_SIDE_PX) -> Image.Image:
    """(n, 28, 28) in [0, 1] -> one square-ish grid, scaled up with crisp pixels."""
    n = len(images)
    cols = math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    pad = 2
    canvas = np.ones((rows * (28 + pad) + pad, cols * (28 + pad) + pad), dtype=np.float32) * 0.35
    for k, img in enumerate(images):
        r, c = divmod(k, cols)
        canvas[pad + r * (28 + pad) : pad + r * (28 + pad) + 28, pad + c * (28 + pad) : pad + c * (28 + pad) + 28] = img
    scale = max(1, side_px // canvas.shape[1])
    pil = Image.fromarray((canvas * 255).round().astype(np.uint8))
    return pil.resize((pil.width * scale, pil.height * scale), Image.NEAREST)


def compose_step(frame) -> Image.Image:
    """One picture per step: x_t grid | x̂0 grid, with the step counter above."""
    left, right = grid(frame.image), grid(frame.preview)
    header, gap = 44, 16
    out = Image.new("RGB", (left.width + gap + right.width, header + left.height + 30), "white")
    out.paste(left.convert("RGB"), (0, header))
    out.paste(right.convert("RGB"), (left.width + gap, header))
    draw = ImageDraw.Draw(out)
    draw.text((4, 8), T.text("step_header", step=frame.step + 1, total=frame.total, t=f"{frame.metrics['t']:.0f}",
                             noise=percent(frame.metrics["noise_level"])), fill="black", font=caption_font(24))
    small = caption_font(20)
    draw.text((4, header + left.height + 4), T.text("x_t_now"), fill="#333", font=small)
    draw.text((left.width + gap + 4, header + left.height + 4), T.text("x0_guess"), fill="#333", font=small)
    return out


def filmstrip(frames: list, samples: int = 4) -> Image.Image:
    """The first few samples (rows) at evenly chosen steps (columns): x_t above, x̂0 below, each half titled."""
    picks = sorted({round(i * (len(frames) - 1) / (FILMSTRIP_STEPS - 1)) for i in range(FILMSTRIP_STEPS)})
    chosen = [frames[i] for i in picks]
    k = min(samples, len(frames[0].image))
    scale, pad, label_h, title_h = 3, 4, 26, 28
    cell = 28 * scale
    width = len(chosen) * (cell + pad) + pad
    half_h = title_h + k * (cell + pad)
    out = Image.new("RGB", (width, label_h + 2 * half_h), "white")
    draw = ImageDraw.Draw(out)
    font, title_font = caption_font(16), caption_font(20)
    for half, title in enumerate((T.text("x_t_now"), T.text("x0_guess"))):
        draw.text((pad, label_h + half * half_h + 4), title, fill="#333", font=title_font)
    for c, fr in enumerate(chosen):
        x = pad + c * (cell + pad)
        draw.text((x, 4), f"t={fr.metrics['t']:.0f}", fill="black", font=font)
        for half, source in enumerate((fr.image, fr.preview)):
            for r in range(k):
                tile = Image.fromarray((source[r] * 255).round().astype(np.uint8)).resize((cell, cell), Image.NEAREST)
                out.paste(tile.convert("RGB"), (x, label_h + half * half_h + title_h + r * (cell + pad)))
    return out


def denoising_gif(pictures: list[Image.Image]) -> str:
    # half size: the GIF is a keepsake, the live view is full size (a 25-step GIF stays well under 1 MB)
    # the pictures are grey on white: greyscale frames need no palette search (5x quicker than an adaptive palette)
    frames = [p.resize((p.width // 2, p.height // 2), Image.BILINEAR).convert("L") for p in pictures]
    return save_gif(frames, "denoising", [120] * (len(frames) - 1) + [1500])  # hold the finished digits


def schedule_figure(schedule: dict, t: int) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=schedule["t"], y=schedule["alpha_bar"], name=T.text("signal_kept"), line=dict(width=3))
    fig.add_scatter(x=schedule["t"], y=1 - schedule["alpha_bar"], name=T.text("noise_share"), line=dict(dash="dot"))
    fig.add_scatter(x=schedule["t"], y=np.clip(schedule["snr"], 1e-5, 1e5), name=T.text("snr_right"),
                    yaxis="y2", line=dict(color="gray"))
    fig.add_vline(x=t, line=dict(color="crimson", width=2))
    fig.add_scatter(x=[t], y=[schedule["alpha_bar"][t]], mode="markers", marker=dict(size=14, color="crimson"),
                    name=f"t = {t}: ᾱ_t = {number(schedule['alpha_bar'][t], '.3f')}")
    fig.update_layout(
        height=360, margin=dict(l=50, r=60, t=30, b=40), legend=dict(orientation="h", y=-0.2),
        xaxis_title=T.text("step_t"), yaxis=dict(title=T.text("share"), range=[0, 1.02]),
        yaxis2=dict(title=T.text("snr"), type="log", overlaying="y", side="right", showgrid=False, exponentformat="power"),
        **plot_language(),
    )
    return fig


def forward_strip(x0: np.ndarray, noisy: dict[int, np.ndarray]) -> Image.Image:
    tiles = [x0] + list(noisy.values())
    labels = ["x_0"] + [f"t={t}" for t in noisy]
    scale, pad = 5, 6
    cell = 28 * scale
    out = Image.new("RGB", (len(tiles) * (cell + pad) + pad, cell + 40), "white")
    draw = ImageDraw.Draw(out)
    for i, (tile, label) in enumerate(zip(tiles, labels)):
        x = pad + i * (cell + pad)
        out.paste(Image.fromarray((tile * 255).round().astype(np.uint8)).resize((cell, cell), Image.NEAREST), (x, 0))
        draw.text((x + 4, cell + 8), label, fill="black", font=caption_font(20))
    return out


# ---- handlers -----------------------------------------------------------------------------
def engine() -> DiffusionEngine:
    return get_engine(DiffusionEngine)


def warm() -> None:
    engine().load()


def denoising_frames(digit, n, steps, guidance, scheduler, seed, init_image=None, strength=1.0):
    """One run, an item per step: (the kept frames since the last item, the newest frame).

    The UNet calls are shared with other users' runs; an identical request follows the same run (engines.batching).
    """
    settings = dict(digit=digit, n=n, steps=steps, guidance=guidance, scheduler=scheduler, seed=seed,
                    init_image=init_image, strength=strength)
    if on_zero_gpu():  # each handler in a process of its own: this run alone
        every = kept_every(steps)
        yield from (([frame] if frame.step % every == 0 or frame.done else [], frame) for frame in engine().stream(**settings))
    else:
        yield from batcher_for(engine()).follow(owner=session_hash(), **settings)


# At most this many live pictures a second: each costs a file and a message on the same CPU cores the model
# runs on; five a second still look like an animation on a projector.
LIVE_UPDATES_PER_S = 5


def made_once(frame, what: str, make):
    """``make()`` once per computation, step, language and ``what``, however many students follow that run: a class
    pressing one preset shares one set of pictures and files (engines.batching stamps its frames with the run's
    number). Frames from no batcher (ZeroGPU) get theirs made afresh."""
    run = frame.data.get("run")
    if run is None:
        return make()
    return batcher_for(engine()).outputs.get((run, frame.step, what, language()), make, still_good=exports_exist)


def step_picture(frame) -> str:
    """The step's picture (``compose_step``) as a greyscale PNG file, made once per computation and language."""
    return made_once(frame, "picture", lambda: save_png(compose_step(frame).convert("L"), "step"))


def live_pictures(steps):
    """(every kept frame so far, the newest frame, its picture file) per update: the newest step, at most
    LIVE_UPDATES_PER_S a second, and the last step always; a slower client gets fewer."""
    frames, shown = [], -math.inf
    for kept, newest in steps:
        frames.extend(kept)
        if newest.done or time.perf_counter() - shown >= 1 / LIVE_UPDATES_PER_S:
            shown = time.perf_counter()
            yield frames, newest, step_picture(newest)


@user_errors
@gpu
def diffusion_generate(digit, n, steps, guidance, scheduler, seed):
    """Stream (composed step image, gallery, filmstrip, GIF, timing line)."""
    digit, n, steps, guidance, scheduler, seed = check_inputs(digit, n, steps, guidance, scheduler, seed)
    for frames, newest, picture in live_pictures(denoising_frames(digit, n, steps, guidance, scheduler, seed)):
        if not newest.done:
            yield picture, gr.skip(), gr.skip(), gr.skip(), gr.skip()
    yield made_once(frames[-1], "finished", lambda: finished_views(frames, digit, n, steps, guidance, scheduler))


def finished_views(frames: list, digit: int, n: int, steps: int, guidance: float, scheduler: str) -> tuple:
    """What a finished run shows: (last step's picture, gallery, filmstrip, GIF, timing and measured line), as files."""
    last = frames[-1]
    samples = export_folder()
    gallery = [(save_png(Image.fromarray((img * 255).round().astype(np.uint8)), f"{digit}-{k + 1}", samples),
                T.text("sample_n", digit=digit, k=k + 1)) for k, img in enumerate(last.image)]
    seconds = last.metrics["seconds"]
    timing = T.text("timing", n=n, steps=steps, scheduler=scheduler, guidance=number(guidance, "g"), seconds=number(seconds, ".2f"),
                    ms=number(1000 * seconds / steps, ".0f"), images=2 * n)
    others = max(frame.data.get("runs_in_call", 1) for frame in frames) - 1  # kept frames: a sample of the steps
    if others:
        timing += " " + T.text("shared", others=others)
    gif = denoising_gif([compose_step(frame) for frame in frames])
    return (step_picture(last), gallery, save_png(filmstrip(frames).convert("L"), "filmstrip"), gif,
            timing + " " + measured_line(last.image, digit))


def measured_line(images: np.ndarray, digit: int) -> str:
    """How many samples the classifier recognizes as the digit, and how varied they are against real ones of it."""
    recognized = round(metrics.recognizability(images, digit)["share"] * len(images))
    if len(images) == 1:
        return T.text("measured_one", digit=digit, answer=T.text("yes" if recognized else "no"))
    variety = metrics.class_diversity(images, digit)["relative"]
    return T.text("measured", count=recognized, n=len(images), digit=digit, variety=number(variety, ".2f"),
                  ink=percent(float((images > INK_LEVEL).mean())))


@user_errors
def diffusion_forward(digit_index, t):
    """A real test digit noised to step t, a strip of noise levels, and the schedule chart."""
    data = digits.split()
    index = validate.integer("Digit index", digit_index, 0, len(data.test_x) - 1)
    t = validate.integer("t", t, 0, 999)
    return _forward_views(data.test_x[index], t, index, T.text("test_digit_at", index=index, digit=int(data.test_y[index]), t=t))


def _forward_views(x0: np.ndarray, t: int, seed: int, caption: str):
    """x_0 noised to t and to a few fixed levels (a strip), the schedule chart with t marked, and the caption."""
    eng = engine()
    noisy = {s: eng.add_noise(x0, s, seed=seed) for s in sorted({t, 100, 300, 500, 700, 999})}
    return forward_strip(x0, noisy), schedule_figure(eng.schedule(), t), caption


GUIDANCE_SWEEP = (0.0, 1.0, 2.0, 3.0, 5.0, 8.0)
STEPS_SWEEP = (1, 2, 5, 10, 25, 50)
SWEEP_SAMPLES = 10


def sweep_grid(rows: list[tuple[str, np.ndarray]]) -> Image.Image:
    """One row of samples per setting, labelled on the left."""
    scale, pad, font = 3, 3, caption_font(32)
    label_w = 18 + round(max(font.getlength(label) for label, _ in rows))
    cell = 28 * scale
    cols = max(len(images) for _, images in rows)
    out = Image.new("RGB", (label_w + cols * (cell + pad), len(rows) * (cell + pad) + pad), "white")
    draw = ImageDraw.Draw(out)
    for r, (label, images) in enumerate(rows):
        y = pad + r * (cell + pad)
        draw.text((6, y + cell // 2), label, fill="black", font=font, anchor="lm")
        for c, img in enumerate(images):
            tile = Image.fromarray((img * 255).round().astype(np.uint8)).resize((cell, cell), Image.NEAREST)
            out.paste(tile, (label_w + c * (cell + pad), y))
    return out


SHARE_TICKS = (0, 0.2, 0.4, 0.6, 0.8, 1)


def sweep_figure(x, series: dict[str, list[float]], x_title: str, title: str = "", log_x: bool = False,
                 left_is_share: bool = True) -> go.Figure:
    """Two measures at each setting of a sweep, the first on the left axis (a share, unless told), the second on the right."""
    fig = go.Figure()
    for k, (name, values) in enumerate(series.items()):
        fig.add_scatter(x=list(x), y=values, name=name, mode="lines+markers", yaxis="y2" if k else "y")
    names = list(series)
    left = (dict(range=[0, 1.05], tickvals=SHARE_TICKS, ticktext=[percent(v) for v in SHARE_TICKS]) if left_is_share
            else dict(rangemode="tozero"))
    fig.update_layout(
        title=dict(text=title, font=dict(size=14)), height=360, margin=dict(l=50, r=60, t=50, b=40),
        legend=dict(orientation="h", y=-0.25),
        # a log axis labels only the settings swept (Plotly's own ticks read "8 9 1 2 3 …")
        xaxis=dict(title=x_title, type="log" if log_x else "linear", tickvals=list(x)),
        yaxis=dict(title=names[0], **left),
        yaxis2=dict(title=names[1], overlaying="y", side="right", showgrid=False, rangemode="tozero"),
        **plot_language(),
    )
    return fig


def reference_line(fig: go.Figure, y: float, axis: str, text: str) -> None:
    """A dotted line across the chart at y on one of its y axes ("y" or "y2"), named at its left end (the sweeps' last
    points, at the right, stay clear)."""
    fig.add_shape(type="line", xref="paper", x0=0, x1=1, yref=axis, y0=y, y1=y, line=dict(color="gray", dash="dot"))
    fig.add_annotation(xref="paper", x=0, yref=axis, y=y, text=text, showarrow=False, xanchor="left", yanchor="bottom",
                       font=dict(color="gray"))


def _sweep(settings, run_one, digit: int, progress):
    """Yield (rows, measured) after each setting: the handlers show rows as they come, and Stop ends a sweep there."""
    rows, measured = [], []
    for value in progress.tqdm(settings, desc=T.text("sweeping")):
        started = time.perf_counter()
        images = run_one(value)
        seconds = time.perf_counter() - started
        rows.append(images)
        measured.append((seconds, metrics.recognizability(images, digit)["share"],
                         metrics.class_diversity(images, digit)["relative"], metrics.sharpness(images)))
        yield rows, measured


@user_errors
@gpu
def diffusion_guidance_sweep(digit, seed, progress=gr.Progress()):
    """The same noise denoised at several guidance scales: fidelity rises, variety falls."""
    digit, _, _, _, _, seed = check_inputs(digit, SWEEP_SAMPLES, 25, 3.0, "DDIM", seed)

    def run_one(w):
        return engine().result(digit=digit, n=SWEEP_SAMPLES, steps=25, guidance=w, scheduler="DDIM", seed=seed).image

    for rows, measured in _sweep(GUIDANCE_SWEEP, run_one, digit, progress):
        picture = sweep_grid([(f"w = {number(w, 'g')}", images) for w, images in zip(GUIDANCE_SWEEP, rows)])
        if len(rows) < len(GUIDANCE_SWEEP):
            yield picture, gr.skip()
    (_, rec_low, var_low, _), (_, rec_high, var_high, _) = measured[0], measured[-1]
    title = T.text("guidance_measured", low=number(GUIDANCE_SWEEP[0], "g"), high=number(GUIDANCE_SWEEP[-1], "g"),
                   rec_low=percent(rec_low), rec_high=percent(rec_high), var_low=number(var_low, ".2f"), var_high=number(var_high, ".2f"))
    figure = sweep_figure(GUIDANCE_SWEEP, {T.text("recognizable"): [m[1] for m in measured],
                                           T.text("variety"): [m[2] for m in measured]}, T.text("guidance_w"), title)
    reference_line(figure, 1.0, "y2", T.text("real_variety"))
    yield picture, figure


@user_errors
@gpu
def diffusion_steps_sweep(digit, seed, progress=gr.Progress()):
    """The same noise denoised in 1 to 50 DDIM steps: time grows with steps, the strokes' sharpness saturates."""
    digit, _, _, _, _, seed = check_inputs(digit, SWEEP_SAMPLES, 25, 3.0, "DDIM", seed)

    def run_one(steps):
        return engine().result(digit=digit, n=SWEEP_SAMPLES, steps=steps, guidance=3.0, scheduler="DDIM", seed=seed).image

    for rows, measured in _sweep(STEPS_SWEEP, run_one, digit, progress):
        picture = sweep_grid([(T.text("n_steps_plural" if s > 1 else "n_steps", n=s), images) for s, images in zip(STEPS_SWEEP, rows)])
        if len(rows) < len(STEPS_SWEEP):
            yield picture, gr.skip()
    (time_low, rec_low, _, sharp_low), (time_high, rec_high, _, sharp_high) = measured[0], measured[-1]
    title = T.text("steps_measured", low=STEPS_SWEEP[0], high=STEPS_SWEEP[-1], rec_low=percent(rec_low), rec_high=percent(rec_high),
                   sharp_low=number(sharp_low, ".2f"), sharp_high=number(sharp_high, ".2f"),
                   time_low=number(time_low, ".2f"), time_high=number(time_high, ".1f"))
    # the classifier recognizes even 1-step digits; their sharpness shows what more steps add
    figure = sweep_figure(STEPS_SWEEP, {T.text("sharpness"): [m[3] for m in measured],
                                        T.text("seconds"): [m[0] for m in measured]}, T.text("ddim_steps"), title, log_x=True,
                          left_is_share=False)
    reference_line(figure, metrics.sharpness_real(), "y", T.text("real_sharpness"))
    yield picture, figure


@user_errors
@gpu
def diffusion_sketch(drawing, digit, strength, steps, seed):
    """SDEdit: the drawing is noised to `strength`, then denoised towards `digit`. Streams like generate."""
    x0 = drawn_digit(drawing)
    digit, n, steps, _, _, seed = check_inputs(digit, 8, steps, 3.0, "DDIM", seed)
    strength = validate.number("Strength", strength, 0.05, 1.0)
    for frames, _, picture in live_pictures(denoising_frames(digit, n, steps, 3.0, "DDIM", seed, init_image=x0, strength=strength)):
        yield picture, gr.skip()
    rows = [(T.text("your_drawing"), x0[None]), (T.text("noised_start"), engine().add_noise(x0, int(frames[0].metrics["t"]), seed)[None]),
            (T.text("results"), frames[-1].image)]
    yield compose_step(frames[-1]), sweep_grid(rows)


# ---- 2D toy diffusion ---------------------------------------------------------------------
TOY_EXAMPLE_CSV = "x,y\n0,0\n1,1\n2,0\n3,1\n4,0\n0,2\n4,2\n2,3\n"
TOY_FRAME_INTERVAL = 0.12  # seconds: a few frames per second, slow enough to follow


def toy_figure(frame) -> go.Figure:
    """Target shape in grey, the particles now in colour, a few particle paths as lines."""
    phase = frame.data["phase"]
    target = frame.data["target"]
    fig = go.Figure()
    fig.add_scatter(x=target[:, 0], y=target[:, 1], mode="markers", name=T.text("toy_data"),
                    marker=dict(size=5, color="rgba(90,90,90,0.45)"))
    if phase == "forward":
        title = T.text("toy_forward", t=f"{frame.metrics['t']:.0f}", alpha=number(frame.metrics["alpha_bar"], ".2f"))
        fig.add_scatter(x=frame.image[:, 0], y=frame.image[:, 1], mode="markers", name=T.text("toy_noised"),
                        marker=dict(size=5, color="#d62728", opacity=0.7))
    elif phase == "train":
        title = T.text("toy_train", step=number(frame.metrics["trained_steps"], ",.0f"), loss=number(frame.metrics["loss"], ".3f"))
    else:
        t = frame.metrics["t"]
        title = T.text("toy_pure_noise") if t >= 100 else T.text("toy_reverse", t=f"{t:.0f}")
        if frame.done:
            title = T.text("toy_done", share=percent(frame.metrics["on_shape"]))
        for k, path in enumerate(frame.data["trajectories"]):
            fig.add_scatter(x=path[:, 0], y=path[:, 1], mode="lines", line=dict(width=2, color="#ff7f0e"),
                            name=T.text("toy_paths"), legendgroup="paths", showlegend=k == 0)
        starts = frame.data["trajectories"][:, 0]
        fig.add_scatter(x=starts[:, 0], y=starts[:, 1], mode="markers", name=T.text("toy_starts"),
                        marker=dict(size=9, symbol="x", color="#ff7f0e"))
        fig.add_scatter(x=frame.image[:, 0], y=frame.image[:, 1], mode="markers", name=T.text("toy_particles"),
                        marker=dict(size=5, color="#1f77b4", opacity=0.75))
    view = toy.VIEW
    fig.update_layout(
        title=dict(text=title, font=dict(size=16)), height=560, margin=dict(l=40, r=20, t=50, b=40),
        xaxis=dict(range=[-view, view], zeroline=False), yaxis=dict(range=[-view, view], scaleanchor="x", zeroline=False),
        legend=dict(orientation="h", y=-0.08), uirevision="toy", **plot_language(),
    )
    return fig


LOSS_WINDOW = 25  # training steps in the loss curve's moving average


def smoothed_loss(losses: list[float]) -> np.ndarray:
    """The toy training's loss as a moving average over LOSS_WINDOW steps (as it is, while shorter)."""
    if len(losses) <= LOSS_WINDOW:
        return np.asarray(losses)
    return np.convolve(losses, np.ones(LOSS_WINDOW) / LOSS_WINDOW, mode="valid")


def toy_loss_figure(losses: list[float]) -> go.Figure:
    fig = go.Figure()
    if losses:
        fig.add_scatter(y=smoothed_loss(losses), mode="lines", name=T.text("loss_average"))
    fig.update_layout(height=260, margin=dict(l=50, r=20, t=30, b=40), xaxis_title=T.text("training_step"),
                      yaxis_title=T.text("noise_mse"), title=T.text("training_loss"), **plot_language())
    return fig


@user_errors
def diffusion_toy(shape, csv_text, train_steps, seed):
    """Stream (figure, loss chart, status, recording): noising, live training, then denoising with particle paths."""
    frames = toy.stream(shape=shape, csv_text=csv_text or "", train_steps=train_steps, seed=seed)
    recording = None  # this run's frames, for the GIF / MP4
    started = last_sent = time.perf_counter()
    for frame in frames:
        wait = TOY_FRAME_INTERVAL - (time.perf_counter() - last_sent)
        if wait > 0:
            time.sleep(wait)
        last_sent = time.perf_counter()
        phase = frame.data["phase"]
        losses = toy_loss_figure(frame.data["losses"]) if "losses" in frame.data and (phase == "train" or frame.done) else gr.skip()
        if frame.done:
            m = frame.metrics
            status = T.text("toy_status_done", seconds=number(time.perf_counter() - started, ".1f"),
                            train_seconds=number(m["train_seconds"], ".1f"), share=percent(m["on_shape"]),
                            quantile=percent(toy.ON_SHAPE_QUANTILE), start=percent(m["on_shape_at_start"]),
                            distance=number(m["distance"], ".3f"))
        else:
            status = T.text({"forward": "toy_status_forward", "train": "toy_status_train", "reverse": "toy_status_reverse"}[phase])
        recording = record_toy(recording, frame)
        yield toy_figure(frame), losses, status, recording


# ---- the toy run as a GIF / MP4 -------------------------------------------------------------
TOY_GIF_SIDE, TOY_GIF_SCALE = 200, 2  # points kept as pixels of a 200x200 square (a byte per coordinate), drawn 2x
TOY_LOSS_POINTS = 200  # the loss curve is kept this finely
SHAPE_RGB, NOISED_RGB, PARTICLE_RGB, PATH_RGB = (175, 175, 175), (214, 39, 40), (31, 119, 180), (255, 127, 14)


def record_toy(recording: Recording | None, frame) -> Recording:
    """Add what the GIF needs of one toy frame (a few kB): phase, numbers, the moving points as pixels.

    The loss curve (thinned) and the particle paths (the latest, which hold all earlier ones) are kept once."""
    data = frame.data
    if recording is None:
        recording = Recording(target=to_pixels(data["target"], toy.VIEW, TOY_GIF_SIDE))
    phase = data["phase"]
    if "losses" in data:
        smooth = smoothed_loss(data["losses"])
        picks = np.unique(np.linspace(0, len(smooth) - 1, min(TOY_LOSS_POINTS, len(smooth))).round().astype(int))
        recording.constant["losses"] = (picks.astype(np.float32) + 1, smooth[picks].astype(np.float32))
    paths = 0
    if phase == "reverse":
        recording.constant["paths"] = data["trajectories"].astype(np.float16)  # (TRAJECTORIES, steps so far, 2)
        paths = data["trajectories"].shape[1]
    points = None if phase == "train" else to_pixels(frame.image, toy.VIEW, TOY_GIF_SIDE)
    recording.add((phase, dict(frame.metrics), points, paths, frame.done))
    return recording


def _toy_title(phase: str, m: dict, done: bool) -> str:
    if phase == "forward":
        return T.text("toy_gif_forward", t=f"{m['t']:.0f}", signal=percent(m["alpha_bar"]))
    if phase == "train":
        return T.text("toy_gif_train", step=number(m["trained_steps"], ",.0f"), loss=number(m["loss"], ".3f"))
    if done:
        return T.text("toy_gif_done", share=percent(m["on_shape"]))
    return T.text("toy_gif_noise") if m["t"] >= toy.TIMESTEPS else T.text("toy_gif_reverse", t=f"{m['t']:.0f}")


def toy_gif_frame(shot: tuple, constant: dict) -> Image.Image:
    """One recorded toy frame: the shape in grey, noised points or particles with their paths, the loss so far."""
    phase, m, points, n_paths, done = shot
    side, header, chart, footer = TOY_GIF_SIDE * TOY_GIF_SCALE, 30, 76, 28
    pixels = np.full((header + side + chart + footer, side, 3), 255, np.uint8)
    pixels[header:header + side] = 248
    draw_points(pixels, constant["target"], SHAPE_RGB, (0, header), TOY_GIF_SCALE)
    if phase == "forward":
        draw_points(pixels, points, NOISED_RGB, (0, header), TOY_GIF_SCALE)
    out = Image.fromarray(pixels)
    draw = ImageDraw.Draw(out)
    if phase == "reverse":
        paths = constant["paths"][:, :n_paths].astype(np.float32)
        screen = (paths + toy.VIEW) / (2 * toy.VIEW) * (side - 1)
        screen[..., 1] = header + side - 1 - screen[..., 1]
        for path in screen:
            draw.line([tuple(p) for p in path], fill=PATH_RGB, width=2)
            x, y = path[0]
            draw.line([x - 5, y - 5, x + 5, y + 5], fill=PATH_RGB, width=2)
            draw.line([x - 5, y + 5, x + 5, y - 5], fill=PATH_RGB, width=2)
        pixels = np.array(out)
        draw_points(pixels, points, PARTICLE_RGB, (0, header), TOY_GIF_SCALE)
        out = Image.fromarray(pixels)
        draw = ImageDraw.Draw(out)
    draw.text((6, 7), _toy_title(phase, m, done), fill="black", font=caption_font(15))
    small = caption_font(13)
    top = header + side + 6
    draw.text((6, top), T.text("toy_gif_loss"), fill="#222", font=small)
    if phase != "forward" and "losses" in constant:
        x, y = constant["losses"]
        upto = x <= m.get("trained_steps", x[-1])
        box = (6, top + 20, side - 6, top + chart - 8)  # left, top, right, bottom
        draw.rectangle(box, outline="#bbb")
        if upto.sum() > 1:
            lo, hi = float(y.min()), float(y.max()) + 1e-6
            sx = box[0] + (x[upto] - 1) / max(x[-1] - 1, 1) * (box[2] - box[0])
            sy = box[3] - (y[upto] - lo) / (hi - lo) * (box[3] - box[1])
            draw.line(list(zip(sx.tolist(), sy.tolist())), fill=PARTICLE_RGB, width=2)
    items = [(SHAPE_RGB, T.text("toy_gif_shape"))]
    items += {"forward": [(NOISED_RGB, T.text("toy_gif_noised"))], "train": [],
              "reverse": [(PARTICLE_RGB, T.text("toy_gif_particles")), (PATH_RGB, T.text("toy_gif_paths"))]}[phase]
    draw_legend(draw, 6, header + side + chart + 6, items, small)
    return with_palette(out, [(255, 255, 255), (248, 248, 248), SHAPE_RGB, NOISED_RGB, PARTICLE_RGB, PATH_RGB, (187, 187, 187)])


@user_errors
def diffusion_toy_gif(recording=None) -> str:
    """This session's last toy run as an animated GIF: slow through noising and training, quicker while sampling."""
    shots = recorded_frames(recording)
    frames = [toy_gif_frame(shot, recording.constant) for shot in shots]
    durations = [150 if phase == "reverse" else 500 for phase, *_ in shots]
    durations[-1] = 2500  # hold the result
    return save_gif(frames, "toy-diffusion", durations)


# ---- hub tier: text to image ------------------------------------------------------------------
HUB_MODELS = sorted(m.key for m in registry.models("diffusion") if m.is_hub)


@user_errors
@gpu(duration=180)
def diffusion_text_to_image(model, prompt, steps, guidance, size, seed):
    """Stream (live latent preview, final picture, status) from an allowlisted hub pipeline."""
    model = registry.check_hub_id(model, "diffusion")
    prompt, steps, guidance, size, seed = check_text_inputs(prompt, steps, guidance, size, seed)
    started = time.perf_counter()
    stream = get_engine(TextToImageEngine, model).stream(prompt=prompt, steps=steps, guidance=guidance, size=size, seed=seed)
    yield from _hub_updates(stream, size, lambda frame: T.text("hub_done", model=model, steps=steps, size=size,
                                                               seconds=f"{time.perf_counter() - started:.1f}"))


def _hub_updates(stream, size: int, done_status):
    """Hub frames -> (live latent preview, final picture once done, status line) updates."""
    for frame in stream:
        live = Image.fromarray(frame.preview).resize((size, size), Image.BILINEAR)
        if frame.done:
            yield live, Image.fromarray(frame.image), done_status(frame)
        else:
            yield live, gr.skip(), T.text("hub_step", step=frame.step + 1, total=frame.total)


@user_errors
@gpu(duration=180)
def diffusion_image_to_image(model, picture, prompt, strength, steps, guidance, size, seed):
    """Image-to-image from an upload: stream (live latent preview, final picture, status)."""
    model = registry.check_hub_id(model, "diffusion")
    prompt, steps, guidance, size, seed = check_text_inputs(prompt, steps, guidance, size, seed)
    if picture is None:
        raise UserInputError("Upload a picture first (PNG or JPEG), then press the button.")
    strength = validate.number("Strength", strength, 0.05, 1.0)
    started = time.perf_counter()
    stream = get_engine(TextToImageEngine, model).stream(prompt=prompt, steps=steps, guidance=guidance, size=size,
                                                           seed=seed, picture=picture, strength=strength)
    yield from _hub_updates(stream, size, lambda frame: T.text("hub_img2img_done", model=model, strength=f"{strength:g}",
                                                               done=frame.total, steps=steps, size=size,
                                                               seconds=f"{time.perf_counter() - started:.1f}"))


@user_errors
def diffusion_forward_drawing(drawing, t):
    """The forward process on the user's own drawing: x_0, the noise levels, and the schedule chart."""
    x0 = drawn_digit(drawing)
    t = validate.integer("t", t, 0, 999)
    return _forward_views(x0, t, 0, T.text("drawing_at", t=t))


# ---- layout -------------------------------------------------------------------------------
# Events whose inputs are plain numbers and names skip Gradio's own range checks (preprocess=False),
# so API users get the engine's limits (e.g. up to 1000 steps) and messages that name the setting.
def build() -> None:
    with gr.Tab(T("tab"), id="diffusion", elem_id="diffusion-tab"):
        picture_css("diffusion-tab")
        gr.Markdown(intro_md())
        with gr.Tabs():
            with gr.Tab(T("tab_reverse")):
                with gr.Row():
                    with gr.Column(scale=1, min_width=280):
                        digit = gr.Dropdown(list(range(10)), value=3, label=T("digit"))
                        n = gr.Slider(1, MAX_SAMPLES, value=16, step=1, label=T("n"))
                        scheduler = gr.Radio(list(SCHEDULERS), value="DDIM", label=T("scheduler"))
                        steps = gr.Slider(1, 200, value=25, step=1, label=T("steps"))
                        guidance = gr.Slider(0, 10, value=3, step=0.5, label=T("guidance"))
                        seed = gr.Number(0, precision=0, label=T("seed_same"))
                        with gr.Row():
                            go_button = gr.Button(T("generate"), variant="primary")
                            stop_button = gr.Button(T("stop"), variant="stop")
                    with gr.Column(scale=3):
                        # the handler streams files (step_picture): one encode per step however many watch
                        live = gr.Image(label=T("live"), type="filepath", height=540)
                        timing = gr.Markdown()
                        setup_link("diffusion", digit=digit, n=n, scheduler=scheduler, steps=steps, guidance=guidance, seed=seed)
                with gr.Row():
                    gallery = gr.Gallery(label=T("gallery"), columns=8, format="png", buttons=[])
                with gr.Row():
                    strip = gr.Image(label=T("strip"), type="pil", format="png")
                    with gr.Column():
                        gif = download_button(T("gif"))
                        mp4_beside(gif, T("mp4"), "diffusion_generate_mp4")
                lesson_presets("diffusion", APP("presets"), [digit, n, steps, guidance, scheduler, seed], {
                    # each name says what the line under the samples measures for it (tests/test_presets.py checks)
                    "No guidance (w = 0): any digit · Ohne Guidance: irgendeine Ziffer": [3, 16, 25, 0.0, "DDIM", 0],
                    "Weak guidance (w = 1): more varied · Schwache Guidance: vielfältiger": [3, 16, 25, 1.0, "DDIM", 0],
                    "Guidance just right (w = 3): bolder, more alike · Guidance passend: kräftiger, einheitlicher":
                        [3, 16, 25, 3.0, "DDIM", 0],
                }, diffusion_generate)
                explain(T("reverse_explain"))
                generate_event = go_button.click(
                    diffusion_generate, [digit, n, steps, guidance, scheduler, seed],
                    [live, gallery, strip, gif, timing], api_name="diffusion_generate",
                    show_progress="minimal", preprocess=False, **BATCHED,
                )
                stop_button.click(None, cancels=[generate_event], api_name="diffusion_stop")
            with gr.Tab(T("tab_forward")) as forward_tab:
                with gr.Row():
                    with gr.Column(scale=1, min_width=280):
                        index = gr.Slider(0, 499, value=7, step=1, label=T("index"))
                        t = gr.Slider(0, 999, value=300, step=1, label=T("t"))
                        caption = gr.Markdown()
                        with gr.Accordion(T("forward_draw_acc"), open=False):
                            forward_pad = gr.Sketchpad(label=T("forward_draw_pad"), type="numpy", canvas_size=(280, 280),
                                                       fixed_canvas=True, layers=False, height=320,
                                                       brush=gr.Brush(default_size=20, colors=["#000000"], color_mode="fixed"))
                            forward_draw_button = gr.Button(T("forward_draw_button"))
                        explain(T("forward_explain"))
                    with gr.Column(scale=2):
                        noisy = gr.Image(label=T("noisy"), type="pil", format="png")
                        chart = gr.Plot(label=T("schedule"))
                gr.on([forward_tab.select, index.release, t.release], diffusion_forward, [index, t],
                      [noisy, chart, caption], api_name="diffusion_forward", preprocess=False)
                forward_draw_button.click(diffusion_forward_drawing, [forward_pad, t], [noisy, chart, caption],
                                          api_name="diffusion_forward_drawing")
            with gr.Tab(T("tab_tradeoffs")):
                gr.Markdown(T("tradeoffs_explain"))
                with gr.Row():
                    sweep_digit = gr.Dropdown(list(range(10)), value=3, label=T("sweep_digit"))
                    sweep_seed = gr.Number(0, precision=0, label=T("seed"))
                    sweep_stop = gr.Button(T("stop"), variant="stop", scale=0, min_width=120)
                with gr.Row():
                    with gr.Column():
                        guidance_button = gr.Button(T("guidance_sweep"), variant="primary")
                        guidance_grid = gr.Image(label=T("guidance_grid"), type="pil", format="png")
                        guidance_chart = gr.Plot(label=T("guidance_chart"))
                    with gr.Column():
                        steps_button = gr.Button(T("steps_sweep"), variant="primary")
                        steps_grid = gr.Image(label=T("steps_grid"), type="pil", format="png")
                        steps_chart = gr.Plot(label=T("steps_chart"))
                guidance_event = guidance_button.click(diffusion_guidance_sweep, [sweep_digit, sweep_seed], [guidance_grid, guidance_chart],
                                                       api_name="diffusion_guidance_sweep", preprocess=False, **COMPUTE)
                steps_event = steps_button.click(diffusion_steps_sweep, [sweep_digit, sweep_seed], [steps_grid, steps_chart],
                                                 api_name="diffusion_steps_sweep", preprocess=False, **COMPUTE)
                sweep_stop.click(None, cancels=[guidance_event, steps_event], api_name="diffusion_sweep_stop")
            with gr.Tab(T("tab_sketch")):
                gr.Markdown(T("sketch_explain"))
                with gr.Row():
                    with gr.Column(scale=1, min_width=300):
                        pad = gr.Sketchpad(label=T("pad"), type="numpy", canvas_size=(280, 280),
                                           fixed_canvas=True, layers=False, height=340,
                                           brush=gr.Brush(default_size=20, colors=["#000000"], color_mode="fixed"))
                        sketch_digit = gr.Dropdown(list(range(10)), value=2, label=T("sketch_digit"))
                        strength = gr.Slider(0.05, 1.0, value=0.6, step=0.05,
                                             label=T("strength"))
                        sketch_steps = gr.Slider(2, 100, value=25, step=1, label=T("sketch_steps"))
                        sketch_seed = gr.Number(0, precision=0, label=T("seed"))
                        sketch_button = gr.Button(T("sketch_button"), variant="primary")
                    with gr.Column(scale=2):
                        sketch_live = gr.Image(label=T("sketch_live"), type="pil", format="png")
                        sketch_result = gr.Image(label=T("sketch_result"), type="pil", format="png")
                sketch_button.click(diffusion_sketch, [pad, sketch_digit, strength, sketch_steps, sketch_seed],
                                    [sketch_live, sketch_result], api_name="diffusion_sketch", **BATCHED)
            with gr.Tab(T("tab_toy")):
                with gr.Row():
                    with gr.Column(scale=1, min_width=280):
                        toy_shape = gr.Radio([(T(s), s) for s in toy.SHAPES], value="Swiss roll", label=T("shape"))
                        toy_csv = gr.Textbox(TOY_EXAMPLE_CSV, lines=6, max_lines=12,
                                             label=T("csv"))
                        toy_steps = gr.Slider(100, toy.MAX_TRAIN_STEPS, value=1500, step=100,
                                              label=T("toy_steps"))
                        toy_seed = gr.Number(0, precision=0, label=T("seed"))
                        with gr.Row():
                            toy_button = gr.Button(T("toy_button"), variant="primary")
                            toy_stop = gr.Button(T("stop"), variant="stop")
                        toy_status = gr.Markdown()
                        explain(T("toy_explain"))
                    with gr.Column(scale=2):
                        toy_plot = gr.Plot(label=T("toy_plot"))
                        toy_loss = gr.Plot(label=T("toy_loss"))
                        with gr.Row():
                            toy_gif_button = gr.Button(T("toy_gif_button"), size="sm")
                            toy_gif = download_button(T("toy_gif"))
                            mp4_beside(toy_gif, T("toy_mp4"), "diffusion_toy_mp4")
                toy_recording = gr.State(None, time_to_live=SESSION_STATE_TTL)  # this session's last run, for the GIF
                toy_event = toy_button.click(diffusion_toy, [toy_shape, toy_csv, toy_steps, toy_seed],
                                             [toy_plot, toy_loss, toy_status, toy_recording],
                                             api_name="diffusion_toy", show_progress="minimal", preprocess=False, **TRAINING)
                toy_stop.click(None, cancels=[toy_event], api_name="diffusion_toy_stop")
                toy_gif_button.click(diffusion_toy_gif, toy_recording, toy_gif, api_name="diffusion_toy_gif", **QUICK)
            with gr.Tab(T("tab_hub")):
                with gr.Row():
                    with gr.Column(scale=1, min_width=280):
                        hub_model = gr.Dropdown(HUB_MODELS, value="stabilityai/sd-turbo", label=T("hub_model"))
                        hub_notice = gr.Markdown()
                        hub_prompt = gr.Textbox("a watercolour painting of a fox in the snow", lines=2, label=T("prompt"))
                        hub_steps = gr.Slider(1, 50, value=4, step=1, label=T("hub_steps"))
                        hub_guidance = gr.Slider(0, 12, value=0, step=0.5, label=T("hub_guidance"))
                        hub_size = gr.Slider(256, 768, value=512, step=64, label=T("size"))
                        hub_seed = gr.Number(0, precision=0, label=T("seed"))
                        hub_button = gr.Button(T("hub_button"), variant="primary")
                        hub_status = gr.Markdown()
                        explain(T("hub_explain"))
                    with gr.Column(scale=2):
                        with gr.Row():
                            hub_live = gr.Image(label=T("hub_live"), type="pil", format="png")
                            hub_image = gr.Image(label=T("hub_image"), type="pil", format="png")
                        with gr.Accordion(T("img2img_acc"), open=False):
                            with gr.Row():
                                hub_upload = gr.Image(label=T("img2img_upload"), type="numpy", image_mode="RGB",
                                                      sources=["upload", "clipboard"], height=260)
                                with gr.Column():
                                    hub_strength = gr.Slider(0.05, 1.0, value=0.6, step=0.05, label=T("img2img_strength"))
                                    hub_img2img_button = gr.Button(T("img2img_button"))
                            explain(T("img2img_explain"))
                follow_hub_availability(hub_model, "diffusion", hub_notice, [hub_button, hub_img2img_button])
                hub_button.click(diffusion_text_to_image, [hub_model, hub_prompt, hub_steps, hub_guidance, hub_size, hub_seed],
                                 [hub_live, hub_image, hub_status], api_name="diffusion_text_to_image",
                                 show_progress="minimal", preprocess=False, **COMPUTE)
                hub_img2img_button.click(
                    diffusion_image_to_image,
                    [hub_model, hub_upload, hub_prompt, hub_strength, hub_steps, hub_guidance, hub_size, hub_seed],
                    [hub_live, hub_image, hub_status], api_name="diffusion_image_to_image", show_progress="minimal", **COMPUTE,
                )
        gr.Markdown(strengths_md())
