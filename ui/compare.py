"""The Compare tab: every family answers the same request on this machine, and the textbook claims are judged from the numbers."""

from __future__ import annotations

import math
import threading

import gradio as gr
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from PIL import Image, ImageDraw

from engines import compare
from ui.common import COMPUTE, caption_font, explain, panels_in_a_row, user_errors
from ui.digits import digit_grid
from ui.i18n import language, thousands
from ui.locales.compare import PHRASES_DE, T

COLORS = {"VAE": "#1f77b4", "GAN": "#9467bd", "Diffusion": "#ff7f0e", "LLM (transformer)": "#2ca02c", "NeRF": "#d62728"}
# In pixels, each column as wide as its longest word (see TABLE_CSS), 1374 px in all: wider than the
# page at 1400 px; a narrower screen scrolls the table sideways rather than cut words in two.
TABLE_WIDTHS = ["106px", "125px", "71px", "66px", "110px", "97px", "74px", "77px", "95px", "84px", "70px", "100px", "89px",
                "56px", "97px", "73px"]
TABLE_KEYS = ("col_family", "col_model", "col_output", "col_ms", "col_passes", "col_parameters", "col_weights", "col_peak",
              "col_recognized", "col_precision", "col_recall", "col_diversity", "col_sharpness", "col_fid", "col_memorized",
              "col_train")
CLAIM_KEYS = ("col_claim", "col_verdict", "col_measurement", "col_source")
TABLE_COLUMNS = [T.en(key) for key in TABLE_KEYS]  # the English headers, as API users get them
CLAIM_COLUMNS = [T.en(key) for key in CLAIM_KEYS]  # also engines/claims.py's row keys


def headed(rows: list[list], keys) -> pd.DataFrame:
    """Rows under headers in the request's language."""
    return pd.DataFrame(rows, columns=[T.text(key) for key in keys])


def engine_words(text: str) -> str:
    """Text the engines write in English (claims, verdicts, measurements), in the request's language."""
    if language() == "de":
        for english, german in PHRASES_DE:
            text = text.replace(english, german)
    return text


# Fourteen columns in a projector's width: the body font, a size smaller, and words never cut in two
# ("Diffusio n"); a column too narrow for its longest word makes the table scroll sideways instead.
TABLE_CSS = """
<style>
#compare-table .header-cell, #compare-table .body-cell, #compare-table .header-cell *, #compare-table .body-cell * {
  font-family: var(--font); font-size: 0.8rem; }
#compare-table .cell-wrap { padding-left: 6px; padding-right: 6px; }
#compare-table th { position: relative; }
#compare-table th .cell-menu-button { position: absolute; right: 0; top: 0; }  /* over the header, not beside its words */
</style>
"""

_latest: dict | None = None  # the last full measurement of this process (a re-run), else the shipped one
_lock = threading.Lock()


def latest() -> dict | None:
    with _lock:
        if _latest is None:
            return compare.load_shipped()
        return _latest


# --------------------------------------------------------------------------- figures (pure functions)
def side_by_side(images: dict[str, np.ndarray], rows: list[dict], digit: int, scale: int = 3) -> Image.Image:
    """One picture: a labelled column of samples per image family."""
    blocks = []
    for row in rows:
        imgs = images[row["key"]]
        cols = min(4, len(imgs))
        grid = digit_grid(imgs, cols=cols, scale=scale)
        blocks.append((row, grid))
    head = 58
    canvas, lefts = panels_in_a_row([grid for _, grid in blocks], head)
    draw = ImageDraw.Draw(canvas)
    title, small = caption_font(18), caption_font(13)
    for (row, grid), left in zip(blocks, lefts):
        draw.text((left, 8), T.text("block_title", family=row["family"], digit=digit), fill=(255, 255, 255), font=title)
        draw.text((left, 32), T.text("block_cost_plural" if row["passes"] > 1 else "block_cost", ms=f"{row['ms_per_output']:.3g}",
                                     n=row["passes"]), fill=(200, 200, 210), font=small)
        draw.rectangle((left, head - 6, left + grid.width - 1, head - 3), fill=COLORS.get(row["family"], "#888888"))
    return canvas


