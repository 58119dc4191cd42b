"""The NeRF tab: photos with camera poses -> rays -> volume rendering -> new views."""

from __future__ import annotations

import dataclasses
import time

import gradio as gr
import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots
from PIL import Image, ImageDraw

from engines import validate
from engines.base import get_engine
from engines.errors import UserInputError
from engines.nerf import RENDER_SAMPLES, Dataset, GridConfig, NerfEngine, check_view, load_dataset, train_grid
from engines import compare
from ui.common import (COMPUTE, NOTHING_RECORDED, QUICK, TRAINING, caption_font, download_button, explain, gpu, lesson_presets, mp4_beside,
                       save_gif, user_errors)
from ui.locales.app import T as APP
from ui.i18n import LANGUAGES, in_both_languages, initial, machine_in_both_languages, number, plot_language, speaking, thousands
from ui.locales.nerf import T
from ui.share import setup_link

ZOOM = 3  # photos are 100x100: show them 3x larger, pixels kept sharp
TURNTABLE_FRAMES = 24
FRONT_AZIMUTH, FRONT_ELEVATION = -150, 20  # degrees: the duck's face, three-quarters on, a little from above
TRAINING_LIMIT_S = 30  # the live training's default time limit; it stops sooner once the PSNR levels off
LIVE_GRID = GridConfig(patience_steps=150, min_gain_db=0.1)  # the live training: stop once 150 steps gain < 0.1 dB
_DEPTH_LUT = np.array([[int(float(c)) for c in s[4:-1].split(",")] for s in sample_colorscale("Viridis", np.linspace(0, 1, 256))], np.uint8)


def engine() -> NerfEngine:
    return get_engine(NerfEngine)


def warm() -> None:
    engine().load()


# --------------------------------------------------------------------------- pure figures
def to_uint8(image: np.ndarray) -> np.ndarray:
    return image if image.dtype == np.uint8 else (np.clip(image, 0, 1) * 255 + 0.5).astype(np.uint8)


def enlarge(image: np.ndarray, zoom: int = ZOOM) -> Image.Image:
    pil = Image.fromarray(to_uint8(image))
    return pil.resize((pil.width * zoom, pil.height * zoom), Image.NEAREST)


def depth_image(depth: np.ndarray, opacity: np.ndarray) -> Image.Image:
    """Depth as colour (yellow = near, purple = far), white where nothing was hit."""
    solid = opacity > 0.5
    out = np.full((*depth.shape, 3), 255, np.uint8)
    if solid.any():
        lo, hi = np.percentile(depth[solid], [1, 99])
        level = 1.0 - np.clip((depth - lo) / max(hi - lo, 1e-6), 0, 1)
        out[solid] = _DEPTH_LUT[(level[solid] * 255).astype(int)]
    return enlarge(out)


def side_by_side(render: np.ndarray, truth: np.ndarray, caption: str) -> Image.Image:
    """The model's render beside the photo, with a caption strip."""
    a, b = enlarge(render), enlarge(truth)
    canvas = Image.new("RGB", (a.width + b.width + 10, a.height + 28), "white")
    canvas.paste(a, (0, 0))
    canvas.paste(b, (a.width + 10, 0))
    draw = ImageDraw.Draw(canvas)  # captions below: the component's label covers the top-left corner
    font = caption_font(15)
    draw.text((4, a.height + 6), caption, fill="black", font=font)
    draw.text((a.width + 14, a.height + 6), T.text("photo_held_out"), fill="black", font=font)
    return canvas


def _frustum_lines(pose: np.ndarray, focal: float, size: int, scale: float) -> np.ndarray:
    """Line segments (with None breaks as NaN) drawing a camera as a small pyramid."""
    half = size / 2 / focal
    corners = np.array([[-half, -half, -1], [half, -half, -1], [half, half, -1], [-half, half, -1]]) * scale
    world = corners @ pose[:3, :3].T + pose[:3, 3]
    centre = pose[:3, 3]
    nan = np.full(3, np.nan)
    pts = []
    for c in world:
        pts += [centre, c, nan]
    pts += [world[0], world[1], world[2], world[3], world[0], nan]
    return np.array(pts)


