"""Textbook claims about the generative families, judged from numbers measured here.

Each claim names the measurements it needs and a rule that turns them into a verdict;
nothing is written by hand: change the numbers and the verdict changes. Measurements
are a flat dict such as ``{"gan.sharpness": 0.21, "vae.sharpness": 0.05, ...}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

SUPPORTED, NOT_SUPPORTED, NOT_MEASURED = "supported", "not supported on this data", "not measured"


@dataclass(frozen=True)
class Claim:
    text: str
    source: str
    needs: tuple[str, ...]  # measurement keys
    holds: Callable[[Mapping[str, float]], bool]
    describe: Callable[[Mapping[str, float]], str]  # the measurement, in words

    def judge(self, m: Mapping[str, float]) -> dict[str, str]:
        missing = [k for k in self.needs if k not in m]
        if missing:
            return {"claim": self.text, "source": self.source,
                    "measurement": "missing: " + ", ".join(missing), "verdict": NOT_MEASURED}
        return {"claim": self.text, "source": self.source, "measurement": self.describe(m),
                "verdict": SUPPORTED if self.holds(m) else NOT_SUPPORTED}


BRIEF = "GenAI Lab brief: the five families"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "∞"


CLAIMS: tuple[Claim, ...] = (
    Claim(
        "GAN samples are sharper than VAE samples", BRIEF,
        ("gan.sharpness", "vae.sharpness"),
        lambda m: m["gan.sharpness"] > m["vae.sharpness"],
        lambda m: f"sharpness (edge contrast): GAN {m['gan.sharpness']:.3f} vs VAE {m['vae.sharpness']:.3f}",
    ),
    Claim(
        "GANs generate faster than diffusion models (one pass vs many steps)", BRIEF,
        ("gan.ms_per_sample", "diffusion.ms_per_sample"),
        lambda m: m["gan.ms_per_sample"] < m["diffusion.ms_per_sample"],
        lambda m: f"time per sample: GAN {m['gan.ms_per_sample']:.2f} ms vs diffusion {m['diffusion.ms_per_sample']:.2f} ms "
                  f"({_ratio(m['diffusion.ms_per_sample'], m['gan.ms_per_sample'])} slower)",
    ),
    Claim(
        "Diffusion samples are more faithful than GAN samples", BRIEF,
        ("diffusion.frechet", "gan.frechet"),
        lambda m: m["diffusion.frechet"] < m["gan.frechet"],
        lambda m: f"Fréchet distance to real test digits (lower = more faithful): diffusion {m['diffusion.frechet']:.2f} "
                  f"vs GAN {m['gan.frechet']:.2f}",
    ),
    Claim(
        "VAEs cope better with little training data", BRIEF,
        ("vae.frechet", "vae_small.frechet", "gan.frechet", "gan_small.frechet",
         "diffusion.frechet", "diffusion_small.frechet"),
        lambda m: all(
            m["vae_small.frechet"] / m["vae.frechet"] < m[f"{f}_small.frechet"] / m[f"{f}.frechet"]
            for f in ("gan", "diffusion")
        ),
        lambda m: "Fréchet distance growth when trained on 10% of the data: " + ", ".join(
            f"{name} {_ratio(m[f'{f}_small.frechet'], m[f'{f}.frechet'])}"
            for f, name in (("vae", "VAE"), ("gan", "GAN"), ("diffusion", "diffusion"))
        ),
    ),
    Claim(
        "More denoising steps trade time for quality", BRIEF,
        ("diffusion.few_steps.ms", "diffusion.many_steps.ms",
         "diffusion.few_steps.recognizability", "diffusion.many_steps.recognizability"),
        lambda m: m["diffusion.many_steps.ms"] > m["diffusion.few_steps.ms"]
        and m["diffusion.many_steps.recognizability"] > m["diffusion.few_steps.recognizability"],
        lambda m: f"few steps: {m['diffusion.few_steps.ms']:.0f} ms, {m['diffusion.few_steps.recognizability']:.0%} recognized; "
                  f"many steps: {m['diffusion.many_steps.ms']:.0f} ms, {m['diffusion.many_steps.recognizability']:.0%} recognized",
    ),
    Claim(
        "Guidance trades diversity for fidelity", BRIEF,
        ("diffusion.low_guidance.diversity", "diffusion.high_guidance.diversity",
         "diffusion.low_guidance.recognizability", "diffusion.high_guidance.recognizability"),
        lambda m: m["diffusion.high_guidance.diversity"] < m["diffusion.low_guidance.diversity"]
        and m["diffusion.high_guidance.recognizability"] > m["diffusion.low_guidance.recognizability"],
        lambda m: f"low guidance: diversity {m['diffusion.low_guidance.diversity']:.2f}, "
                  f"{m['diffusion.low_guidance.recognizability']:.0%} recognized; high guidance: diversity "
                  f"{m['diffusion.high_guidance.diversity']:.2f}, {m['diffusion.high_guidance.recognizability']:.0%} recognized",
    ),
    Claim(
        "NeRF rendering is slow compared with the other families", BRIEF,
        ("nerf.ms_per_output", "gan.ms_per_sample", "vae.ms_per_sample", "diffusion.ms_per_sample"),
        lambda m: m["nerf.ms_per_output"] > max(m[f"{f}.ms_per_sample"] for f in ("gan", "vae", "diffusion")),
        lambda m: f"time per output: NeRF view {m['nerf.ms_per_output']:.0f} ms vs slowest image family "
                  f"{max(m[f'{f}.ms_per_sample'] for f in ('gan', 'vae', 'diffusion')):.1f} ms per digit",
    ),
)


def judge_all(measurements: Mapping[str, float], claims: tuple[Claim, ...] = CLAIMS) -> list[dict[str, str]]:
    """One row per claim: claim, source, measurement, verdict."""
    return [c.judge(measurements) for c in claims]

