"""The VAE tab: encode a digit to a cloud, walk the latent map, interpolate, generate, compare β."""

from __future__ import annotations

import gradio as gr
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from engines import digits
from engines import validate as check
from engines import vae
from engines.errors import UserInputError
from ui.common import (COMPUTE, QUICK, caption_font, download_button, explain, follow_hub_availability, gpu, lesson_presets,
                       mp4_beside, picture_css, save_gif, user_errors)
from ui.locales.app import T as APP
from ui.i18n import number, percent, plot_language, thousands
from ui.locales.vae import T
from ui.share import setup_link

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
MAX_UPLOAD_PIXELS = 25_000_000  # larger images are refused before they are decoded
MIN_UPLOAD_SIDE = 8
UPLOAD_SIDE = 1024  # uploads are shrunk to this before any processing
EXAMPLE_INDICES = tuple(range(0, 500, 25))  # 20 test digits, two of each class (the split is sorted by index, not class)
CODE_COLUMNS = 8  # latent coordinates per row of the mean / variance table
# -- pictures -------------------------------------------------------------------------------------


def digit_image(image: np.ndarray, scale: int = 4) -> Image.Image:
    """(28, 28) in [0, 1] -> an upscaled greyscale PIL image (white digit on black, as MNIST)."""
    pixels = (np.clip(image, 0, 1) * 255).astype(np.uint8)
    return Image.fromarray(pixels).resize((pixels.shape[1] * scale, pixels.shape[0] * scale), Image.NEAREST)


def strip(images: np.ndarray, scale: int = 3, gap: int = 2) -> Image.Image:
    """(N, 28, 28) -> one row of digits with thin grey gaps."""
    n = len(images)
    row = np.full((28, n * 28 + (n - 1) * gap), 0.35, dtype=np.float32)
    for i, img in enumerate(images):
        row[:, i * (28 + gap): i * (28 + gap) + 28] = img
    return digit_image(row, scale)