def scene_figure(data, surface=None, ray: dict | None = None, highlight: int | None = None) -> go.Figure:
    """The cameras around the object (train blue, held-out orange), the learnt surface, and a ray."""
    fig = go.Figure()
    for name, idx, colour in ((T.text("training_cameras"), range(data.n_train), "#4c6ef5"),
                              (T.text("held_out_cameras"), range(data.n_train, len(data.poses)), "#f08c00")):
        lines = np.concatenate([_frustum_lines(data.poses[i], data.focal, data.size[1], 0.35) for i in idx])
        fig.add_trace(go.Scatter3d(x=lines[:, 0], y=lines[:, 1], z=lines[:, 2], mode="lines", line=dict(color=colour, width=2), name=name, hoverinfo="skip"))
    if highlight is not None:
        lines = _frustum_lines(data.poses[highlight], data.focal, data.size[1], 0.6)
        fig.add_trace(go.Scatter3d(x=lines[:, 0], y=lines[:, 1], z=lines[:, 2], mode="lines", line=dict(color="crimson", width=6), name=T.text("photo_n", n=highlight)))
    if surface is not None and len(surface[0]):
        pts, rgb = surface
        colours = [f"rgb({r},{g},{b})" for r, g, b in to_uint8(rgb)]
        fig.add_trace(go.Scatter3d(x=pts[:, 0], y=pts[:, 1], z=pts[:, 2], mode="markers", marker=dict(size=2.5, color=colours), name=T.text("learnt_surface"), hoverinfo="skip"))
    if ray is not None:
        o, d = ray["origin"], ray["direction"]
        end = o + d * (np.linalg.norm(o) + 2.0)
        fig.add_trace(go.Scatter3d(x=[o[0], end[0]], y=[o[1], end[1]], z=[o[2], end[2]], mode="lines", line=dict(color="crimson", width=4), name=T.text("the_ray")))
        if ray["hit"]:
            p, w = ray["points"], ray["weights"]
            size = 3 + 12 * w / max(w.max(), 1e-6)
            colours = [f"rgb({r},{g},{b})" for r, g, b in to_uint8(ray["rgb"])]
            fig.add_trace(go.Scatter3d(x=p[:, 0], y=p[:, 1], z=p[:, 2], mode="markers", marker=dict(size=size, color=colours, line=dict(color="black", width=1)),
                                       name=T.text("samples_size"), hoverinfo="text",
                                       text=[f"t = {number(t, '.2f')}, σ = {number(s, '.1f')}, w = {number(x, '.3f')}"
                                             for t, s, x in zip(ray["t"], ray["sigma"], w)]))
    fig.update_layout(scene=dict(aspectmode="data", xaxis_title="x", yaxis_title="y", zaxis_title="z", camera=dict(eye=_front_eye())),
                      margin=dict(l=0, r=0, t=30, b=0), height=520, legend=dict(x=0, y=1), title=T.text("cameras_title"), **plot_language())
    return fig


def _front_eye(distance: float = 2.3) -> dict:
    """Plotly's 3D camera where the tab's default view looks from: the scene shows the duck's face too."""
    az, el = np.radians(FRONT_AZIMUTH), np.radians(FRONT_ELEVATION)
    return dict(x=distance * np.cos(el) * np.cos(az), y=distance * np.cos(el) * np.sin(az), z=distance * np.sin(el) + 0.3)


