"""Claim verdicts follow from the numbers: each claim can come out supported, refuted or undecided.

``inputs(claim, effect)`` builds made-up estimates for one claim: effect +1 makes the claim's
prediction clearly true, −1 clearly false, 0 a tie (the same values with noise), so the interval
spans 0. The claims must answer supported, refuted and undecided, in that order.
"""

from __future__ import annotations

import numpy as np
import pytest

from engines import claims, stats
from engines.claims import CLAIMS, NOT_MEASURED, PENDING, judge_all

_draws = np.random.default_rng(0)


def est(value: float, sd: float | None = None, n: int = 200) -> dict:
    """A made-up estimate: bootstrap replicates spread by ``sd`` (default 2 % of the value) around ``value``."""
    sd = 0.02 * abs(value) + 1e-4 if sd is None else sd
    return stats.estimate(value, value + sd * _draws.standard_normal(stats.BOOTSTRAP), n)


def _study_copes(setting: str, effect: int) -> dict:
    """VAE's Fréchet grows ×1.1 and its recall drops 0.02; the others ×(1.1 + 0.5·effect) and 0.02 + 0.2·effect."""
    e = {}
    for f in claims.IMAGE_FAMILIES:
        growth, drop = (1.1, 0.02) if f == "vae" else (1.1 + 0.5 * effect, 0.02 + 0.2 * effect)
        e[f"study.{f}.full.fid"], e[f"study.{f}.{setting}.fid"] = est(50.0), est(50.0 * growth)
        e[f"study.{f}.full.recall"], e[f"study.{f}.{setting}.recall"] = est(0.6, 0.01), est(0.6 - drop, 0.01)
    return e


def _seeds(spread: float, mean: float) -> list[dict]:
    return [est(mean * (1 + spread * k)) for k in (-1, 0, 1)]


def inputs(key: str, effect: int) -> dict:
    if key == "gan_sharper":
        return {"gan.sharpness": est(0.2 + 0.05 * effect), "vae.sharpness": est(0.2), "real.sharpness": est(0.25)}
    if key == "gan_faster":
        return {"gan.ms_per_sample": est(3.0), "diffusion.ms_per_sample": est(3.0 + 2.0 * effect)}
    if key == "diffusion_faithful":
        return {"diffusion.fid": est(30.0 - 10 * effect), "gan.fid": est(30.0), "diffusion.precision": est(0.8), "gan.precision": est(0.8)}
    if key in ("vae_little_data", "vae_noisy_data"):
        return _study_copes("small" if key == "vae_little_data" else "noisy", effect)
    if key == "steps_quality":
        return {"diffusion.steps1.ms": est(10.0), "diffusion.steps64.ms": est(10.0 + 600 * abs(effect) + (effect == 0) * 600),
                "diffusion.steps1.fid": est(100.0), "diffusion.steps64.fid": est(100.0 - 50 * effect)}
    if key == "guidance_tradeoff":
        return {"diffusion.guidance0.class_diversity": est(1.0), "diffusion.guidance8.class_diversity": est(1.0 - 0.3 * effect),
                "diffusion.guidance0.recognizability": est(0.5, 0.03), "diffusion.guidance8.recognizability": est(0.5 + 0.4 * effect, 0.03)}
    if key == "nerf_slow":
        base = {f"{f}.ms_per_pixel": est(ms / 784) for f, ms in (("vae", 0.1), ("gan", 0.3), ("diffusion", 400.0))}
        return {**base, "diffusion.ms_per_sample": est(400.0), "nerf.ms_per_output": est(100.0),
                "nerf.ms_per_pixel": est(400.0 / 784 * (1 + 0.5 * effect)), "nerf.small.ms_per_output": est(400.0 * (1 + 0.5 * effect))}
    if key == "gan_outliers":
        e = {f"{f}.recall": est(0.7) for f in claims.IMAGE_FAMILIES}
        return {**e, "gan.outlier_recall": est(0.5 - 0.3 * effect, 0.02), "vae.outlier_recall": est(0.5, 0.02),
                "diffusion.outlier_recall": est(0.5, 0.02)}
    if key == "diffusion_easier":
        gan, diffusion = (0.3, 0.02) if effect > 0 else (0.02, 0.3) if effect < 0 else (0.1, 0.1)
        return {"study.gan.seeds.fid": _seeds(gan, 80.0), "study.diffusion.seeds.fid": _seeds(diffusion, 80.0),
                "study.gan.seeds.recall": _seeds(gan, 0.5), "study.diffusion.seeds.recall": _seeds(diffusion, 0.5),
                "study.gan.collapsed": {"value": 0, "n": 3}, "study.diffusion.collapsed": {"value": 0, "n": 3}}
    if key == "nerf_few_views":  # PSNR per test view, paired: the same 8 views resampled alike
        views = _draws.normal(25.0, 0.3, 8)
        drop = 2.0 - 1.5 * effect
        return {"study.nerf.views80.psnr": stats.estimate_mean(views, key="views"),
                "study.nerf.views10.psnr": stats.estimate_mean(views - drop + _draws.normal(0, 0.05, 8), key="views")}
    if key == "gan_slower_training":
        vae = [300, 320, 310]
        gan = [s + 200 * effect for s in vae] if effect else [200, 420, 310]
        return {"study.gan.steps_to_target": {"runs": gan, "never": 0}, "study.vae.steps_to_target": {"runs": vae, "never": 0},
                "gan.ms_per_train_step": est(10.0, 0.2), "vae.ms_per_train_step": est(10.0, 0.2)}
    raise KeyError(key)