def pair_grid(images: np.ndarray, nearest: np.ndarray, cols: int = 8) -> Image.Image:
    """Pairs (sample | nearest training digit) in a grid, a wide dark gap between pairs."""
    n = len(images)
    rows = -(-n // cols)
    canvas = np.full((rows * 34, cols * 64), 0.35, dtype=np.float32)
    for i, (a, b) in enumerate(zip(images, nearest)):
        r, c = divmod(i, cols)
        y, x = r * 34 + 3, c * 64 + 3
        canvas[y:y + 28, x:x + 28] = a
        canvas[y:y + 28, x + 29:x + 57] = b
    return digit_image(canvas, 3)


def rows_image(rows: list[np.ndarray], labels: list[str], scale: int = 3, gap: int = 2, label_width: int = 110) -> Image.Image:
    """Several (N, 28, 28) batches, one row each, thin grey gaps between digits and rows, each row's label on its left."""
    n = max(len(r) for r in rows)
    canvas = np.full((len(rows) * (28 + gap) - gap, n * (28 + gap) - gap), 0.35, dtype=np.float32)
    for i, row in enumerate(rows):
        for j, img in enumerate(row):
            canvas[i * (28 + gap): i * (28 + gap) + 28, j * (28 + gap): j * (28 + gap) + 28] = img
    digits_part = digit_image(canvas, scale)
    out = Image.new("RGB", (label_width + digits_part.width, digits_part.height), "white")
    out.paste(digits_part.convert("RGB"), (label_width, 0))
    draw = ImageDraw.Draw(out)
    font = caption_font(26)
    for i, label in enumerate(labels):
        draw.text((8, i * (28 + gap) * scale + 28 * scale // 2), label, fill="black", font=font, anchor="lm")
    return out


def latent_scatter(means: np.ndarray, labels: np.ndarray, title: str = "", height: int = 520) -> go.Figure:
    """Test digits at their mean codes, one colour per class."""
    fig = go.Figure()
    for d in range(10):
        pts = means[labels == d]
        fig.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", name=str(d),
                                 marker=dict(size=6, color=COLOURS[d], opacity=0.7),
                                 hovertemplate=T.text("digit_hover", d=d) + "<br>z = (%{x:.2f}, %{y:.2f})<extra></extra>"))
    lim = vae.LATENT_LIMIT
    fig.update_layout(title=title, height=height, margin=dict(l=40, r=10, t=40, b=40), legend_title_text=T.text("class"),
                      xaxis=dict(range=[-lim, lim], title="z₁", zeroline=True),
                      yaxis=dict(range=[-lim, lim], title="z₂", scaleanchor="x", zeroline=True), **plot_language())
    return fig


def cloud_figure(means: np.ndarray, labels: np.ndarray, mean: np.ndarray, variance: np.ndarray,
                 z: np.ndarray) -> go.Figure:
    """The encoder's cloud on the map (left) and magnified (right): 1σ and 2σ ellipses, the mean, the samples."""
    sd = np.sqrt(variance)
    half = float(max(4 * sd.max(), 0.15))
    fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.08,
                        subplot_titles=[T.text("where_encoder"), T.text("magnified", sx=number(sd[0], ".3f"), sy=number(sd[1], ".3f"))])
    t = np.linspace(0, 2 * np.pi, 80)
    for col in (1, 2):
        for d in range(10):
            pts = means[labels == d]
            fig.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", name=str(d), legendgroup=str(d),
                                     showlegend=col == 1, marker=dict(size=6 if col == 1 else 9, color=COLOURS[d], opacity=0.6),
                                     hovertemplate=T.text("digit_hover", d=d) + "<br>z = (%{x:.2f}, %{y:.2f})<extra></extra>"), row=1, col=col)
        for k, dash in ((2, "dot"), (1, "solid")):
            fig.add_trace(go.Scatter(x=mean[0] + k * sd[0] * np.cos(t), y=mean[1] + k * sd[1] * np.sin(t), mode="lines",
                                     name=T.text("k_sigma", k=k), legendgroup=f"{k}σ", showlegend=col == 2, hoverinfo="skip",
                                     line=dict(color="black", width=2, dash=dash)), row=1, col=col)
        fig.add_trace(go.Scatter(x=z[:, 0], y=z[:, 1], mode="markers", name=T.text("samples_name"), legendgroup="samples",
                                 showlegend=col == 2, marker=dict(symbol="x", size=9, color="black")), row=1, col=col)
        fig.add_trace(go.Scatter(x=[mean[0]], y=[mean[1]], mode="markers", name=T.text("mean_mu"), legendgroup="mean",
                                 showlegend=col == 2, marker=dict(symbol="star", size=16, color="gold",
                                                                  line=dict(color="black", width=1))), row=1, col=col)
    lim = vae.LATENT_LIMIT
    fig.update_xaxes(range=[-lim, lim], title_text="z₁", row=1, col=1)
    fig.update_yaxes(range=[-lim, lim], title_text="z₂", row=1, col=1)
    fig.update_xaxes(range=[mean[0] - half, mean[0] + half], title_text="z₁", row=1, col=2)
    fig.update_yaxes(range=[mean[1] - half, mean[1] + half], row=1, col=2)
    fig.update_layout(height=520, margin=dict(l=40, r=10, t=50, b=40), legend_title_text=T.text("class"), **plot_language())
    return fig


def cloud_bars(mean: np.ndarray, variance: np.ndarray) -> go.Figure:
    """A cloud in more than two dimensions: mean ± σ per latent dimension."""
    dims = [f"z{_subscript(i + 1)}" for i in range(len(mean))]
    fig = go.Figure(go.Bar(x=dims, y=mean, error_y=dict(type="data", array=np.sqrt(variance)), name=T.text("mean_sigma")))
    fig.update_layout(title=T.text("cloud_dims", n=len(mean)), height=420,
                      yaxis_title=T.text("value"), margin=dict(l=40, r=10, t=50, b=40), **plot_language())
    return fig


# -- inputs ---------------------------------------------------------------------------------------


def open_upload(path) -> Image.Image:
    """An uploaded file -> PIL image in RGB (RGBA when transparent), or a clear UserInputError."""
    if not path:
        raise UserInputError("Please upload an image first.")
    try:
        img = Image.open(path)
        if img.width * img.height > MAX_UPLOAD_PIXELS:
            raise UserInputError(f"The image is huge ({img.width}x{img.height} pixels); please upload one under 25 megapixels.")
        img.load()
    except UserInputError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise UserInputError("That file is not an image we can read; please upload a PNG, JPEG or WebP picture.") from None
    if min(img.size) < MIN_UPLOAD_SIDE:
        raise UserInputError(f"The image is tiny ({img.width}x{img.height} pixels); please upload one at least {MIN_UPLOAD_SIDE} pixels a side.")
    img = ImageOps.exif_transpose(img)
    img.thumbnail((UPLOAD_SIDE, UPLOAD_SIDE))  # a phone photo is far more than 28x28 needs
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        return img.convert("RGBA")  # prepare_drawing decides whether transparent means paper
    return img.convert("RGB")  # also turns CMYK, 16-bit and palette images into plain RGB


