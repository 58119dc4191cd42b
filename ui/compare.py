"""The Compare tab: every family answers the same request on this machine, and the textbook claims are judged from the numbers."""

from __future__ import annotations

import math
import threading

import gradio as gr
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from PIL import Image, ImageDraw

from engines import claims, compare, stats
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
CLAIM_KEYS = ("col_claim", "col_verdict", "col_compared", "col_difference", "col_interval", "col_n", "col_rule",
              "col_measurement", "col_source")
CLAIM_WIDTHS = ["150px", "100px", "140px", "92px", "110px", "45px", "223px", "315px", "90px"]  # 1,265 px: the page's width
SWEEP_KEYS = ("sweep", "setting", "ms", "ms_lo", "ms_hi", "fid", "fid_lo", "fid_hi", "precision", "precision_lo", "precision_hi",
              "recall", "recall_lo", "recall_hi", "class_diversity", "class_diversity_lo", "class_diversity_hi",
              "recognizability", "recognizability_lo", "recognizability_hi", "n")
TABLE_COLUMNS = [T.en(key) for key in TABLE_KEYS]  # the English headers, as API users get them
CLAIM_COLUMNS = [T.en(key) for key in CLAIM_KEYS]


def headed(rows: list[list], keys) -> pd.DataFrame:
    """Rows under headers in the request's language."""
    return pd.DataFrame(rows, columns=[T.text(key) for key in keys])


def number(x: float, digits: int = 3) -> str:
    """A measured number as the request's language writes it (0.25 / 0,25), ``digits`` significant."""
    text = f"{x:.{digits}g}" if abs(x) < 10 ** digits else f"{x:,.0f}"
    return text.replace(",", " ").replace(".", ",") if language() == "de" else text


def share(x: float) -> str:
    return number(100 * x, 3) + " %"


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
#compare-table .header-cell, #compare-table .body-cell, #compare-table .header-cell *, #compare-table .body-cell *,
#compare-claims .header-cell, #compare-claims .body-cell, #compare-claims .header-cell *, #compare-claims .body-cell * {
  font-family: var(--font); font-size: 0.8rem; }
#compare-table .cell-wrap, #compare-claims .cell-wrap { padding-left: 6px; padding-right: 6px; }
#compare-table th, #compare-claims th { position: relative; }
#compare-table th .cell-menu-button, #compare-claims th .cell-menu-button { position: absolute; right: 0; top: 0; }  /* over the header */
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


# How each claim's named numbers are written in its measurement text (default: 3 significant digits).
_SHARES = {"low_recognizability", "high_recognizability", "gan_fid_cv", "diffusion_fid_cv"}
_WHOLE = {"gan_steps", "vae_steps", "few", "many", "all", "gan_never", "vae_never", "gan_collapsed", "diffusion_collapsed", "seeds"}


def _worded(name: str, value) -> str:
    if name in _SHARES:
        return share(value)
    if name in _WHOLE:
        return thousands(int(round(value)))
    if name.endswith("_recall_drop"):
        return ("+" if value >= 0 else "") + number(value, 2)
    return number(value)


def _condition_words(condition: dict) -> str:
    lo, hi = condition["interval"]
    return (f" · {T.text('c_' + condition['key'])}: {number(condition['difference'])} ({number(lo)} … {number(hi)}), "
            f"{T.text('v_' + condition['verdict'])}")


def claims_rows(result: dict | None, study: dict | None) -> list[list]:
    """One row per claim, in the request's language: verdict, the deciding difference with its interval and n, the rule."""
    rows = []
    for r in compare.claims_table(result, study):
        key = r["claim"]
        params = {"few": claims.NERF_VIEWS_FEW, "all": claims.NERF_VIEWS_ALL, "max_drop": number(claims.NERF_MAX_DROP_DB),
                  "recognizability": share(claims.TARGET_RECOGNIZABILITY), "recall": number(claims.TARGET_RECALL)}
        rule = T.text(f"rule_{key}", **params)
        if r["verdict"] in (claims.PENDING, claims.NOT_MEASURED):
            measured = (T.text(f"measure_{key}") if r["verdict"] == claims.PENDING
                        else T.text("missing", keys=", ".join(r["missing"])))
            rows.append([T.text(f"claim_{key}"), T.text(f"v_{r['verdict']}"), None, None, None, None, rule, measured, T.text("brief")])
            continue
        lo, hi = r["interval"]
        measured = T.text(f"measure_{key}", **{k: _worded(k, v) for k, v in r["numbers"].items()})
        if len(r["conditions"]) > 1:  # every condition's own difference and verdict, not just the deciding one
            measured += "".join(_condition_words(c) for c in r["conditions"])
        rows.append([T.text(f"claim_{key}"), T.text(f"v_{r['verdict']}"), T.text(f"c_{r['condition']}"), float(f"{r['difference']:.3g}"),
                     f"{number(lo)} … {number(hi)}", r["n"], rule, measured, T.text("brief")])
    return rows


