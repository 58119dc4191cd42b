"""The Compare tab: every family answers the same request on this machine, and the textbook claims are judged from the numbers."""

from __future__ import annotations

import math

import gradio as gr
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from PIL import Image, ImageDraw

from engines import claims, compare, stats
from ui.common import COMPUTE, RERUN, caption_font, explain, panels_in_a_row, user_errors
from ui.digits import digit_grid
from ui.i18n import in_both_languages, language, machine_words, number, numbers_shown, plot_language, thousands
from ui.locales.compare import PHRASES_DE, T

COLORS = {"VAE": "#1f77b4", "GAN": "#9467bd", "Diffusion": "#ff7f0e", "LLM (transformer)": "#2ca02c", "NeRF": "#d62728"}
# In pixels, each column as wide as its longest word (see TABLE_CSS), 1374 px in all: wider than the
# page at 1400 px; a narrower screen scrolls the table sideways rather than cut words in two.
TABLE_WIDTHS = ["106px", "125px", "71px", "110px", "97px", "74px", "77px", "66px", "95px", "84px", "70px", "100px", "89px",
                "75px", "97px", "73px"]
TABLE_KEYS = ("col_family", "col_model", "col_output", "col_passes", "col_parameters", "col_weights", "col_peak", "col_ms",
              "col_recognized", "col_precision", "col_recall", "col_diversity", "col_sharpness", "col_fid", "col_memorized",
              "col_train")
CLAIM_KEYS = ("col_claim", "col_verdict", "col_compared", "col_difference", "col_interval", "col_n", "col_rule",
              "col_measurement")
CLAIM_WIDTHS = ["150px", "100px", "130px", "95px", "105px", "45px", "225px", "340px"]  # 1,190 px: the page's width at 1366 px
SWEEP_KEYS = ("sweep", "setting", "ms", "ms_lo", "ms_hi", "fid", "fid_lo", "fid_hi", "precision", "precision_lo", "precision_hi",
              "recall", "recall_lo", "recall_hi", "class_diversity", "class_diversity_lo", "class_diversity_hi",
              "recognizability", "recognizability_lo", "recognizability_hi", "n")
TABLE_COLUMNS = [T.en(key) for key in TABLE_KEYS]  # the English headers, as API users get them
CLAIM_COLUMNS = [T.en(key) for key in CLAIM_KEYS]


def headed(rows: list[list], keys):
    """Rows under headers in the request's language, their numbers shown as the language writes them (decimal comma
    in German); API users get the numbers themselves."""
    table = pd.DataFrame(rows, columns=[T.text(key) for key in keys])
    measured = [c for c in table.columns if table[c].map(lambda v: isinstance(v, float)).any()]
    return numbers_shown(table, {column: ",.6g" for column in measured})


def significant(x: float, digits: int = 3) -> str:
    """A measured number as the request's language writes it (0.25 / 0,25), ``digits`` significant."""
    return number(x, f".{digits}g") if abs(x) < 10 ** digits else number(x, ",.0f")


def share(x: float) -> str:
    return significant(100 * x, 3) + " %"


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

def measurements_for(mine: dict | None) -> dict | None:
    """This session's re-run (a gr.State: a re-run never replaces what other visitors see), else the shipped measurements."""
    return mine if mine is not None else compare.load_shipped()


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
        draw.text((left, 32), T.text("block_passes_plural" if row["passes"] > 1 else "block_passes", n=row["passes"]),
                  fill=(200, 200, 210), font=small)
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


# The measured columns and where they are in the measurements (``<family>.<name>``), the same numbers the claims use.
MEASURED_COLUMNS = (("ms", 2), ("recognizability", 3), ("precision", 2), ("recall", 2), ("class_diversity", 2),
                    ("sharpness", 3), ("fid", 1), ("memorized", 3), ("ms_per_train_step", 1))