def digit_from_picture(picture) -> np.ndarray:
    """A photo or drawing of a digit -> (28, 28) in [0, 1] as MNIST was made (engines.digits.prepare_drawing)."""
    return digits.prepare_drawing(np.asarray(picture))


def test_digit(index) -> tuple[np.ndarray, int]:
    index = check.integer("Test digit number", index, 0, len(digits.split().test_x) - 1)
    data = digits.split()
    return data.test_x[index], int(data.test_y[index])


# -- handlers -------------------------------------------------------------------------------------


def _encode(digit: np.ndarray, model: str, k, seed):
    engine = vae.get_vae(model)
    cloud = engine.cloud(digit, k=k, seed=seed)
    if engine.latent_dim == 2:
        means, _, labels = engine.latent_map()
        fig = cloud_figure(means, labels, cloud.mean, cloud.variance, cloud.z)
    else:
        fig = cloud_bars(cloud.mean, cloud.variance)
    samples = [digit_image(s) for s in cloud.samples]
    seen = strip(np.stack([digit, cloud.reconstruction]), scale=4)
    return code_table(cloud.mean, cloud.variance), samples, seen, fig


def code_table(mean: np.ndarray, variance: np.ndarray) -> str:
    """The cloud's mean and variance per latent coordinate as Markdown tables, CODE_COLUMNS coordinates a row."""
    places = ".4f" if len(mean) <= 4 else ".3f"  # a 2-D model's clouds are small (0.0025); 16-D ones need the room
    tables = []
    for first in range(0, len(mean), CODE_COLUMNS):
        dims = range(first, min(first + CODE_COLUMNS, len(mean)))
        tables.append("\n".join([
            "| | " + " | ".join(f"z{_subscript(d + 1)}" for d in dims) + " |",
            "|---|" + "---:|" * len(dims),
            "| μ | " + " | ".join(number(mean[d], ".2f") for d in dims) + " |",
            "| σ² | " + " | ".join(number(variance[d], places) for d in dims) + " |",
        ]))
    return T.text("code_intro") + "\n\n" + "\n\n".join(tables)


def _subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


@user_errors
def vae_encode(image, model=vae.MAP_MODEL, k=8, seed=0):
    """Encode an uploaded picture: mean, variance, K decoded samples from its cloud, the cloud on the map."""
    return _encode(digit_from_picture(open_upload(image)), model, k, seed)


@user_errors
def vae_encode_drawing(sketch, model=vae.MAP_MODEL, k=8, seed=0):
    composite = sketch.get("composite") if isinstance(sketch, dict) else sketch
    if composite is None:
        raise UserInputError("Draw a digit first.")
    return _encode(digit_from_picture(composite), model, k, seed)


@user_errors
def vae_encode_test(index, model=vae.MAP_MODEL, k=8, seed=0):
    return _encode(test_digit(index)[0], model, k, seed)


def _map_figure(model: str, title: str | None = None) -> go.Figure:
    means, _, labels = vae.get_vae(model).latent_map()
    return latent_scatter(means, labels, title or T.text("map_title"))


@user_errors
def vae_latent_map(model=vae.MAP_MODEL):
    """The whole test split on the 2-D map, and the decoded manifold grid beside it."""
    engine = vae.get_vae(model)
    grid = engine.manifold(n=15, extent=3.0)
    return _map_figure(model), digit_image(grid, scale=2)


@user_errors
def vae_decode_point(x, y, model=vae.MAP_MODEL):
    """Decode one point (x, y) of a 2-D latent space; the map marks where it is."""
    engine = vae.get_vae(model)
    image = engine.decode_point(x, y)
    fig = _map_figure(model, T.text("decoding_point", x=number(float(x), ".2f"), y=number(float(y), ".2f")))
    fig.add_trace(go.Scatter(x=[float(x)], y=[float(y)], mode="markers", name=T.text("decoded_point"),
                             marker=dict(symbol="star", size=18, color="gold", line=dict(color="black", width=1))))
    return digit_image(image, scale=6), fig


