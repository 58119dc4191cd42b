"""The README's user guide stays true: its API examples name real endpoints, its screenshots exist and are small."""

from __future__ import annotations

import re
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_api_examples_name_real_endpoints():
    named = {fn.api_name for fn in app.demo.fns.values() if fn.api_name}
    used = set(re.findall(r'api_name="/(\w+)"', README))
    assert len(used) >= 10 and used <= named, used - named
    for family in ("advise", "digits_", "llm_", "diffusion_", "gan_", "vae_", "nerf_"):
        assert any(name.startswith(family) for name in used), family


def test_screenshots_exist_and_are_small():
    shots = re.findall(r"\((docs/screenshots/[\w-]+\.png)\)", README)
    assert len(shots) >= 8
    for shot in shots:
        path = ROOT / shot
        assert path.exists() and path.stat().st_size <= 150_000, shot
