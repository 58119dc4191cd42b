"""Textbook claims about the generative families, judged from numbers measured here.

Each claim names the estimates it needs (engines/stats: a value, bootstrap replicates, n) and a
rule made of *conditions*: a difference the claim predicts to be positive. A condition is
supported when the difference's 95 % interval lies above 0, refuted when it lies below, undecided
when it spans 0 or the metric is at its ceiling or floor; the claim is supported when every
condition is, refuted when any is, undecided otherwise (stats.combine_verdicts). Nothing is written
by hand: change the numbers and the verdict changes.

Estimates come in a flat dict keyed like ``"gan.fid"``, ``"diffusion.steps64.ms"`` or
``"study.vae.small.fid"`` (``inputs`` builds it from the measurement and study files). Claims
speak in keys (``Claim.key``, condition keys, named numbers); the Compare tab words them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from engines import stats

PENDING, NOT_MEASURED = "pending", "not measured"
IMAGE_FAMILIES = ("vae", "gan", "diffusion")
STEP_SWEEP = (1, 2, 4, 8, 16, 32, 64)
GUIDANCE_SWEEP = (0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0)
NERF_VIEWS_FEW, NERF_VIEWS_ALL, NERF_MAX_DROP_DB = 10, 80, 2.0
# "Trained enough": the first training snapshot whose validation samples reach both (steps-to-target claim).
TARGET_RECOGNIZABILITY, TARGET_RECALL = 0.6, 0.4


@dataclass(frozen=True)
class Condition:
    key: str  # what is compared, e.g. "fid_growth_gan_minus_vae"
    difference: dict  # estimate of a difference predicted to be > 0
    at_limit: bool = False

    @property
    def verdict(self) -> str:
        return stats.verdict(self.difference, +1, self.at_limit)


@dataclass(frozen=True)
class Claim:
    key: str  # the Compare tab's text keys: claim_<key>, rule_<key>, measure_<key>
    source: str
    needs: tuple[str, ...]  # estimate keys
    conditions: Callable[[Mapping[str, dict]], list[Condition]]
    numbers: Callable[[Mapping[str, dict]], dict[str, float]]  # named values the measurement text shows
    pending: bool = False

    def judge(self, e: Mapping[str, dict]) -> dict:
        row = {"claim": self.key, "source": self.source, "difference": None, "interval": None, "n": None,
               "condition": None, "conditions": [], "numbers": {}}
        missing = [k for k in self.needs if k not in e]
        if self.pending or missing:
            return {**row, "verdict": PENDING if self.pending else NOT_MEASURED, "missing": missing}
        conditions = self.conditions(e)
        verdict = stats.combine_verdicts([c.verdict for c in conditions])
        shown = _deciding(conditions, verdict)
        lo, hi = stats.interval(shown.difference)
        return {**row, "verdict": verdict, "difference": shown.difference["value"], "interval": (lo, hi),
                "n": shown.difference["n"], "condition": shown.key,
                "conditions": [{"key": c.key, "difference": c.difference["value"], "interval": stats.interval(c.difference),
                                "n": c.difference["n"], "verdict": c.verdict} for c in conditions],
                "numbers": self.numbers(e)}


def _deciding(conditions: list[Condition], verdict: str) -> Condition:
    """The condition the table shows: the one that refutes, else the first undecided, else the narrowest margin."""
    for c in conditions:
        if c.verdict == verdict != stats.SUPPORTED:
            return c
    return min(conditions, key=lambda c: stats.interval(c.difference)[0] / (abs(c.difference["value"]) or 1.0))


BRIEF = "GenAI Lab brief: the five families"


def _v(e, key: str) -> float:
    return e[key]["value"]


def _minus(e, a: str, b: str) -> dict:
    return stats.difference(e[a], e[b], key=f"{a}-{b}")


def _growth(e, family: str, setting: str) -> dict:
    """How much a family's Fréchet distance grows from the full data to ``setting`` (small, noisy): a ratio."""
    return stats.ratio(e[f"study.{family}.{setting}.fid"], e[f"study.{family}.full.fid"], key=f"{family}.{setting}")


def _recall_drop(e, family: str, setting: str) -> dict:
    return stats.difference(e[f"study.{family}.full.recall"], e[f"study.{family}.{setting}.recall"], key=f"{family}.{setting}.recall")