@user_errors
def vae_interpolate(a=175, b=360, steps=10, model=vae.MAP_MODEL, progress=gr.Progress()):
    """Walk in a straight line from test digit a to test digit b; decode each step."""
    digit_a, label_a = test_digit(a)
    digit_b, label_b = test_digit(b)
    engine = vae.get_vae(model)
    frames = list(progress.tqdm(engine.stream(a=digit_a, b=digit_b, steps=steps), total=int(steps), desc=T.text("decoding")))
    path = np.stack([f.data["z"] for f in frames])
    images = np.stack([f.image for f in frames])
    gif = save_gif([digit_image(i, 4) for i in images], "vae-interpolation", 120, bounce=True)
    if engine.latent_dim == 2:
        fig = _map_figure(model, T.text("path_title", a=label_a, b=label_b))
        fig.add_trace(go.Scatter(x=path[:, 0], y=path[:, 1], mode="lines+markers", name=T.text("path_name"),
                                 line=dict(color="black", width=3), marker=dict(size=8, color="gold")))
    else:
        fig = go.Figure(go.Heatmap(z=path.T, colorscale="RdBu", zmid=0, colorbar=dict(title=T.text("value"))))
        fig.update_layout(title=T.text("path_nd", n=engine.latent_dim), height=420,
                          xaxis_title=T.text("step"), yaxis_title=T.text("latent_coordinate"), **plot_language())
    ends = strip(np.stack([digit_a, images[0], images[-1], digit_b]), scale=3)
    return strip(images, scale=3), gif, fig, ends


@user_errors
def vae_generate(n=16, seed=0, model=vae.QUALITY_MODEL, progress=gr.Progress()):
    """n new digits from the prior, each with its nearest training digit to show it is new."""
    progress(0.1, desc=T.text("sampling_prior"))
    images, _ = vae.get_vae(model).prior_samples(n, seed)
    progress(0.5, desc=T.text("measuring"))
    nearest, _ = vae.nearest_training(images)
    q = vae.sample_quality(images)
    gallery = [(digit_image(img), f"#{i + 1}") for i, img in enumerate(images)]
    pairs = pair_grid(images, nearest)
    summary = T.text("generate_summary", verdict=copies_verdict(q["memorized_share"], len(images)),
                     nearest=number(q["nearest_train"], ".2f"), typical=number(q["typical_nearest"], ".2f"),
                     recognizable=percent(q["recognizable"]), confident=percent(vae.CONFIDENT), coverage=f"{q['coverage'] * 10:.0f}",
                     sharpness=number(q["sharpness"], ".3f"), real=number(_real_sharpness(), ".3f"),
                     gan=number(_gan_sharpness(n, seed), ".3f"))
    if "recall" in q:
        summary += T.text("generate_pr", n=len(images), precision=number(q["precision"], ".2f"), recall=number(q["recall"], ".2f"))
    return gallery, pairs, summary


def copies_verdict(memorized_share: float, n: int) -> str:
    """The summary's opening: "new, not copied" only when none of the n samples was measured as a near copy
    (engines.metrics.memorization, via vae.sample_quality), else how many were."""
    count = max(1, round(memorized_share * n)) if memorized_share > 0 else 0
    if count == 0:
        return T.text("generate_new", n=n)
    if count == 1:
        return T.text("generate_copy", n=n)
    return T.text("generate_copies", count=count, n=n, share=percent(memorized_share))



def _real_sharpness() -> float:
    from engines import metrics

    return metrics.sharpness_real()


def _gan_sharpness(n: int, seed: int) -> float:
    """Sharpness of the embedded GAN's samples (any digit), measured now: VAE blur against GAN detail."""
    from engines import gan, metrics
    from engines.base import get_engine

    samples = get_engine(gan.GanEngine, gan.EMBEDDED).generate(-1, min(n, gan.MAX_SAMPLES), seed)
    return metrics.sharpness(samples.images)