MEASURABLE = [c for c in CLAIMS if not c.pending]


@pytest.mark.parametrize("claim", MEASURABLE, ids=lambda c: c.key)
def test_every_claim_can_come_out_each_of_the_three_ways(claim):
    verdicts = [claim.judge(inputs(claim.key, effect))["verdict"] for effect in (+1, -1, 0)]
    assert verdicts == [stats.SUPPORTED, stats.REFUTED, stats.UNDECIDED]


@pytest.mark.parametrize("claim", MEASURABLE, ids=lambda c: c.key)
def test_each_verdict_shows_its_difference_interval_and_n(claim):
    row = claim.judge(inputs(claim.key, +1))
    lo, hi = row["interval"]
    assert lo <= row["difference"] <= hi and lo > 0  # supported: the interval lies above 0
    assert row["n"] > 0 and row["condition"] in [c["key"] for c in row["conditions"]]
    assert set(row["numbers"])  # the measurement's named values, for the tab's text
    refuted = claim.judge(inputs(claim.key, -1))
    assert refuted["interval"][1] < 0 and refuted["difference"] != row["difference"]


def test_a_metric_at_its_ceiling_is_undecided_even_with_a_clear_difference():
    e = inputs("guidance_tradeoff", +1)
    # both at the ceiling, yet the higher guidance "clearly" ahead by a sliver: no room to show a trade-off
    e["diffusion.guidance0.recognizability"], e["diffusion.guidance8.recognizability"] = est(0.992, 0.0005), est(0.999, 0.0005)
    row = claims.CLAIMS[[c.key for c in CLAIMS].index("guidance_tradeoff")].judge(e)
    assert row["verdict"] == stats.UNDECIDED and row["condition"] == "recognized_high_minus_low"


def test_a_vae_run_that_never_reaches_the_target_makes_the_training_time_claim_undecided():
    claim = claims.CLAIMS[[c.key for c in CLAIMS].index("gan_slower_training")]
    e = inputs("gan_slower_training", -1)  # the GAN clearly faster to the target ...
    e["study.vae.steps_to_target"] = {"runs": [500, 520, 600], "never": 1}  # ... but one VAE count is only a lower bound
    assert claim.judge(e)["verdict"] == stats.UNDECIDED
    e = inputs("gan_slower_training", +1)
    e["study.gan.steps_to_target"] = {"runs": [600, 600, 600], "never": 3}  # GAN runs that never get there agree with it
    assert claim.judge(e)["verdict"] == stats.SUPPORTED


def test_missing_numbers_are_not_judged_and_the_transformer_claim_is_pending():
    rows = {r["claim"]: r for r in judge_all({})}
    assert set(rows) == {c.key for c in CLAIMS}
    assert rows["transformers_data"]["verdict"] == PENDING
    assert rows["gan_sharper"]["verdict"] == NOT_MEASURED and "gan.sharpness" in rows["gan_sharper"]["missing"]


def test_the_three_way_rule_itself():
    assert stats.verdict(est(1.0, 0.1), +1) == stats.SUPPORTED
    assert stats.verdict(est(-1.0, 0.1), +1) == stats.REFUTED
    assert stats.verdict(est(0.05, 0.1), +1) == stats.UNDECIDED
    assert stats.verdict(est(1.0, 0.1), +1, at_limit=True) == stats.UNDECIDED
    assert stats.combine_verdicts([stats.SUPPORTED, stats.UNDECIDED]) == stats.UNDECIDED
    assert stats.combine_verdicts([stats.SUPPORTED, stats.REFUTED]) == stats.REFUTED