def ray_figure(ray: dict) -> go.Figure:
    """What happens along one ray: density, transmittance, weight, and the colours being mixed."""
    fig = make_subplots(rows=4, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.27, 0.27, 0.27, 0.19],
                        subplot_titles=(T.text("density_title"), T.text("transmittance_title"), T.text("weight_title"), T.text("colour_title")))
    if not ray["hit"]:
        fig.add_annotation(text=T.text("ray_misses"), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        fig.update_layout(height=600, margin=dict(l=10, r=10, t=60, b=10), **plot_language())
        return fig
    t = ray["t"]
    colours = [f"rgb({r},{g},{b})" if not skip else "rgb(225,225,225)" for (r, g, b), skip in zip(to_uint8(ray["rgb"]), ray["skipped"])]
    fig.add_trace(go.Scatter(x=t, y=ray["sigma"], mode="lines+markers", name="σ", line=dict(color="#495057")), 1, 1)
    fig.add_trace(go.Scatter(x=t, y=ray["transmittance"], mode="lines+markers", name="T", line=dict(color="#1c7ed6")), 2, 1)
    fig.add_trace(go.Bar(x=t, y=ray["weights"], name="w", marker_color=colours, marker_line=dict(color="black", width=0.5)), 3, 1)
    fig.add_trace(go.Bar(x=t, y=np.ones_like(t), name=T.text("colour"), marker_color=colours, marker_line_width=0, hoverinfo="x"), 4, 1)
    fig.update_yaxes(range=[0, 1.05], row=2, col=1)
    fig.update_yaxes(showticklabels=False, row=4, col=1)
    fig.update_xaxes(title_text=T.text("distance_axis"), row=4, col=1)
    fig.update_layout(height=600, showlegend=False, bargap=0, margin=dict(l=10, r=10, t=60, b=10), **plot_language())
    return fig


def colour_swatches(ray: dict) -> Image.Image:
    """The NeRF's composited colour beside the photo's true colour for the pixel."""
    canvas = Image.new("RGB", (320, 150), "white")
    draw = ImageDraw.Draw(canvas)
    font = caption_font(15)
    for i, (label, c) in enumerate(((T.text("nerf_composited"), ray["colour"]), (T.text("photo_true"), ray["true"]))):
        x = 10 + i * 160
        draw.rectangle([x, 10, x + 140, 110], fill=tuple(to_uint8(np.asarray(c))), outline="black")
        draw.text((x, 120), label, fill="black", font=font)
    return canvas


def photo_with_pixel(image: np.ndarray, x: int, y: int) -> Image.Image:
    pil = enlarge(image)
    draw = ImageDraw.Draw(pil)
    cx, cy = x * ZOOM + ZOOM // 2, y * ZOOM + ZOOM // 2
    draw.ellipse([cx - 7, cy - 7, cx + 7, cy + 7], outline="crimson", width=2)
    draw.line([cx - 12, cy, cx - 4, cy], fill="crimson", width=2)
    draw.line([cx + 4, cy, cx + 12, cy], fill="crimson", width=2)
    return pil


def curve_figure(curve: list[tuple[float, int, float]], target: float = 22.0) -> go.Figure:
    fig = go.Figure(go.Scatter(x=[c[0] for c in curve], y=[c[2] for c in curve], mode="lines+markers", name=T.text("held_out_psnr"),
                               text=[T.text("step_n", n=c[1]) for c in curve]))
    fig.add_hline(y=target, line_dash="dot", annotation_text=f"{number(target, 'g')} dB")
    fig.update_layout(xaxis_title=T.text("seconds_axis"), yaxis_title=T.text("psnr_axis"), height=320, margin=dict(l=10, r=10, t=30, b=10),
                      title=T.text("curve_title"), **plot_language())
    return fig


# --------------------------------------------------------------------------- handlers
@user_errors
@gpu
def nerf_render(azimuth, elevation, distance, progress=gr.Progress()):
    progress(0, desc=T.text("loading_nerf"))
    e = engine()
    e.load()
    height, width = e.data.size
    progress(0.3, desc=T.text("rendering", rays=thousands(height * width), samples=RENDER_SAMPLES))
    started = time.perf_counter()
    rgb, depth, opacity = e.render(azimuth, elevation, distance)  # RENDER_SAMPLES per ray
    seconds = time.perf_counter() - started
    device = "CPU" if e.field.bbox.device.type == "cpu" else "GPU"
    return enlarge(rgb), depth_image(depth, opacity), T.text(
        "rendered", seconds=number(seconds, ".2f"), width=rgb.shape[1], height=rgb.shape[0], rays=thousands(rgb.shape[0] * rgb.shape[1]),
        samples=RENDER_SAMPLES, device=device)


@user_errors
@gpu
def nerf_turntable(elevation, distance, count=TURNTABLE_FRAMES, progress=gr.Progress()):
    """Render ``count`` views around the object into a GIF: a generator that yields after each view, so Stop ends it there."""
    e = engine()
    e.load()
    count = validate.integer("Frames", count, 4, 72)
    frames = []
    started = time.perf_counter()
    views = e.stream(azimuth=FRONT_AZIMUTH, elevation=elevation, distance=distance, frames=count)
    for frame in progress.tqdm(views, total=count, desc=T.text("rendering_turntable")):
        frames.append(enlarge(frame.image, 2))
        if len(frames) < count:
            yield gr.skip(), gr.skip()
    seconds = time.perf_counter() - started
    path = save_gif(frames, "nerf-turntable", 80)
    yield path, T.text("turntable_done", count=count, seconds=number(seconds, ".1f"), each=number(seconds / count, ".2f"))


@user_errors
def nerf_ray(view, x, y):
    e = engine()
    r = e.ray(view, x, y)
    data = e.data
    text = (T.text("ray_photo", view=r["view"], kind=T.text("training" if r["view"] < data.n_train else "held_out"), x=r["x"], y=r["y"])
            + (T.text("ray_hits", n=len(r["t"]), opacity=number(r["opacity"], ".3f"), through=number(1 - r["opacity"], ".1%"))
               if r["hit"] else T.text("ray_misses_text"))
            + T.text("ray_colours", nerf=np.round(to_uint8(r["colour"])).tolist(), photo=to_uint8(np.asarray(r["true"])).tolist()))
    return ray_figure(r), scene_figure(data, e.surface_points(), ray=r, highlight=r["view"]), colour_swatches(r), photo_with_pixel(data.images[r["view"]], r["x"], r["y"]), text


@user_errors
def nerf_photo(view):
    data = engine().data
    view = check_view(data, view)
    return photo_with_pixel(data.images[view], data.size[1] // 2, data.size[0] // 2)


@user_errors
def nerf_pick(view, evt: gr.SelectData):
    """A click on the enlarged photo picks the pixel under the pointer."""
    x, y = (int(v) // ZOOM for v in evt.index)
    return x, y


def training_status(frame) -> str:
    """What the live training is doing, and once it has ended, why it ended."""
    m = frame.metrics
    values = dict(steps=thousands(int(m["steps"])), seconds=number(m["seconds"], ".1f"), psnr=number(m["psnr"], ".1f"),
                  best=number(m["best_psnr"], ".1f"))
    key = {None: "training_now", "plateau": "stopped_plateau", "steps": "stopped_steps", "time": "stopped_time"}[frame.data.get("stopped")]
    return T.text(key, patience=LIVE_GRID.patience_steps, gain=number(LIVE_GRID.min_gain_db, "g"), **values)


@user_errors
@gpu
def nerf_train(seconds, seed):
    seconds = float(seconds)
    if not 5 <= seconds <= 120:
        raise UserInputError(f"Training time must be between 5 and 120 seconds, got {seconds:g}.")
    e = engine()
    config = dataclasses.replace(LIVE_GRID, max_seconds=seconds)
    for frame in train_grid(e.data, config, seed=validate.seed(seed), every=1.0, hull=e.hull):
        m = frame.metrics
        caption = T.text("grid_caption", steps=thousands(int(m["steps"])), seconds=number(m["seconds"], ".1f"),
                         psnr=number(m["psnr"], ".1f"))
        yield side_by_side(frame.image, frame.preview, caption), curve_figure(frame.data["curve"]), training_status(frame)


@user_errors
def nerf_scene():
    """The camera scene with the surface the NeRF learnt."""
    e = engine()
    return scene_figure(e.data, e.surface_points())


def record_frame(image, frames):
    """Keep each streamed frame of the live training (at most a few hundred) for the GIF/MP4 export."""
    return frames if image is None or len(frames) >= 600 else frames + [image]


@user_errors
def recording_gif(frames):
    if not frames:
        raise UserInputError(NOTHING_RECORDED)
    return save_gif([Image.fromarray(np.asarray(f)) for f in frames], "nerf-training", [250] * (len(frames) - 1) + [2000])


def _trained(info: dict) -> dict[str, str]:
    """The pretrained MLP's budget and quality, as scripts/train_nerf.py recorded them (its training.json), per language."""
    written = {}
    for lang in LANGUAGES:
        with speaking(lang):
            args = info.get("args") or {}
            batches = (T.text("trained_batches", rays=thousands(args["rays"]), samples=args["samples"])
                       if {"rays", "samples"} <= set(args) else "")
            written[lang] = T.text("trained", minutes=number(info["seconds"] / 60, ".0f"), steps=thousands(info["step"]),
                                   batches=batches, psnr=number(info["test_psnr"], ".1f"),
                                   machine=machine_in_both_languages(info["machine"])[lang],
                                   test_views=info["test_views"], validation_views=info["validation_views"]) if info else ""
    return written


def _render_measured() -> dict[str, str]:
    """Compare's shipped timings per output pixel (NeRF, GAN, diffusion), per language; empty without them."""
    shipped = compare.load_shipped()
    estimates = (shipped or {}).get("estimates", {})
    keys = {"nerf": "nerf.ms_per_pixel", "gan": "gan.ms_per_pixel", "diffusion": "diffusion.ms_per_pixel"}
    if not all(key in estimates for key in keys.values()):
        return {lang: "" for lang in LANGUAGES}
    microseconds = {name: 1000 * estimates[key]["value"] for name, key in keys.items()}
    written = {}
    for lang in LANGUAGES:
        with speaking(lang):
            written[lang] = T.text("render_measured", **{name: number(us, ",.1f") for name, us in microseconds.items()})
    return written


def strengths_md(data: Dataset | None = None):
    """Strengths and weaknesses: the training figures from training.json, the rendering cost from the photos' size
    and RENDER_SAMPLES (what ``NerfEngine.render`` uses) and Compare's measured time per pixel."""
    height, width = (data or load_dataset()).size
    return T.filled("strengths", trained=_trained(engine().training_info), width=width, height=height,
                    samples=RENDER_SAMPLES, rays=in_both_languages(height * width, ","),
                    points=in_both_languages(height * width * RENDER_SAMPLES, ","), measured=_render_measured())


# --------------------------------------------------------------------------- layout
def build() -> None:
    with gr.Tab(T("tab"), id="nerf"):
        gr.Markdown(T("intro"))
        with gr.Accordion(T("photos_acc"), open=True):
            explain(T("photos_help"))
            data = load_dataset()  # the photos only (no model): cheap enough to show at once
            with gr.Row():
                gr.Gallery([to_uint8(im) for im in data.images[: data.n_train : 4]], label=T("every4"), columns=5, height="fit-content",
                           allow_preview=True)  # every photo in view: a gallery that scrolls crops its last row
                photos_scene = initial(lambda: scene_figure(data), gr.Plot, label=T("cameras"))
            show_surface = gr.Button(T("surface"))
        with gr.Accordion(T("ray_acc"), open=True):
            explain(T("ray_help"))
            with gr.Row():
                view = gr.Slider(0, 91, value=84, step=1, label=T("view"))
                px = gr.Slider(0, 99, value=50, step=1, label=T("px"))
                py = gr.Slider(0, 99, value=45, step=1, label=T("py"))
                ray_btn = gr.Button(T("trace"), variant="primary")
            with gr.Row():
                with gr.Column(scale=1):
                    photo = gr.Image(label=T("photo"), interactive=False)
                    swatches = gr.Image(label=T("swatches"), interactive=False, elem_id="nerf-swatches")
                    ray_text = gr.Markdown()
                with gr.Column(scale=2):
                    ray_plot = gr.Plot(label=T("along"))
            ray_scene = gr.Plot(label=T("ray3d"))
        with gr.Accordion(T("views_acc"), open=True):
            explain(T("views_help"))
            with gr.Row():
                azimuth = gr.Slider(-180, 180, value=FRONT_AZIMUTH, step=1, label=T("azimuth"))
                elevation = gr.Slider(-60, 89, value=FRONT_ELEVATION, step=1, label=T("elevation"))
                distance = gr.Slider(0.5, 3.0, value=1.0, step=0.05, label=T("distance"))
            render_btn = gr.Button(T("render"), variant="primary")
            with gr.Row():
                rgb = gr.Image(label=T("rgb"), interactive=False, elem_id="nerf-rgb")
                depth = gr.Image(label=T("depth"), interactive=False, elem_id="nerf-depth")
            render_text = gr.Markdown()
            setup_link("nerf", azimuth=azimuth, elevation=elevation, distance=distance)
            lesson_presets("nerf", APP("presets"), [azimuth, elevation, distance], {
                "From straight above: no photo was taken there · Von direkt oben: dort gab es kein Foto": [0, 89, 1.0],
                "Close up (0.5× the photos' distance) · Nah heran (0,5× Abstand)": [FRONT_AZIMUTH, FRONT_ELEVATION, 0.5],
                "From below the duck · Von unter der Ente": [120, -45, 1.2],
            }, nerf_render)
            with gr.Row():
                turn_frames = gr.Slider(4, 72, value=TURNTABLE_FRAMES, step=1, label=T("turn_frames"), elem_id="nerf-turn-frames")
                turn_btn = gr.Button(T("turn"))
                turn_stop = gr.Button(T("stop"), variant="stop", elem_id="nerf-turntable-stop")
                gif = download_button(T("gif"))
                mp4_beside(gif, T("mp4"), "nerf_turntable_mp4")
            turn_text = gr.Markdown()
            turntable = gr.Image(label=T("turntable"), type="filepath", interactive=False, visible=False,
                                 elem_id="nerf-turntable")
            # the GIF plays in the page once it is made (the download buttons only save it)
            gif.change(lambda path: gr.Image(path, visible=bool(path)), gif, turntable, api_name=False, show_progress="hidden")
        with gr.Accordion(T("train_acc"), open=True):
            explain(T("train_help"))
            with gr.Row():
                seconds = gr.Slider(5, 120, value=TRAINING_LIMIT_S, step=5, label=T("seconds"), elem_id="nerf-train-seconds")
                seed = gr.Number(0, precision=0, label=T("seed"))
                train_btn = gr.Button(T("train"), variant="primary")
                stop_btn = gr.Button(T("stop"), variant="stop", elem_id="nerf-train-stop")
            with gr.Row():
                train_image = gr.Image(label=T("train_image"), interactive=False, elem_id="nerf-train-image")
                train_curve = gr.Plot(label=T("curve"))
            train_text = gr.Markdown(elem_id="nerf-train-status")
            with gr.Row():
                record_btn = gr.Button(T("record"), size="sm")
                record_gif = download_button(T("record_gif"))
                mp4_beside(record_gif, T("record_mp4"), "nerf_train_mp4")
            recording = gr.State([])  # this session's frames of its last training run
        gr.Markdown(strengths_md(data))

        show_surface.click(nerf_scene, outputs=photos_scene, api_name="nerf_scene", **COMPUTE)
        ray_btn.click(nerf_ray, [view, px, py], [ray_plot, ray_scene, swatches, photo, ray_text], api_name="nerf_ray", **QUICK)
        view.release(nerf_photo, view, photo, api_name="nerf_photo")
        photo.select(nerf_pick, view, [px, py], api_name="nerf_pick").then(
            nerf_ray, [view, px, py], [ray_plot, ray_scene, swatches, photo, ray_text], api_name=False, **QUICK)
        render_btn.click(nerf_render, [azimuth, elevation, distance], [rgb, depth, render_text], api_name="nerf_render", **QUICK)
        turn_event = turn_btn.click(nerf_turntable, [elevation, distance, turn_frames], [gif, turn_text], api_name="nerf_turntable", **COMPUTE)
        turn_stop.click(None, cancels=[turn_event], api_name="nerf_turntable_stop")
        train_event = train_btn.click(nerf_train, [seconds, seed], [train_image, train_curve, train_text], api_name="nerf_train", **TRAINING)
        stop_btn.click(None, cancels=[train_event], api_name="nerf_stop")
        train_btn.click(lambda: [], None, recording, api_name=False)
        train_image.change(record_frame, [train_image, recording], recording, api_name=False, show_progress="hidden")
        record_btn.click(recording_gif, recording, record_gif, api_name="nerf_train_gif")