def measured(row: dict, m: dict, name: str):
    """One family's measured number: the time per output (median of warm calls) or a metric over the evaluation
    samples; None where it was not measured (image metrics of the LLM and the NeRF)."""
    key = row["key"]
    if name == "ms":
        name = "ms_per_sample" if f"{key}.ms_per_sample" in m else "ms_per_output"
    return m.get(f"{key}.{name}")


def family_table(request: dict, measurements: dict) -> list[list]:
    """One row per family (three image families, the LLM, the NeRF): what it is and outputs, then every measured
    column from ``measurements``, the numbers the claims are judged on (not the one request of the picture)."""
    out = []
    for row in [*request["rows"], request["llm"], request["nerf"]]:
        out.append([
            row["family"], row["model"].removesuffix(" (embedded)"), engine_words(row["output"]), _passes(row),
            T.text("millions", n=number(row["parameters"] / 1e6, ".3g")), _round(row["weights_mb"], 2), _round(row["peak_mb"], 2),
            *(_round(measured(row, measurements, name), digits) for name, digits in MEASURED_COLUMNS),
        ])
    return out


def quality_figure(rows: list[dict], m: dict) -> go.Figure:
    """Radar of the image families' yardstick (the measurements), each axis scaled to the best family (1 = best here)."""
    axes = [("recognizability", T.text("axis_recognized"), True), ("recall", T.text("axis_recall"), True),
            ("class_diversity", T.text("axis_diversity"), True),
            ("sharpness", T.text("axis_sharpness"), True), ("fid", T.text("axis_faithful"), False),
            ("ms", T.text("axis_fast"), False)]
    values = {row["key"]: {name: measured(row, m, name) for name, _, _ in axes} for row in rows}
    axes = [axis for axis in axes if all(v[axis[0]] is not None and math.isfinite(v[axis[0]]) for v in values.values())]
    fig = go.Figure()
    for row in rows:
        scaled = []
        for name, _, higher in axes:
            mine, everyone = values[row["key"]][name], [v[name] for v in values.values()]
            if higher:
                scaled.append(mine / max(everyone) if max(everyone) > 0 else 0.0)
            else:
                scaled.append(min(everyone) / mine if mine > 0 else 1.0)
        labels = [label for _, label, _ in axes]
        fig.add_trace(go.Scatterpolar(r=scaled + scaled[:1], theta=labels + labels[:1], name=row["family"],
                                      line_color=COLORS.get(row["family"]), fill="toself", opacity=0.55))
    fig.update_layout(title=T.text("quality_title"), height=420, **plot_language(),
                      polar=dict(radialaxis=dict(range=[0, 1.05], showticklabels=False)), margin=dict(l=40, r=40, t=60, b=30))
    return fig


def _ms(ms: float) -> str:
    return f"{ms:.3g} ms" if ms < 1000 else f"{ms / 1000:.3g} s"


def cost_figure(request: dict, m: dict) -> go.Figure:
    """Time per output and per training step of all five families (the measurements), on one log scale."""
    rows = [*request["rows"], request["llm"], request["nerf"]]
    names = [f"{r['family']}<br>({engine_words(r['output'])})" for r in rows]
    output = [measured(r, m, "ms") for r in rows]
    train = [measured(r, m, "ms_per_train_step") for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=names, y=output, name=T.text("ms_per_output"), marker_color=[COLORS.get(r["family"]) for r in rows],
                         text=[_ms(t) if t is not None else "" for t in output], textposition="outside"))
    if any(t is not None for t in train):
        fig.add_trace(go.Bar(x=names, y=train, name=T.text("ms_per_training_step"), marker_color="#7f7f7f",
                             text=[_ms(t) if t is not None else "" for t in train], textposition="outside"))
    known = [t for t in output + train if t is not None] or [1.0]
    fig.update_layout(title=T.text("cost_title"), barmode="group", height=440, margin=dict(l=10, r=10, t=60, b=10),
                      yaxis=dict(type="log", title=T.text("milliseconds"),
                                 range=[math.log10(min(known)) - 0.5, math.log10(max(known)) + 0.8]),
                      legend=dict(orientation="h", y=-0.22, x=0.5, xanchor="center", yanchor="top"),  # below: never over a bar's label
                      **plot_language())
    return fig