def _vae_copes(setting: str):
    """VAE's Fréchet growth and recall drop smaller than each other image family's."""
    def conditions(e):
        out = []
        for other in ("gan", "diffusion"):
            out.append(Condition(f"fid_growth_{other}_minus_vae",
                                 stats.difference(_growth(e, other, setting), _growth(e, "vae", setting), key=f"g-{other}-{setting}")))
            out.append(Condition(f"recall_drop_{other}_minus_vae",
                                 stats.difference(_recall_drop(e, other, setting), _recall_drop(e, "vae", setting), key=f"r-{other}-{setting}")))
        return out

    def numbers(e):
        out = {}
        for f in IMAGE_FAMILIES:
            out[f"{f}_growth"] = _growth(e, f, setting)["value"]
            out[f"{f}_recall_drop"] = _recall_drop(e, f, setting)["value"]
        return out

    needs = tuple(f"study.{f}.{s}.{m}" for f in IMAGE_FAMILIES for s in ("full", setting) for m in ("fid", "recall"))
    return needs, conditions, numbers


def _relative_variance(runs: list[dict]) -> float:
    values = np.array([r["value"] for r in runs])
    return float(np.var(values, ddof=1) / max(np.mean(values) ** 2, 1e-12))


def _cv(e, family: str, metric: str) -> float:
    """Run-to-run spread over seeds: coefficient of variation of ``metric`` (std / mean)."""
    return float(np.sqrt(_relative_variance(e[f"study.{family}.seeds.{metric}"])))


def _spread_ratio(e, metric: str) -> dict:
    """log(CV of the GAN's seeds / CV of diffusion's): > 0 when the GAN varies more from run to run.

    With a few seeds a bootstrap over seeds cannot tell spreads apart (a resample of 3 seeds often
    repeats one, spread 0), so the interval is the classical one for a ratio of variances: the
    observed ratio divided by draws of F(s − 1, s − 1) (normal runs assumed); with 3 seeds each
    the GAN's variance must be about 40× diffusion's to count.
    """
    from scipy.stats import f

    gan, diffusion = e[f"study.gan.seeds.{metric}"], e[f"study.diffusion.seeds.{metric}"]
    ratio = _relative_variance(gan) / max(_relative_variance(diffusion), 1e-12)
    draws = ratio / f.rvs(len(gan) - 1, len(diffusion) - 1, size=stats.BOOTSTRAP, random_state=stats.rng("spread", metric))
    return stats.estimate(0.5 * np.log(max(ratio, 1e-12)), 0.5 * np.log(np.maximum(draws, 1e-12)), min(len(gan), len(diffusion)))


def _spread_conditions(e):
    return [Condition(f"{metric}_spread_gan_over_diffusion", _spread_ratio(e, metric)) for metric in ("fid", "recall")]


def _steps_to_target(e, family: str) -> dict:
    return stats.pooled([stats.estimate(s, [s] * stats.BOOTSTRAP, 1) for s in e[f"study.{family}.steps_to_target"]["runs"]],
                        key=f"steps-{family}")


def _time_conditions(e):
    steps = {f: _steps_to_target(e, f) for f in ("gan", "vae")}
    # A run that never reached the targets counts as the whole budget: only a lower bound. While some VAE run is
    # one, "the GAN needs more" cannot be shown (the VAE may need more still); GAN runs that never get there agree with it.
    never = e["study.vae.steps_to_target"]["never"] > 0
    ms = {f: e[f"{f}.ms_per_train_step"] for f in ("gan", "vae")}  # one training step, timed alike for both
    time = {f: stats.estimate(steps[f]["value"] * ms[f]["value"], np.asarray(steps[f]["boot"]) * np.asarray(ms[f]["boot"]),
                              steps[f]["n"]) for f in steps}
    return [Condition("steps_gan_minus_vae", stats.difference(steps["gan"], steps["vae"], key="steps"), at_limit=never),
            Condition("train_ms_gan_minus_vae", stats.difference(time["gan"], time["vae"], key="time"), at_limit=never)]


def _nerf_drop(e) -> dict:
    """PSNR lost with few views, against NERF_MAX_DROP_DB: positive when the drop is smaller than that."""
    drop = stats.difference(e[f"study.nerf.views{NERF_VIEWS_ALL}.psnr"], e[f"study.nerf.views{NERF_VIEWS_FEW}.psnr"],
                            key="nerf-views", paired=True)
    return stats.estimate(NERF_MAX_DROP_DB - drop["value"], NERF_MAX_DROP_DB - np.asarray(drop["boot"]), drop["n"])