# --------------------------------------------------------------------------- sweeps and studies (pure functions of the files)
def sweep_rows(result: dict | None) -> list[list]:
    """Every sweep point's time, Fréchet, precision, recall, within-class diversity and recognized, each with its interval."""
    e = (result or {}).get("estimates") or {}
    rows = []
    for sweep, settings in (("steps", claims.STEP_SWEEP), ("guidance", claims.GUIDANCE_SWEEP)):
        for x in settings:
            prefix = f"diffusion.{sweep}{x:g}"
            if f"{prefix}.fid" not in e:
                continue
            row = [sweep, x]
            for metric in ("ms", "fid", "precision", "recall", "class_diversity", "recognizability"):
                est = e[f"{prefix}.{metric}"]
                row += [_round(est["value"], 4), *(_round(v, 4) for v in stats.interval(est))]
            rows.append(row + [e[f"{prefix}.fid"]["n"]])
    return rows


def _error_bars(estimates: list[dict]) -> dict:
    """Plotly's asymmetric error bars for the estimates' 95 % intervals."""
    intervals = [stats.interval(est) for est in estimates]
    return dict(type="data", symmetric=False, array=[max(hi - est["value"], 0) for est, (_, hi) in zip(estimates, intervals)],
                arrayminus=[max(est["value"] - lo, 0) for est, (lo, _) in zip(estimates, intervals)])


def sweep_figure(result: dict | None, sweep: str) -> go.Figure | None:
    """One sweep: Fréchet distance and time per sample on top, the shares (precision, recall, diversity, recognized) below."""
    from plotly.subplots import make_subplots

    e = (result or {}).get("estimates") or {}
    settings = claims.STEP_SWEEP if sweep == "steps" else claims.GUIDANCE_SWEEP
    points = [x for x in settings if f"diffusion.{sweep}{x:g}.fid" in e]
    if not points:
        return None
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, specs=[[{"secondary_y": True}], [{}]])

    def trace(metric, label, color, row, secondary=False, dash=None):
        ests = [e[f"diffusion.{sweep}{x:g}.{metric}"] for x in points]
        fig.add_trace(go.Scatter(x=points, y=[est["value"] for est in ests], name=T.text(label), mode="lines+markers",
                                 line=dict(color=color, dash=dash), error_y=_error_bars(ests)),
                      row=row, col=1, secondary_y=secondary)

    trace("fid", "trace_fid", "#ff7f0e", 1)
    trace("ms", "trace_ms", "#7f7f7f", 1, secondary=True, dash="dot")
    for metric, label, color in (("precision", "trace_precision", "#1f77b4"), ("recall", "trace_recall", "#2ca02c"),
                                 ("class_diversity", "trace_diversity", "#9467bd"), ("recognizability", "trace_recognized", "#d62728")):
        trace(metric, label, color, 2)
    n = e[f"diffusion.{sweep}{points[0]:g}.fid"]["n"]
    title = (T.text("steps_sweep_title", samples=n, guidance=number(compare.GUIDANCE)) if sweep == "steps"
             else T.text("guidance_sweep_title", samples=n, steps=compare.STEPS))
    fig.update_layout(title=title, height=520, margin=dict(l=10, r=10, t=60, b=10),
                      legend=dict(orientation="h", y=-0.12, x=0.5, xanchor="center"))
    fig.update_yaxes(title_text=T.text("axis_fid"), row=1, col=1, secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=T.text("axis_ms"), row=1, col=1, secondary_y=True, rangemode="tozero", showgrid=False)
    fig.update_yaxes(title_text=T.text("axis_share"), row=2, col=1, rangemode="tozero")
    fig.update_xaxes(title_text=T.text("axis_steps" if sweep == "steps" else "axis_guidance"), row=2, col=1,
                     type="log" if sweep == "steps" else "linear", tickvals=list(points))
    return fig