def llm_markdown(answer: dict, result: dict) -> str:
    """The LLM's answer (made just now, or the measured one) with the measured times and sizes beside the fastest
    image family's: every number from ``result``, the same measurements as the table."""
    request, m = result["request"], result["measurements"]
    llm = request["llm"]
    image_ms = {r["family"]: measured(r, m, "ms") for r in request["rows"]}
    fastest = min(image_ms, key=image_ms.get)
    fastest_name = T.text("diffusion_model") if fastest == "Diffusion" else fastest  # "the GAN", "the diffusion model"
    seconds = m["llm.ms_per_output"] / 1000
    return T.text("llm_text", prompt=answer["llm"]["prompt"], answer=answer["llm"]["text"].strip(), tokens=llm["tokens"],
                  seconds=number(seconds, ".2f"), ms_token=f"{m['llm.ms_per_token']:.0f}", params=f"{llm['parameters'] / 1e6:.0f}",
                  fastest=fastest_name, image_ms=number(image_ms[fastest], ".2f"),
                  image_params=number(_row(request, fastest)["parameters"] / 1e6, ".2f"),
                  slower=thousands(round(m["llm.ms_per_output"] / image_ms[fastest])),
                  fewer=thousands(round(llm["parameters"] / _row(request, fastest)["parameters"])))


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
        return ("+" if value >= 0 else "") + significant(value, 2)
    return significant(value)


def _condition_words(condition: dict) -> str:
    lo, hi = condition["interval"]
    return (f" · {T.text('c_' + condition['key'])}: {significant(condition['difference'])} ({significant(lo)} … {significant(hi)}), "
            f"{T.text('v_' + condition['verdict'])}")