def beta_chart(summary: dict) -> go.Figure:
    """Reconstruction error against KL for the 2-D models, on the training digits and on unseen test digits."""
    rows = sorted((m for m in summary.get("models", {}).values() if m["latent_dim"] == 2), key=lambda m: m["beta"])
    fig = go.Figure()
    for split, recon, kl, dash in ((T.text("training_digits"), "train_recon_nats", "train_kl_nats", "dash"),
                                   (T.text("unseen_digits"), "recon_nats", "kl_nats", "solid")):
        points = [m for m in rows if recon in m]
        fig.add_trace(go.Scatter(
            x=[m[kl] for m in points], y=[m[recon] for m in points], mode="lines+markers+text", name=split,
            text=[f"β = {number(m['beta'], 'g')}" for m in points], textposition="top center", marker=dict(size=11),
            line=dict(dash=dash), hovertemplate=T.text("beta_hover") + "<extra></extra>"))
    kls = [m[k] for m in rows for k in ("kl_nats", "train_kl_nats") if k in m] or [0.0, 1.0]
    recons = [m[k] for m in rows for k in ("recon_nats", "train_recon_nats") if k in m] or [0.0, 1.0]
    fig.update_xaxes(range=[min(kls) - 0.5, max(kls) + 1.0])
    fig.update_yaxes(range=[min(recons) - 2, max(recons) + 3])  # room for the β labels above the top points
    fig.update_layout(title=T.text("beta_title"), height=420, legend=dict(orientation="h", y=-0.25),
                      xaxis_title=T.text("kl_axis"),
                      yaxis_title=T.text("recon_axis"), margin=dict(l=50, r=20, t=50, b=50), **plot_language())
    return fig


@user_errors
def vae_beta(seed=0, progress=gr.Progress()):
    """β trade-off: the chart of reconstruction vs KL, the three latent maps, prior samples and their sharpness."""
    from engines import metrics

    summary = vae.training_summary()
    betas = sorted(vae.BETA_MODELS)
    maps = make_subplots(rows=1, cols=len(betas), subplot_titles=[f"β = {number(b, 'g')}" for b in betas],
                         horizontal_spacing=0.04)
    strips, lines = [], []
    for col, beta in enumerate(progress.tqdm(betas, desc=T.text("beta_models")), start=1):
        engine = vae.get_vae(vae.BETA_MODELS[beta])
        means, _, labels = engine.latent_map()
        for d in range(10):
            pts = means[labels == d]
            maps.add_trace(go.Scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", name=str(d), legendgroup=str(d),
                                      showlegend=col == 1, marker=dict(size=4, color=COLOURS[d], opacity=0.7)),
                           row=1, col=col)
        samples, _ = engine.prior_samples(16, seed)
        strips.append(samples)
        lines.append(f"| {number(beta, 'g')} | {number(metrics.sharpness(samples), '.3f')} |")
    lim = vae.LATENT_LIMIT
    maps.update_xaxes(range=[-lim, lim])
    maps.update_yaxes(range=[-lim, lim])
    maps.update_layout(height=380, margin=dict(l=30, r=10, t=40, b=30), legend_title_text=T.text("class"), **plot_language())
    table = (T.text("sharpness_table") + "\n|---|---:|\n" + "\n".join(lines)
             + "\n| " + T.text("real_test_digits") + f" | {number(metrics.sharpness_real(), '.3f')} |")
    return beta_chart(summary), maps, rows_image(strips, [f"β = {number(b, 'g')}" for b in betas]), table


