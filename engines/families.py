"""The five generative families: what each does well and badly, and which one fits a task.

The facts come from the content brief (shared/brief.md), except where this app measured them: how
fast NeRF renders is the Compare tab's verdict (claim ``nerf_slow`` in assets/compare). The advisor
turns a user's needs into a ranking: every family starts from how well it makes the output
modality (0-3), and the needs' points (each with its reason) multiply that: 4 points double it,
-4 halve it. So a family that hardly makes the output stays low, whatever its other strengths (more
data does not make a GAN write text), while the needs decide among the families that make it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from engines import validate
from engines.errors import UserInputError


@dataclass(frozen=True)
class Family:
    name: str
    how: str  # how it generates, in one sentence
    strengths: str
    weaknesses: str
    use_when: str


FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family(
            "VAE",
            "An encoder maps the input to a cloud (mean and variance) in a compact latent space; "
            "a decoder turns samples from that cloud, or from the prior, back into content.",
            "principled handling of uncertainty; works with limited or low-quality data; smooth latent space",
            "blurry output that misses fine detail",
            "data is limited and some blur is acceptable",
        ),
        Family(
            "GAN",
            "A generator turns random noise into samples while a discriminator scores real vs fake (0..1); "
            "they train against each other until the fakes pass.",
            "sharp, detailed output; fast generation in one forward pass",
            "long, unstable, costly training; can ignore rare modes (mode collapse)",
            "high fidelity and cheap, fast generation matter and there is compute for training",
        ),
        Family(
            "Diffusion",
            "Training adds noise step by step and learns to undo it; generation starts from pure noise "
            "and denoises it step by step.",
            "very high fidelity, often above GANs; more stable training than GANs",
            "many steps: costly training and slower generation; can miss rare details",
            "data is large and diverse, compute is plentiful, and the output is image, audio or video",
        ),
        Family(
            "Transformer",
            "Tokens attend to each other through self-attention and the model predicts which token comes next, "
            "one token at a time.",
            "long-range context; extremely versatile",
            "needs very large data and compute; hard to explain",
            "data and compute are plentiful and the task is language or many tasks at once",
        ),
        Family(
            "NeRF",
            "From photos with known camera poses, a ray is shot through each pixel; an MLP predicts colour and "
            "density along it and volume rendering composites them.",
            "3D from a few 2D photos, no 3D training data needed",
            "heavy compute to train, and one network per scene",
            "3D of one real scene is wanted from limited photos and there is time to train it",
        ),
    )
}

MODALITIES = ("text", "image", "audio", "video", "3D")
AMOUNTS = ("little", "moderate", "lots")

# How well each family produces each modality (0 = not at all, 3 = the usual choice).
MODALITY_FIT: dict[str, dict[str, tuple[float, str]]] = {
    "text": {
        "Transformer": (3.0, "LLMs are transformers: the standard for text"),
        "Diffusion": (0.5, "text diffusion exists but is rare"),
        "VAE": (0.5, "VAEs for text are mostly research models"),
        "GAN": (0.3, "GANs struggle with discrete tokens"),
        "NeRF": (0.0, "NeRF makes 3D scenes, not text"),
    },
    "image": {
        "Diffusion": (3.0, "the leading image generators are diffusion models"),
        "GAN": (2.5, "GANs make sharp images"),
        "VAE": (2.0, "VAEs make images from a smooth latent space"),
        "Transformer": (1.5, "transformers can generate images as tokens"),
        "NeRF": (0.5, "NeRF renders images only of one captured scene"),
    },
    "audio": {
        "Diffusion": (2.5, "diffusion models generate high-fidelity audio"),
        "Transformer": (2.5, "transformers generate audio as sequences of sound codes"),
        "GAN": (2.0, "GAN vocoders synthesise audio fast"),
        "VAE": (1.5, "VAEs compress audio into smooth latents"),
        "NeRF": (0.0, "NeRF makes 3D scenes, not audio"),
    },
    "video": {
        "Diffusion": (3.0, "video generators such as Sora are diffusion models"),
        "Transformer": (2.0, "transformers model long video sequences"),
        "GAN": (1.5, "video GANs exist, though behind diffusion"),
        "VAE": (1.0, "VAEs compress video frames"),
        "NeRF": (0.5, "NeRF renders fly-through videos of one scene"),
    },
    "3D": {
        "NeRF": (3.0, "NeRF turns photos into a 3D scene"),
        "Diffusion": (1.5, "diffusion can generate 3D shapes"),
        "GAN": (1.0, "3D-aware GANs exist"),
        "VAE": (1.0, "VAEs can encode 3D shapes"),
        "Transformer": (0.5, "transformers can emit 3D meshes as tokens"),
    },
}

# Points a need adds (or takes away) per family, with the reason, from the brief.
DATA = {
    "little": {
        "VAE": (2.0, "works with limited or low-quality data"),
        "NeRF": (1.0, "needs only a few photos"),
        "GAN": (-1.0, "unstable training on little data"),
        "Diffusion": (-1.5, "wants large, diverse data"),
        "Transformer": (-2.0, "needs very large data"),
    },
    "moderate": {},
    "lots": {
        "Transformer": (1.5, "thrives on very large data"),
        "Diffusion": (1.0, "large diverse data brings out its fidelity"),
        "GAN": (0.5, "more data makes GAN training easier"),
    },
}
COMPUTE = {
    "little": {
        "VAE": (1.5, "cheap and stable to train"),
        "GAN": (-0.5, "long, costly training"),
        "Diffusion": (-1.0, "costly training"),
        "NeRF": (-1.0, "heavy compute to train"),
        "Transformer": (-1.5, "needs lots of compute"),
    },
    "moderate": {},
    "lots": {
        "Diffusion": (1.0, "compute buys its very high fidelity"),
        "Transformer": (1.0, "compute buys scale and versatility"),
        "GAN": (0.5, "compute pays for its long training"),
    },
}
FAST = {
    "GAN": (2.0, "fast generation in one forward pass"),
    "VAE": (1.5, "one decoder pass per sample"),
    "Transformer": (-0.5, "generates one token at a time"),
    "Diffusion": (-1.5, "many denoising steps: slower generation"),
}
# NeRF's rendering speed, by the Compare tab's verdict on the textbook claim "NeRF rendering is slow".
NERF_RENDERING = {
    "supported": (-2.0, "slow to render, as measured on the Compare tab"),
    "refuted": (0.5, "renders fast here: the Compare tab's measurement refutes \"NeRF is slow\""),
    "undecided": (-1.0, "slow to render, say textbooks; the Compare tab's measurement is undecided"),
}
NERF_RENDERING_UNMEASURED = (-1.0, "slow to render, say textbooks; not measured here")
DETAIL = {
    "Diffusion": (2.0, "very high fidelity, often above GANs"),
    "GAN": (1.5, "sharp, detailed output"),
    "Transformer": (0.5, "detailed when large enough"),
    "NeRF": (0.5, "fine view-dependent detail of real scenes"),
    "VAE": (-2.0, "blurry output that misses fine detail"),
}
PHOTOS_TO_3D = {
    "NeRF": (4.0, "3D from 2D photos, no 3D training data needed"),
    "Diffusion": (-1.0, "needs 3D training data or a NeRF underneath"),
    "GAN": (-1.0, "trains on a large collection, not on one scene's photos"),
    "VAE": (-1.0, "needs many training examples, not one scene's photos"),
    "Transformer": (-1.0, "does not learn 3D from a few photos"),
}


DOUBLING_POINTS = 4.0  # needs' points that double a family's modality fit (negative ones halve it)
MAKES_OUTPUT = 1.0  # a modality fit below this: the family hardly makes that output


@functools.cache
def nerf_rendering_claim() -> dict | None:
    """The Compare tab's row for the claim "NeRF rendering is slow" (verdict and numbers), judged from the
    shipped measurement files; None when they are missing."""
    from engines import claims, compare  # compare brings torch: only when the advisor needs it

    shipped = compare.load_shipped()
    if shipped is None:
        return None
    claim = next(c for c in claims.CLAIMS if c.key == "nerf_slow")
    return claim.judge(compare.claim_inputs(shipped, compare.load_study()))


def nerf_rendering_points() -> tuple[float, str]:
    row = nerf_rendering_claim()
    return NERF_RENDERING.get(row["verdict"], NERF_RENDERING_UNMEASURED) if row else NERF_RENDERING_UNMEASURED


@dataclass(frozen=True)
class Advice:
    family: str
    score: float
    fit: tuple[float, str]  # how well it makes the output modality (0-3), and why
    reasons: tuple[tuple[float, str], ...]  # the needs' (points, why), strongest first

    @property
    def makes_output(self) -> bool:
        return self.fit[0] >= MAKES_OUTPUT

    def lines(self) -> tuple[str, str | None]:
        """The strongest reason for (the modality fit counts as one) and the strongest against, None if
        there is none. A family that hardly makes the output is told by just that."""
        if not self.makes_output:
            return self.fit[1], None
        pros = [r for r in self.reasons if r[0] > 0] + [self.fit]  # on equal points a need explains a rank better
        cons = [why for pts, why in self.reasons if pts < 0]
        return max(pros, key=lambda r: r[0])[1], (cons[0] if cons else None)

    @property
    def reason(self) -> str:
        """One line: the strongest reason for and, if any, the strongest against."""
        pro, con = self.lines()
        return f"{pro}; but {con}" if con else pro


def advise(
    modality: str,
    data: str,
    compute: str,
    fast_generation: bool,
    fine_detail: bool,
    photos_to_3d: bool,
) -> list[Advice]:
    """Rank the five families for a task, best first."""
    modality = validate.choice("Output modality", modality, MODALITIES)
    data = validate.choice("Training data", data, AMOUNTS)
    compute = validate.choice("Training compute", compute, AMOUNTS)
    for name, value in (("Fast generation", fast_generation), ("Fine detail", fine_detail), ("3D from photos", photos_to_3d)):
        if not isinstance(value, bool):
            raise UserInputError(f"{name} must be true or false, got {value!r}.")

    fast = {**FAST, "NeRF": nerf_rendering_points()} if fast_generation else {}
    tables = [DATA[data], COMPUTE[compute], fast]
    tables += [table for table, on in ((DETAIL, fine_detail), (PHOTOS_TO_3D, photos_to_3d)) if on]
    ranking = []
    for family in FAMILIES:
        fit = MODALITY_FIT[modality][family]
        reasons = tuple(sorted((t[family] for t in tables if family in t), key=lambda r: -abs(r[0])))
        score = fit[0] * 2 ** (sum(pts for pts, _ in reasons) / DOUBLING_POINTS)
        ranking.append(Advice(family, round(score, 2), fit, reasons))
    # Ties keep the brief's family order, so the result is deterministic.
    return sorted(ranking, key=lambda a: -a.score)