def study_figure(study: dict | None) -> go.Figure | None:
    """Fréchet distance of each image family on all, 10 % and noisy digits at the same step budget (mean over seeds)."""
    if not study:
        return None
    e = compare.study_estimates(study)
    fig = go.Figure()
    for setting, color in (("full", "#1f77b4"), ("small", "#ff7f0e"), ("noisy", "#7f7f7f")):
        families = [f for f in claims.IMAGE_FAMILIES if f"study.{f}.{setting}.fid" in e]
        ests = [e[f"study.{f}.{setting}.fid"] for f in families]
        fig.add_trace(go.Bar(
            x=[compare.NAMES[f] for f in families], y=[est["value"] for est in ests], marker_color=color,
            name=T.text(f"setting_{setting}"), text=[number(est["value"]) for est in ests], textposition="outside",
            error_y=_error_bars(ests)))
    fig.update_layout(title=T.text("study_title", steps=study["budget_steps"]), barmode="group", height=420,
                      yaxis=dict(title=T.text("axis_fid"), rangemode="tozero"), margin=dict(l=10, r=10, t=60, b=10),
                      legend=dict(orientation="h", y=1.02, x=0.5, xanchor="center", yanchor="bottom"))
    return fig


def views_figure(study: dict | None) -> go.Figure | None:
    """The NeRF's test-view PSNR against its number of training views, same step budget each."""
    runs = sorted((r for r in (study or {}).get("runs", []) if r["family"] == "nerf"), key=lambda r: r["views"])
    if not runs:
        return None
    fig = go.Figure(go.Scatter(
        x=[r["views"] for r in runs], y=[r["psnr"]["value"] for r in runs], mode="lines+markers", line_color=COLORS["NeRF"],
        text=[f"{number(r['psnr']['value'])} dB" for r in runs], textposition="top center",
        error_y=_error_bars([r["psnr"] for r in runs])))
    fig.update_layout(title=T.text("views_title", steps=study["nerf_steps"]), height=380, margin=dict(l=10, r=10, t=60, b=10),
                      xaxis=dict(title=T.text("axis_views"), type="log", tickvals=[r["views"] for r in runs]),
                      yaxis=dict(title=T.text("axis_psnr")))
    return fig


def study_markdown(study: dict | None) -> str:
    """How the study's runs were trained, read from the training.json records the study copied."""
    if not study:
        return T.text("no_study")
    runs = [r for r in study["runs"] if r["family"] != "nerf"]

    def seeds(setting):
        return ", ".join(str(r["seed"]) for r in runs if r["name"].startswith(f"vae-{setting}-")) or "–"

    def digits_in(setting):
        return next((thousands(r["training"]["train_digits"]) for r in runs if f"-{setting}-" in r["name"]), "–")

    def minutes(family):
        values = [r["training"]["minutes"] for r in runs if r["family"] == family]
        return f"{number(min(values), 2)}–{number(max(values), 2)}" if values else "–"

    def batch(family):
        return next((r["training"]["batch"] for r in runs if r["family"] == family), "–")

    evaluation = study["diffusion_eval"]
    return T.text("study_note", file="assets/compare/study.json", date=study["date"], machine=study["machine"], steps=study["budget_steps"],
                  vae_batch=batch("vae"), gan_batch=batch("gan"), diffusion_batch=batch("diffusion"), full_digits=digits_in("full"),
                  full_seeds=seeds("full"), small_digits=digits_in("small"), small_seeds=seeds("small"), noisy_seeds=seeds("noisy"),
                  sigma=number(float(study["corruption"].split("sigma")[-1])), vae_minutes=minutes("vae"), gan_minutes=minutes("gan"),
                  diffusion_minutes=minutes("diffusion"), samples=study["eval_samples"],
                  diffusion_eval=f"{evaluation['scheduler']} {evaluation['steps']}, guidance {number(evaluation['guidance'])}",
                  nerf_steps=thousands(study["nerf_steps"]))