@user_errors
@gpu
def vae_photo(image, model="madebyollin/taesd", progress=gr.Progress()):
    """A photo through a pretrained Stable Diffusion autoencoder: latent channels, reconstruction, compression."""
    progress(0.05, desc=T.text("loading_autoencoder"))
    engine = vae.get_photo_autoencoder(model)
    photo = np.asarray(open_upload(image))
    engine.load()
    progress(0.4, desc=T.text("encoding_decoding"))
    result = engine.roundtrip(photo)
    c, h, w = result.latents.shape
    tiles = []
    for channel in result.latents:
        lo, hi = np.percentile(channel, [1, 99])
        tiles.append(np.clip((channel - lo) / max(hi - lo, 1e-6), 0, 1))
    scale = max(1, 256 // max(h, w))
    channels = [(digit_image(t, scale), T.text("channel", n=i + 1)) for i, t in enumerate(tiles)]
    H, W = result.image.shape[:2]
    text = T.text("photo_text", model=model, W=W, H=H, numbers=thousands(result.image.size), c=c, h=h, w=w,
                  latents=thousands(result.latents.size), ratio=f"{result.ratio:.0f}", psnr=f"{result.psnr:.1f}")
    return channels, Image.fromarray(result.reconstruction), text


# -- layout ---------------------------------------------------------------------------------------


def _examples_gallery() -> list[tuple[Image.Image, str]]:
    data = digits.split()
    return [digit_image(data.test_x[i], 2) for i in EXAMPLE_INDICES]


def build() -> None:
    models = vae.embedded_models()
    with gr.Tab(T("tab"), id="vae", elem_id="vae-tab"):
        picture_css("vae-tab")
        explain(T("intro"))
        with gr.Tabs():
            with gr.Tab(T("tab_encode")):
                _build_encode(models)
            with gr.Tab(T("tab_map")) as map_tab:
                _build_map(map_tab)
            with gr.Tab(T("tab_interpolate")):
                _build_interpolate(models)
            with gr.Tab(T("tab_generate")):
                _build_generate(models)
            with gr.Tab(T("tab_beta")) as beta_tab:
                _build_beta(beta_tab)
            with gr.Tab(T("tab_photo")):
                _build_photo()


def _build_encode(models: list[str]) -> None:
    explain(T("encode_help"))
    with gr.Row():
        with gr.Column(scale=2):
            model = gr.Dropdown(models, value=vae.MAP_MODEL, label=T("model"))
            with gr.Row():
                k = gr.Slider(1, 16, value=8, step=1, label=T("k"))
                seed = gr.Number(0, label=T("seed"), precision=0, minimum=0)
            with gr.Tabs():
                with gr.Tab(T("tab_test")):
                    gallery = gr.Gallery(_examples_gallery(), columns=4, label=T("click_test"), allow_preview=False,
                                         object_fit="contain", buttons=[])
                    index = gr.Slider(0, 499, value=0, step=1, label=T("index"))
                    test_btn = gr.Button(T("encode_test"), variant="primary")
                with gr.Tab(T("tab_draw")):
                    sketch = gr.Sketchpad(label=T("sketch"), type="numpy", canvas_size=(280, 280),
                                          brush=gr.Brush(default_size=18, colors=["#000000"], color_mode="fixed"))
                    draw_btn = gr.Button(T("encode_drawing"), variant="primary")
                with gr.Tab(T("tab_upload")):
                    upload = gr.File(label=T("upload"), file_types=["image"],
                                     type="filepath")
                    upload_btn = gr.Button(T("encode_upload"), variant="primary")
        with gr.Column(scale=3):
            seen = gr.Image(label=T("seen"), type="pil", height=200)
            code = gr.Markdown()
            # six a row: a gallery's columns are at least 100 px wide, and eight would run out of this column
            samples = gr.Gallery(label=T("samples"), columns=6, allow_preview=False, object_fit="contain", buttons=[])
            plot = gr.Plot(label=T("cloud"))
    outputs = [code, samples, seen, plot]
    gallery.select(_pick_example, None, index, api_name=False).then(vae_encode_test, [index, model, k, seed], outputs,
                                                    api_name=False, **QUICK)
    test_btn.click(vae_encode_test, [index, model, k, seed], outputs, api_name="vae_encode_test", **QUICK)
    draw_btn.click(vae_encode_drawing, [sketch, model, k, seed], outputs, api_name="vae_encode_drawing", **QUICK)
    upload_btn.click(vae_encode, [upload, model, k, seed], outputs, api_name="vae_encode", **QUICK)


def _pick_example(evt: gr.SelectData) -> int:
    return EXAMPLE_INDICES[evt.index]


def _build_map(tab) -> None:
    explain(T("map_help"))
    model = gr.Dropdown([m for m in vae.embedded_models() if "2-D" in m], value=vae.MAP_MODEL, label=T("model"))
    with gr.Row():
        plot = gr.Plot(label=T("map"))
        grid = gr.Image(label=T("grid"), type="pil", height=520,
                        elem_id="vae-grid")
    with gr.Row():
        x = gr.Slider(-vae.LATENT_LIMIT, vae.LATENT_LIMIT, value=0, step=0.05, label=T("x"))
        y = gr.Slider(-vae.LATENT_LIMIT, vae.LATENT_LIMIT, value=0, step=0.05, label=T("y"))
        point = gr.Image(label=T("point"), type="pil", height=240)
    gr.on([tab.select, model.change], vae_latent_map, [model], [plot, grid], api_name="vae_latent_map", **QUICK).then(
        vae_decode_point, [x, y, model], [point, plot], api_name=False, **QUICK)
    gr.on([x.release, y.release], vae_decode_point, [x, y, model], [point, plot], api_name="vae_decode_point", **QUICK)


def _build_interpolate(models: list[str]) -> None:
    explain(T("interpolate_help"))
    with gr.Row():
        a = gr.Number(175, label=T("a"), precision=0)
        b = gr.Number(360, label=T("b"), precision=0)
        steps = gr.Slider(2, vae.MAX_STEPS, value=10, step=1, label=T("steps"))
        model = gr.Dropdown(models, value=vae.MAP_MODEL, label=T("model"))
    btn = gr.Button(T("interpolate"), variant="primary")
    setup_link("vae", a=a, b=b, steps=steps, model=model)
    lesson_presets("vae", APP("presets"), [a, b, steps, model], {
        "A 1 turns into a 0 (2-D map) · Aus einer 1 wird eine 0": [50, 0, 10, vae.MAP_MODEL],
        "Across the map: 3 to 7, in-between shapes · Quer über die Karte: 3 zu 7": [175, 360, 12, vae.MAP_MODEL],
        "The same walk in the 16-D model · Derselbe Weg im 16-D-Modell": [175, 360, 12, vae.QUALITY_MODEL],
    }, vae_interpolate)
    ends = gr.Image(label=T("ends"), type="pil")
    path_strip = gr.Image(label=T("path_strip"), type="pil")
    with gr.Row():
        plot = gr.Plot(label=T("path"))
        with gr.Column():
            gif = download_button(T("gif"))
            mp4_beside(gif, T("mp4"), "vae_interpolate_mp4")
    btn.click(vae_interpolate, [a, b, steps, model], [path_strip, gif, plot, ends], api_name="vae_interpolate", **QUICK)


def _build_generate(models: list[str]) -> None:
    explain(T("generate_help"))
    with gr.Row():
        n = gr.Slider(1, vae.MAX_SAMPLES, value=16, step=1, label=T("n"))
        seed = gr.Number(0, label=T("seed"), precision=0, minimum=0)
        model = gr.Dropdown(models, value=vae.QUALITY_MODEL, label=T("model"))
    btn = gr.Button(T("generate"), variant="primary")
    gallery = gr.Gallery(label=T("prior_samples"), columns=8, allow_preview=False, object_fit="contain", buttons=[])
    summary = gr.Markdown()
    pairs = gr.Image(label=T("pairs"), type="pil", elem_id="vae-pairs")
    btn.click(vae_generate, [n, seed, model], [gallery, pairs, summary], api_name="vae_generate", **QUICK)


def _build_beta(tab) -> None:
    explain(T("beta_help"))
    with gr.Row():
        seed = gr.Number(0, label=T("beta_seed"), precision=0, minimum=0)
        button = gr.Button(T("beta_button"), variant="primary", scale=0, min_width=300)
    with gr.Row():
        chart = gr.Plot(label=T("beta_chart"))
        table = gr.Markdown()
    maps = gr.Plot(label=T("maps"))
    strips = gr.Image(label=T("strips"), type="pil")
    gr.on([tab.select, button.click, seed.submit], vae_beta, [seed], [chart, maps, strips, table], api_name="vae_beta", **COMPUTE)


def _build_photo() -> None:
    explain(T("photo_help"))
    with gr.Row():
        with gr.Column():
            model = gr.Dropdown(vae.photo_models(), value="madebyollin/taesd", label=T("autoencoder"))
            notice = gr.Markdown()
        upload = gr.File(label=T("photo"), file_types=["image"], type="filepath")
    btn = gr.Button(T("encode_decode"), variant="primary")
    follow_hub_availability(model, "vae", notice, [btn])
    text = gr.Markdown()
    with gr.Row():
        channels = gr.Gallery(label=T("channels"), columns=4, height=280, allow_preview=False)
        recon = gr.Image(label=T("recon"), type="pil", height=280)
    btn.click(vae_photo, [upload, model], [channels, recon, text], api_name="vae_photo", **COMPUTE)


def warm() -> None:
    vae.get_vae(vae.MAP_MODEL).latent_map()
