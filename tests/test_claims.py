"""Claim verdicts follow from the numbers: change a number, the verdict changes."""

from __future__ import annotations

import pytest

from engines.claims import CLAIMS, NOT_MEASURED, NOT_SUPPORTED, SUPPORTED, judge_all

MEASURED = {
    "gan.sharpness": 0.30, "vae.sharpness": 0.10,
    "gan.ms_per_sample": 0.5, "vae.ms_per_sample": 0.3, "diffusion.ms_per_sample": 40.0,
    "diffusion.frechet": 2.0, "gan.frechet": 5.0, "vae.frechet": 10.0,
    "vae_small.frechet": 12.0, "gan_small.frechet": 20.0, "diffusion_small.frechet": 8.0,
    "diffusion.few_steps.ms": 10.0, "diffusion.many_steps.ms": 200.0,
    "diffusion.few_steps.recognizability": 0.4, "diffusion.many_steps.recognizability": 0.95,
    "diffusion.low_guidance.diversity": 9.0, "diffusion.high_guidance.diversity": 6.0,
    "diffusion.low_guidance.recognizability": 0.8, "diffusion.high_guidance.recognizability": 0.97,
    "nerf.ms_per_output": 600.0,
}

# For each claim, one number change that must flip its verdict.
FLIPS = [
    {"vae.sharpness": 0.5},
    {"gan.ms_per_sample": 50.0},
    {"diffusion.frechet": 6.0},
    {"vae_small.frechet": 40.0},
    {"diffusion.many_steps.recognizability": 0.3},
    {"diffusion.high_guidance.diversity": 9.5},
    {"nerf.ms_per_output": 1.0},
]


def test_every_claim_has_a_row_and_a_verdict():
    rows = judge_all(MEASURED)
    assert len(rows) == len(CLAIMS) == 7
    assert all(r["verdict"] == SUPPORTED for r in rows)
    assert all(r["source"] and r["measurement"] for r in rows)


@pytest.mark.parametrize("index, change", list(enumerate(FLIPS)))
def test_changing_the_numbers_changes_the_verdict(index, change):
    before = CLAIMS[index].judge(MEASURED)
    after = CLAIMS[index].judge({**MEASURED, **change})
    assert before["verdict"] == SUPPORTED and after["verdict"] == NOT_SUPPORTED
    assert before["measurement"] != after["measurement"]


def test_missing_numbers_are_not_judged():
    partial = {k: v for k, v in MEASURED.items() if not k.startswith("nerf.")}
    row = judge_all(partial)[-1]
    assert row["verdict"] == NOT_MEASURED and "nerf.ms_per_output" in row["measurement"]