def status_markdown(result: dict | None, live: bool) -> str:
    if result is None:
        return T.text("no_measurements")
    return T.text("status", where=T.text("where_now" if live else "where_shipped"), machine=result["machine"], date=result["date"],
                  load=result["load_average"], seconds=f"{result['seconds']:.0f}", timing=result.get("settings", {}).get("timing", "–"))


def _everything(result: dict, live: bool):
    request = result["request"]
    m = result["measurements"]
    study = compare.load_study()
    image = side_by_side(result["images"], request["rows"], request["digit"])
    return (image, headed(family_table(request, m), TABLE_KEYS), llm_markdown(request, live), quality_figure(request["rows"]),
            cost_figure(request, m), headed(claims_rows(result, study), CLAIM_KEYS), status_markdown(result, live),
            sweep_figure(result, "steps"), sweep_figure(result, "guidance"), study_markdown(study), study_figure(study),
            views_figure(study))


# --------------------------------------------------------------------------- handlers
@user_errors
def shipped():
    """On page load: the shipped numbers, instantly (no model runs)."""
    result = latest()
    if result is None:
        study = compare.load_study()
        return (None, headed([], TABLE_KEYS), "", None, None, headed(claims_rows(None, study), CLAIM_KEYS), status_markdown(None, False),
                None, None, study_markdown(study), study_figure(study), views_figure(study))
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
    """The claims table (verdict, the deciding difference, its 95 % interval, n, the rule), judged from the latest
    measurements (a re-run here, else the shipped ones) and the shipped training study."""
    result, study = latest(), compare.load_study()
    if result is None and study is None:
        raise gr.Error(T.text("no_measurements_error"))
    return headed(claims_rows(result, study), CLAIM_KEYS)


@user_errors
def compare_sweep():
    """The diffusion sweeps' data: per number of steps and per guidance scale, each metric with its 95 % interval."""
    result = latest()
    if result is None:
        raise gr.Error(T.text("no_measurements_error"))
    return pd.DataFrame(sweep_rows(result), columns=list(SWEEP_KEYS))


@user_errors
def compare_rerun(digit, n, seed, progress=gr.Progress()):
    """Measure the cheap part again on this machine (a few minutes: samples, timings, the request; the sweeps and the
    training study stay as shipped), then refresh every view and the claims."""
    global _latest
    digit, n, seed = compare.check_request(digit, n, seed)
    before = latest() or {}
    result = compare.measure_all(digit, n, seed, progress=lambda f, d: progress(f, desc=d), sweeps=False)
    result["images"] = {k: np.asarray(v, dtype=np.float32) / 255 for k, v in result["images"].items()}
    result["estimates"] = {**before.get("estimates", {}), **result["estimates"]}  # the shipped sweeps stay
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
        explain(T.filled("claims_note", eval_samples=10 * compare.EVAL_PER_DIGIT, sweep_samples=10 * compare.SWEEP_PER_DIGIT,
                         boot=stats.BOOTSTRAP))
        claims_table = gr.Dataframe(headers=CLAIM_COLUMNS, label=T("claims"), interactive=False, wrap=True,
                                    column_widths=CLAIM_WIDTHS, max_height=1200, elem_id="compare-claims")
        refresh = gr.Button(T("refresh"), size="sm")
        with gr.Row():
            steps_plot = gr.Plot(label=T("sweeps"))
            guidance_plot = gr.Plot(label=T("sweeps"))
        with gr.Accordion(T("sweep_table"), open=False):
            sweep_button = gr.Button(T("sweep_show"), size="sm")
            sweep_table = gr.Dataframe(headers=list(SWEEP_KEYS), interactive=False, max_height=500)
        study_text = gr.Markdown()
        with gr.Row():
            study_plot = gr.Plot(label=T("study"))
            views_plot = gr.Plot(label=T("study"))

        views = [picture, table, llm_text, quality, cost]
        everything = [*views, claims_table, status, steps_plot, guidance_plot, study_text, study_plot, views_plot]
        gr.on(None, shipped, outputs=everything, api_name="compare_shipped")
        run.click(compare_run, [digit, n, seed], views, api_name="compare_run", **COMPUTE)
        rerun.click(compare_rerun, [digit, n, seed], everything, api_name="compare_rerun", **COMPUTE)
        refresh.click(compare_claims, outputs=claims_table, api_name="compare_claims")
        sweep_button.click(compare_sweep, outputs=sweep_table, api_name="compare_sweep")