def _passes(row: dict) -> str:
    key = row["key"]
    if key.startswith("diffusion"):
        return T.text("passes_diffusion", passes=row["passes"], steps=row["passes"] // 2)
    if key.startswith("vae"):
        return T.text("passes_vae")
    if key.startswith("gan"):
        return T.text("passes_gan")
    if key == "llm":
        return T.text("passes_llm", passes=row["passes"])
    return T.text("passes_nerf", points=thousands(row["passes"]))


def _round(x, digits: int = 3):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), digits)


def family_table(request: dict, measurements: dict | None = None) -> list[list]:
    """One row per family (three image families, the LLM, the NeRF) with every measured column."""
    m = measurements or {}
    out = []
    for row in [*request["rows"], request["llm"], request["nerf"]]:
        image = "recognized" in row
        out.append([
            row["family"], row["model"].removesuffix(" (embedded)"), engine_words(row["output"]), _round(row["ms_per_output"], 2), _passes(row),
            f"{row['parameters'] / 1e6:.3g} M", _round(row["weights_mb"], 2), _round(row["peak_mb"], 2),
            _round(row["recognized"]) if image else None, _round(row["precision"], 2) if image else None,
            _round(row["recall"], 2) if image else None, _round(row["class_diversity"], 2) if image else None,
            _round(row["sharpness"]) if image else None, _round(row["fid_digit"], 1) if image else None,
            _round(row["memorized"]) if image else None, _round(m.get(f"{row['key']}.ms_per_train_step"), 1),
        ])
    return out


def quality_figure(rows: list[dict]) -> go.Figure:
    """Radar of the image families' yardstick, each axis scaled to the best family (1 = best here)."""
    axes = [("recognized", T.text("axis_recognized"), True), ("recall", T.text("axis_recall"), True),
            ("class_diversity", T.text("axis_diversity"), True),
            ("sharpness", T.text("axis_sharpness"), True), ("fid_digit", T.text("axis_faithful"), False),
            ("ms_per_output", T.text("axis_fast"), False)]
    axes = [axis for axis in axes if all(math.isfinite(r[axis[0]]) for r in rows)]  # recall needs n > 3 samples
    fig = go.Figure()
    for row in rows:
        values = []
        for key, _, higher in axes:
            all_values = [r[key] for r in rows]
            if higher:
                best = max(all_values)
                values.append(row[key] / best if best > 0 else 0.0)
            else:
                values.append(min(all_values) / row[key] if row[key] > 0 else 1.0)
        labels = [label for _, label, _ in axes]
        fig.add_trace(go.Scatterpolar(r=values + values[:1], theta=labels + labels[:1], name=row["family"],
                                      line_color=COLORS.get(row["family"]), fill="toself", opacity=0.55))
    fig.update_layout(title=T.text("quality_title"), height=420,
                      polar=dict(radialaxis=dict(range=[0, 1.05], showticklabels=False)), margin=dict(l=40, r=40, t=60, b=30))
    return fig


def _ms(ms: float) -> str:
    return f"{ms:.3g} ms" if ms < 1000 else f"{ms / 1000:.3g} s"