def claims_rows(result: dict | None, study: dict | None) -> list[list]:
    """One row per claim, in the request's language: verdict, the deciding difference with its interval and n, the rule."""
    rows = []
    for r in compare.claims_table(result, study):
        key = r["claim"]
        params = {"few": claims.NERF_VIEWS_FEW, "all": claims.NERF_VIEWS_ALL, "max_drop": significant(claims.NERF_MAX_DROP_DB),
                  "recognizability": share(claims.TARGET_RECOGNIZABILITY), "recall": significant(claims.TARGET_RECALL)}
        rule = T.text(f"rule_{key}", **params)
        if r["verdict"] in (claims.PENDING, claims.NOT_MEASURED):
            measured = (T.text(f"measure_{key}") if r["verdict"] == claims.PENDING
                        else T.text("missing", keys=", ".join(r["missing"])))
            rows.append([T.text(f"claim_{key}"), T.text(f"v_{r['verdict']}"), None, None, None, None, rule, measured])
            continue
        lo, hi = r["interval"]
        measured = T.text(f"measure_{key}", **{k: _worded(k, v) for k, v in r["numbers"].items()})
        if len(r["conditions"]) > 1:  # every condition's own difference and verdict, not just the deciding one
            measured += "".join(_condition_words(c) for c in r["conditions"])
        rows.append([T.text(f"claim_{key}"), T.text(f"v_{r['verdict']}"), T.text(f"c_{r['condition']}"), float(f"{r['difference']:.3g}"),
                     f"{significant(lo)} … {significant(hi)}", r["n"], rule, measured])
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
    title = (T.text("steps_sweep_title", samples=n, guidance=significant(compare.GUIDANCE)) if sweep == "steps"
             else T.text("guidance_sweep_title", samples=n, steps=compare.STEPS))
    fig.update_layout(title=title, height=520, margin=dict(l=10, r=10, t=60, b=10), **plot_language(),
                      legend=dict(orientation="h", y=-0.12, x=0.5, xanchor="center"))
    fig.update_yaxes(title_text=T.text("axis_fid"), row=1, col=1, secondary_y=False, rangemode="tozero")
    fig.update_yaxes(title_text=T.text("axis_ms"), row=1, col=1, secondary_y=True, rangemode="tozero", showgrid=False)
    fig.update_yaxes(title_text=T.text("axis_share"), row=2, col=1, rangemode="tozero")
    fig.update_xaxes(title_text=T.text("axis_steps" if sweep == "steps" else "axis_guidance"), row=2, col=1,
                     type="log" if sweep == "steps" else "linear", tickvals=list(points),
                     ticktext=[significant(x) for x in points], minor=dict(showgrid=False, ticks=""))  # only the sweep's own settings
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
            name=T.text(f"setting_{setting}"), text=[significant(est["value"]) for est in ests], textposition="inside",  # clear of the error bars
            error_y=_error_bars(ests)))
    fig.update_layout(title=T.text("study_title", steps=study["budget_steps"]), barmode="group", height=420, **plot_language(),
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
        text=[f"{significant(r['psnr']['value'])} dB" for r in runs], textposition="top center",
        error_y=_error_bars([r["psnr"] for r in runs])))
    fig.update_layout(title=T.text("views_title", steps=study["nerf_steps"]), height=380, margin=dict(l=10, r=10, t=60, b=10),
                      **plot_language(), xaxis=dict(title=T.text("axis_views"), type="log", tickvals=[r["views"] for r in runs],
                                                    ticktext=[str(r["views"]) for r in runs]),
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
        return f"{significant(min(values), 2)}–{significant(max(values), 2)}" if values else "–"

    def batch(family):
        return next((r["training"]["batch"] for r in runs if r["family"] == family), "–")

    evaluation = study["diffusion_eval"]
    return T.text("study_note", file="assets/compare/study.json", date=study["date"], machine=machine_words(study["machine"]),
                  steps=study["budget_steps"],
                  vae_batch=batch("vae"), gan_batch=batch("gan"), diffusion_batch=batch("diffusion"), full_digits=digits_in("full"),
                  full_seeds=seeds("full"), small_digits=digits_in("small"), small_seeds=seeds("small"), noisy_seeds=seeds("noisy"),
                  sigma=significant(float(study["corruption"].split("sigma")[-1])), vae_minutes=minutes("vae"), gan_minutes=minutes("gan"),
                  diffusion_minutes=minutes("diffusion"), samples=study["eval_samples"],
                  diffusion_eval=f"{evaluation['scheduler']} {evaluation['steps']}, guidance {significant(evaluation['guidance'])}",
                  nerf_steps=thousands(study["nerf_steps"]))


def status_markdown(result: dict | None, live: bool, drawn: dict | None = None) -> str:
    """Where every number on the tab comes from; ``drawn``: the request the picture and the answer were just made for."""
    if result is None:
        return T.text("no_measurements")
    text = T.text("status", where=T.text("where_now" if live else "where_shipped"), machine=machine_words(result["machine"]),
                  date=result["date"], load=number(result["load_average"], ".2f"), seconds=f"{result['seconds']:.0f}",
                  timing=engine_words(result.get("settings", {}).get("timing", "–")),
                  samples=result.get("settings", {}).get("eval_samples", "–"))
    if drawn:
        text += " " + T.text("drawn_now", digit=drawn["digit"], n=drawn["n"], seed=drawn["seed"])
    return text


def _everything(result: dict, live: bool):
    request = result["request"]
    m = result["measurements"]
    study = compare.load_study()
    image = side_by_side(result["images"], request["rows"], request["digit"])
    return (image, headed(family_table(request, m), TABLE_KEYS), llm_markdown(request, result), quality_figure(request["rows"], m),
            cost_figure(request, m), headed(claims_rows(result, study), CLAIM_KEYS), status_markdown(result, live),
            sweep_figure(result, "steps"), sweep_figure(result, "guidance"), study_markdown(study), study_figure(study),
            views_figure(study))


# --------------------------------------------------------------------------- handlers
@user_errors
def shipped():
    """On page load: the shipped numbers, instantly (no model runs)."""
    result = compare.load_shipped()
    if result is None:
        study = compare.load_study()
        return (None, headed([], TABLE_KEYS), "", None, None, headed(claims_rows(None, study), CLAIM_KEYS), status_markdown(None, False),
                None, None, study_markdown(study), study_figure(study), views_figure(study))
    return _everything(result, live=False)


@user_errors
def compare_run(digit, n, seed, mine=None, progress=gr.Progress()):
    """Every family answers (digit, n, seed) now: the side-by-side picture and the LLM's answer. The numbers stay
    those of the measurements (shipped, or this machine's re-run), and the status line says so."""
    digit, n, seed = compare.check_request(digit, n, seed)
    request = compare.run(digit, n, seed, progress=lambda f, d: progress(f, desc=d))
    result = measurements_for(mine)
    images = {r["key"]: r["images"] for r in request["rows"]}
    answer = llm_markdown(request, result) if result else ""
    return side_by_side(images, request["rows"], digit), answer, status_markdown(result, mine is not None, request)


@user_errors
def compare_claims(mine=None):
    """The claims table (verdict, the deciding difference, its 95 % interval, n, the rule), judged from this
    session's measurements (its re-run, else the shipped ones) and the shipped training study."""
    result, study = measurements_for(mine), compare.load_study()
    if result is None and study is None:
        raise gr.Error(T.text("no_measurements_error"))
    return headed(claims_rows(result, study), CLAIM_KEYS)


@user_errors
def compare_sweep(mine=None):
    """The diffusion sweeps' data: per number of steps and per guidance scale, each metric with its 95 % interval."""
    result = measurements_for(mine)
    if result is None:
        raise gr.Error(T.text("no_measurements_error"))
    return pd.DataFrame(sweep_rows(result), columns=list(SWEEP_KEYS))


@user_errors
def compare_rerun(digit, n, seed, mine=None, progress=gr.Progress()):
    """Measure the cheap part again on this machine (a few minutes: samples, timings, the request; the sweeps and the
    training study stay as shipped), then refresh every view and the claims, for this session only."""
    digit, n, seed = compare.check_request(digit, n, seed)
    before = measurements_for(mine) or {}
    result = compare.measure_all(digit, n, seed, progress=lambda f, d: progress(f, desc=d), sweeps=False)
    result["images"] = {k: np.asarray(v, dtype=np.float32) / 255 for k, v in result["images"].items()}
    result["estimates"] = {**before.get("estimates", {}), **result["estimates"]}  # the shipped sweeps stay
    return (*_everything(result, live=True), result)


def warm() -> None:
    """Load the image models and fit the VAE's per-digit Gaussians, so the first Compare is quick."""
    for key in compare.FAMILIES:
        compare._warm(key)


# --------------------------------------------------------------------------- layout
def build() -> None:
    with gr.Tab(T("tab"), id="compare"):
        explain(T.filled("intro", scheduler=compare.SCHEDULER, steps=compare.STEPS, guidance=in_both_languages(compare.GUIDANCE, ".1f")))
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

        mine = gr.State(None)  # this session's re-run, if any
        everything = [picture, table, llm_text, quality, cost, claims_table, status, steps_plot, guidance_plot, study_text,
                      study_plot, views_plot]
        gr.on(None, shipped, outputs=everything, api_name="compare_shipped")
        # progress shows on the picture only, never over the status line it is about to change
        run.click(compare_run, [digit, n, seed, mine], [picture, llm_text, status], api_name="compare_run", show_progress_on=[picture],
                  **COMPUTE)
        rerun.click(compare_rerun, [digit, n, seed, mine], everything + [mine], api_name="compare_rerun", show_progress_on=[picture],
                    **RERUN)
        refresh.click(compare_claims, mine, claims_table, api_name="compare_claims")
        sweep_button.click(compare_sweep, mine, sweep_table, api_name="compare_sweep")