def _max_pixel_ms(e) -> dict:
    """The slowest image family's time per output pixel (the comparison NeRF must beat to count as slow)."""
    slowest = max(IMAGE_FAMILIES, key=lambda f: _v(e, f"{f}.ms_per_pixel"))
    return e[f"{slowest}.ms_per_pixel"]


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "gan_sharper", BRIEF, ("gan.sharpness", "vae.sharpness", "real.sharpness"),
        lambda e: [Condition("sharpness_gan_minus_vae", _minus(e, "gan.sharpness", "vae.sharpness"))],
        lambda e: {"gan": _v(e, "gan.sharpness"), "vae": _v(e, "vae.sharpness"), "real": _v(e, "real.sharpness")},
    ),
    Claim(
        "gan_faster", BRIEF, ("gan.ms_per_sample", "diffusion.ms_per_sample"),
        lambda e: [Condition("ms_diffusion_minus_gan", _minus(e, "diffusion.ms_per_sample", "gan.ms_per_sample"))],
        lambda e: {"gan": _v(e, "gan.ms_per_sample"), "diffusion": _v(e, "diffusion.ms_per_sample"),
                   "ratio": _v(e, "diffusion.ms_per_sample") / _v(e, "gan.ms_per_sample")},
    ),
    Claim(
        "diffusion_faithful", BRIEF, ("diffusion.fid", "gan.fid", "diffusion.precision", "gan.precision"),
        lambda e: [Condition("fid_gan_minus_diffusion", _minus(e, "gan.fid", "diffusion.fid"))],
        lambda e: {"diffusion": _v(e, "diffusion.fid"), "gan": _v(e, "gan.fid"), "diffusion_precision": _v(e, "diffusion.precision"),
                   "gan_precision": _v(e, "gan.precision")},
    ),
    Claim("vae_little_data", BRIEF, *_vae_copes("small")),
    Claim(
        "steps_quality", BRIEF,
        tuple(f"diffusion.steps{s}.{m}" for s in (STEP_SWEEP[0], STEP_SWEEP[-1]) for m in ("ms", "fid")),
        lambda e: [Condition("ms_many_minus_few", _minus(e, f"diffusion.steps{STEP_SWEEP[-1]}.ms", f"diffusion.steps{STEP_SWEEP[0]}.ms")),
                   Condition("fid_few_minus_many", _minus(e, f"diffusion.steps{STEP_SWEEP[0]}.fid", f"diffusion.steps{STEP_SWEEP[-1]}.fid"))],
        lambda e: {"few": STEP_SWEEP[0], "many": STEP_SWEEP[-1], "few_ms": _v(e, f"diffusion.steps{STEP_SWEEP[0]}.ms"),
                   "many_ms": _v(e, f"diffusion.steps{STEP_SWEEP[-1]}.ms"), "few_fid": _v(e, f"diffusion.steps{STEP_SWEEP[0]}.fid"),
                   "many_fid": _v(e, f"diffusion.steps{STEP_SWEEP[-1]}.fid")},
    ),
    Claim(
        "guidance_tradeoff", BRIEF,
        tuple(f"diffusion.guidance{g:g}.{m}" for g in (GUIDANCE_SWEEP[0], GUIDANCE_SWEEP[-1]) for m in ("class_diversity", "recognizability")),
        lambda e: [
            Condition("diversity_low_minus_high", _minus(e, f"diffusion.guidance{GUIDANCE_SWEEP[0]:g}.class_diversity",
                                                         f"diffusion.guidance{GUIDANCE_SWEEP[-1]:g}.class_diversity")),
            Condition("recognized_high_minus_low", _minus(e, f"diffusion.guidance{GUIDANCE_SWEEP[-1]:g}.recognizability",
                                                          f"diffusion.guidance{GUIDANCE_SWEEP[0]:g}.recognizability"),
                      at_limit=stats.at_limit(_v(e, f"diffusion.guidance{GUIDANCE_SWEEP[0]:g}.recognizability"),
                                              _v(e, f"diffusion.guidance{GUIDANCE_SWEEP[-1]:g}.recognizability"))),
        ],
        lambda e: {"low": GUIDANCE_SWEEP[0], "high": GUIDANCE_SWEEP[-1],
                   **{f"{name}_{m}": _v(e, f"diffusion.guidance{g:g}.{m}") for name, g in (("low", GUIDANCE_SWEEP[0]), ("high", GUIDANCE_SWEEP[-1]))
                      for m in ("class_diversity", "recognizability")}},
    ),
    Claim(
        "nerf_slow", BRIEF, ("nerf.ms_per_output", "nerf.ms_per_pixel", "nerf.small.ms_per_output", *(f"{f}.ms_per_pixel" for f in IMAGE_FAMILIES),
                             "diffusion.ms_per_sample"),
        lambda e: [Condition("pixel_ms_nerf_minus_slowest", stats.difference(e["nerf.ms_per_pixel"], _max_pixel_ms(e), key="nerf-pixel")),
                   Condition("ms_nerf_minus_diffusion_same_size", _minus(e, "nerf.small.ms_per_output", "diffusion.ms_per_sample"))],
        lambda e: {"nerf_pixel": 1000 * _v(e, "nerf.ms_per_pixel"), "slowest_pixel": 1000 * _max_pixel_ms(e)["value"],
                   "nerf_small": _v(e, "nerf.small.ms_per_output"), "diffusion": _v(e, "diffusion.ms_per_sample"),
                   "nerf_view": _v(e, "nerf.ms_per_output")},
    ),
    Claim(
        "gan_outliers", BRIEF, tuple(f"{f}.{m}" for f in IMAGE_FAMILIES for m in ("outlier_recall", "recall")),
        lambda e: [Condition(f"outlier_recall_{other}_minus_gan", _minus(e, f"{other}.outlier_recall", "gan.outlier_recall"))
                   for other in ("vae", "diffusion")],
        lambda e: {f"{f}_{m}": _v(e, f"{f}.{m}") for f in IMAGE_FAMILIES for m in ("outlier_recall", "recall")},
    ),
    Claim(
        "diffusion_easier", BRIEF, ("study.gan.seeds.fid", "study.diffusion.seeds.fid", "study.gan.seeds.recall",
                                    "study.diffusion.seeds.recall", "study.gan.collapsed", "study.diffusion.collapsed"),
        _spread_conditions,
        lambda e: {"gan_fid_cv": _cv(e, "gan", "fid"), "diffusion_fid_cv": _cv(e, "diffusion", "fid"),
                   "gan_collapsed": e["study.gan.collapsed"]["value"], "diffusion_collapsed": e["study.diffusion.collapsed"]["value"],
                   "seeds": len(e["study.gan.seeds.fid"])},
    ),
    Claim("vae_noisy_data", BRIEF, *_vae_copes("noisy")),
    Claim(
        "nerf_few_views", BRIEF, (f"study.nerf.views{NERF_VIEWS_FEW}.psnr", f"study.nerf.views{NERF_VIEWS_ALL}.psnr"),
        lambda e: [Condition("drop_margin_db", _nerf_drop(e))],
        lambda e: {"few": NERF_VIEWS_FEW, "all": NERF_VIEWS_ALL, "max_drop": NERF_MAX_DROP_DB,
                   "few_psnr": _v(e, f"study.nerf.views{NERF_VIEWS_FEW}.psnr"), "all_psnr": _v(e, f"study.nerf.views{NERF_VIEWS_ALL}.psnr")},
    ),
    Claim(
        "gan_slower_training", BRIEF, ("study.gan.steps_to_target", "study.vae.steps_to_target", "gan.ms_per_train_step",
                                       "vae.ms_per_train_step"),
        _time_conditions,
        lambda e: {"gan_steps": _steps_to_target(e, "gan")["value"], "vae_steps": _steps_to_target(e, "vae")["value"],
                   "gan_never": e["study.gan.steps_to_target"]["never"], "vae_never": e["study.vae.steps_to_target"]["never"],
                   "recognizability": TARGET_RECOGNIZABILITY, "recall": TARGET_RECALL},
    ),
    Claim("transformers_data", BRIEF, (), lambda e: [], lambda e: {}, pending=True),
)


def judge_all(estimates: Mapping[str, dict], claims: tuple[Claim, ...] = CLAIMS) -> list[dict]:
    """One row per claim: key, source, verdict, the deciding difference with its interval and n, every condition, numbers."""
    return [c.judge(estimates) for c in claims]