def cost_figure(request: dict, measurements: dict | None = None) -> go.Figure:
    """Time per output and per training step of all five families, on one log scale."""
    m = measurements or {}
    rows = [*request["rows"], request["llm"], request["nerf"]]
    names = [f"{r['family']}<br>({engine_words(r['output'])})" for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=names, y=[r["ms_per_output"] for r in rows], name=T.text("ms_per_output"),
                         marker_color=[COLORS.get(r["family"]) for r in rows],
                         text=[_ms(r["ms_per_output"]) for r in rows], textposition="outside"))
    train = [m.get(f"{r['key']}.ms_per_train_step") for r in rows]
    if any(t is not None for t in train):
        fig.add_trace(go.Bar(x=names, y=train, name=T.text("ms_per_training_step"), marker_color="#7f7f7f",
                             text=[_ms(t) if t is not None else "" for t in train], textposition="outside"))
    highest = max([r["ms_per_output"] for r in rows] + [t for t in train if t is not None])
    lowest = min([r["ms_per_output"] for r in rows] + [t for t in train if t is not None])
    fig.update_layout(title=T.text("cost_title"),
                      yaxis=dict(type="log", title=T.text("milliseconds"), range=[math.log10(lowest) - 0.5, math.log10(highest) + 0.8]), barmode="group", height=420,
                      margin=dict(l=10, r=10, t=60, b=10), legend=dict(orientation="h", y=1.02, x=0.5, xanchor="center"))
    return fig


def llm_markdown(request: dict, live: bool) -> str:
    llm, digit = request["llm"], request["digit"]
    image_ms = {r["family"]: r["ms_per_output"] for r in request["rows"]}
    fastest = min(image_ms, key=image_ms.get)
    fastest_name = T.text("diffusion_model") if fastest == "Diffusion" else fastest  # "the GAN", "the diffusion model"
    return (
        T.text("llm_text", prompt=llm["prompt"], answer=llm["text"].strip(), tokens=llm["tokens"],
               seconds=f"{llm['ms_per_output'] / 1000:.2f}", ms_token=f"{llm['ms_per_token']:.0f}",
               params=f"{llm['parameters'] / 1e6:.0f}", fastest=fastest_name, digit=digit, image_ms=f"{image_ms[fastest]:.2f}",
               image_params=f"{_row(request, fastest)['parameters'] / 1e6:.2f}",
               slower=thousands(round(llm["ms_per_output"] / image_ms[fastest])),
               fewer=thousands(round(llm["parameters"] / _row(request, fastest)["parameters"])))
        + T.text("measured_now" if live else "shipped_numbers")
    )


def _row(request: dict, family: str) -> dict:
    return next(r for r in request["rows"] if r["family"] == family)


def claims_rows(measurements: dict) -> list[list[str]]:
    return [[engine_words(r[c]) for c in CLAIM_COLUMNS] for r in compare.claims_table(measurements)]


def status_markdown(result: dict | None, live: bool) -> str:
    if result is None:
        return T.text("no_measurements")
    m = result["measurements"]
    return T.text("status", where=T.text("where_now" if live else "where_shipped"), machine=result["machine"], date=result["date"],
                  load=result["load_average"], seconds=f"{result['seconds']:.0f}", samples=10 * compare.FID_PER_DIGIT,
                  floor=f"{m.get('frechet_floor', float('nan')):.1f}")


def _everything(result: dict, live: bool):
    request = result["request"]
    m = result["measurements"]
    image = side_by_side(result["images"], request["rows"], request["digit"])
    return (image, headed(family_table(request, m), TABLE_KEYS), llm_markdown(request, live), quality_figure(request["rows"]),
            cost_figure(request, m), headed(claims_rows(m), CLAIM_KEYS), status_markdown(result, live))


# --------------------------------------------------------------------------- handlers
@user_errors
def shipped():
    """On page load: the shipped numbers, instantly (no model runs)."""
    result = latest()
    if result is None:
        return None, headed([], TABLE_KEYS), "", None, None, headed([], CLAIM_KEYS), status_markdown(None, False)
    return _everything(result, live=_latest is not None)


@user_errors
def compare_run(digit, n, seed, progress=gr.Progress()):
    """Every family answers (digit, n, seed) now: side-by-side image first, then the per-family table."""
    digit, n, seed = compare.check_request(digit, n, seed)
    request = compare.run(digit, n, seed, progress=lambda f, d: progress(f, desc=d))
    result = latest()
    m = result["measurements"] if result else {}
    images = {r["key"]: r["images"] for r in request["rows"]}
    return (side_by_side(images, request["rows"], digit), headed(family_table(request, m), TABLE_KEYS), llm_markdown(request, live=True),
            quality_figure(request["rows"]), cost_figure(request, m))


@user_errors
def compare_claims():
    """The claims table, judged from the latest measurements (a re-run here, else the shipped ones)."""
    result = latest()
    if result is None:
        raise gr.Error(T.text("no_measurements_error"))
    return headed(claims_rows(result["measurements"]), CLAIM_KEYS)


@user_errors
def compare_rerun(digit, n, seed, progress=gr.Progress()):
    """Measure everything again on this machine (about a minute), then refresh every view and the claims."""
    global _latest
    digit, n, seed = compare.check_request(digit, n, seed)
    result = compare.measure_all(digit, n, seed, progress=lambda f, d: progress(f, desc=d))
    result["images"] = {k: np.asarray(v, dtype=np.float32) / 255 for k, v in result["images"].items()}
    with _lock:
        _latest = result
    return _everything(result, live=True)


def warm() -> None:
    """Load the image models and fit the VAE's per-digit Gaussians, so the first Compare is quick."""
    for key in compare.FAMILIES:
        compare._warm(key)


# --------------------------------------------------------------------------- layout
def _number(x) -> dict[str, str]:
    """A number as each language writes it (3.0 / 3,0)."""
    return {"en": str(x), "de": str(x).replace(".", ",")}


def build() -> None:
    with gr.Tab(T("tab"), id="compare"):
        explain(T.filled("intro", scheduler=compare.SCHEDULER, steps=compare.STEPS, guidance=_number(compare.GUIDANCE)))
        status = gr.Markdown()
        with gr.Row():
            digit = gr.Dropdown(list(range(10)), value=compare.DEFAULT_DIGIT, label=T("digit"))
            n = gr.Slider(2, compare.MAX_N, value=compare.DEFAULT_N, step=1, label=T("n"))
            seed = gr.Number(value=compare.DEFAULT_SEED, precision=0, label=T("seed"))
            run = gr.Button(T("compare"), variant="primary")
            rerun = gr.Button(T("rerun"))
        picture = gr.Image(label=T("picture"), type="pil", height=380)
        llm_text = gr.Markdown()
        gr.HTML(TABLE_CSS, padding=False)
        table = gr.Dataframe(headers=TABLE_COLUMNS, label=T("table"), interactive=False, wrap=True,
                             column_widths=TABLE_WIDTHS, max_height=900, elem_id="compare-table")
        with gr.Row():
            quality = gr.Plot(label=T("quality"))
            cost = gr.Plot(label=T("cost"))
        explain(T.filled("claims_note", fid_samples=10 * compare.FID_PER_DIGIT, few_steps=compare.FEW_STEPS,
                         many_steps=compare.MANY_STEPS, step_samples=10 * compare.STEP_SWEEP_PER_DIGIT,
                         low_guidance=_number(compare.LOW_GUIDANCE), high_guidance=_number(compare.HIGH_GUIDANCE),
                         guidance_samples=10 * compare.GUIDANCE_SWEEP_PER_DIGIT, guidance_steps=compare.GUIDANCE_SWEEP_STEPS))
        claims_table = gr.Dataframe(headers=CLAIM_COLUMNS, label=T("claims"), interactive=False, wrap=True,
                                    column_widths=["30%", "14%", "42%", "14%"], max_height=900)
        refresh = gr.Button(T("refresh"), size="sm")

        views = [picture, table, llm_text, quality, cost]
        gr.on(None, shipped, outputs=[*views, claims_table, status], api_name="compare_shipped")
        run.click(compare_run, [digit, n, seed], views, api_name="compare_run", **COMPUTE)
        rerun.click(compare_rerun, [digit, n, seed], [*views, claims_table, status], api_name="compare_rerun", **COMPUTE)
        refresh.click(compare_claims, outputs=claims_table, api_name="compare_claims")
