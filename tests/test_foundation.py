"""The engine contract, device choice, registry allowlist and hub loading."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import torch

from engines import device, registry, validate
from engines.base import Engine, Frame, get_engine
from engines.errors import ModelUnavailable, UserInputError
from engines.hub import SAFE_PRETRAINED, load_from_hub


class CountingEngine(Engine):
    family = "test"
    loads = 0

    def _load(self):
        time.sleep(0.05)  # widen the window for a race
        type(self).loads += 1
        return {"scale": 2.0}

    def stream(self, steps: int = 3):
        for i in range(steps):
            yield Frame(i, steps, image=np.full((2, 2), i * self.model["scale"]), metrics={"i": float(i)})


def test_engine_loads_once_under_concurrency():
    engine = CountingEngine()
    threads = [threading.Thread(target=engine.load) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert CountingEngine.loads == 1 and engine.loaded


def test_stream_and_result():
    engine = CountingEngine()
    frames = list(engine.stream(steps=4))
    assert [f.step for f in frames] == [0, 1, 2, 3] and frames[-1].done and not frames[0].done
    final = engine.result(steps=4)
    assert final.step == 3 and final.image[0, 0] == 6.0


def test_get_engine_shares_one_instance_per_model():
    assert get_engine(CountingEngine, "a") is get_engine(CountingEngine, "a")
    assert get_engine(CountingEngine, "a") is not get_engine(CountingEngine, "b")


def test_importing_app_loads_no_model():
    import subprocess
    import sys

    code = (
        "import app, engines.base as b, gradio as gr; "
        "print(isinstance(app.demo, gr.Blocks), sum(e.loaded for e in b._engines.values()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=registry.ASSETS.parent)
    assert out.stdout.split() == ["True", "0"]


def test_device_override(monkeypatch):
    monkeypatch.setenv(device.DEVICE_ENV, "cpu")
    assert device.pick_device() == torch.device("cpu")
    monkeypatch.delenv(device.DEVICE_ENV)
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert device.pick_device().type in (expected, "mps")
    if not torch.cuda.is_available():
        monkeypatch.setenv(device.DEVICE_ENV, "cuda")
        with pytest.raises(RuntimeError, match="CUDA is not available"):
            device.pick_device()


def test_dtype_half_only_on_cuda():
    assert device.pick_dtype(torch.device("cpu")) == torch.float32
    assert device.pick_dtype(torch.device("cuda")) == torch.float16
    assert device.pick_dtype(torch.device("cuda"), half_ok=False) == torch.float32


def test_registry_entries_are_complete():
    assert registry.MODELS
    for m in registry.MODELS:
        assert m.source in ("embedded", "package", "hub")
        assert m.licence and m.credit and m.size_mb > 0
    keys = [m.key for m in registry.MODELS]
    assert len(keys) == len(set(keys))


def test_allowlist_refuses_unknown_hub_ids():
    assert registry.check_hub_id("openai-community/gpt2", "llm") == "openai-community/gpt2"
    for bad in ("evil/model", "openai-community/gpt2-xl", "../../etc/passwd", "/tmp/model"):
        with pytest.raises(UserInputError, match="not on the llm allowlist"):
            registry.check_hub_id(bad, "llm")
    with pytest.raises(UserInputError):  # allowlisted for llm, not for another family
        registry.check_hub_id("openai-community/gpt2", "diffusion")


def test_unreachable_hub_model_names_the_embedded_alternative():
    from transformers import AutoModelForCausalLM

    def load(repo_id):
        return AutoModelForCausalLM.from_pretrained(repo_id, **SAFE_PRETRAINED)

    # Offline and not in the local cache: what a laptop without internet sees.
    with pytest.raises(ModelUnavailable) as info:
        load_from_hub(load, "Qwen/Qwen2.5-0.5B-Instruct", "llm")
    message = str(info.value)
    assert "Qwen/Qwen2.5-0.5B-Instruct" in message and "SmolLM2-135M-Instruct (embedded)" in message
    assert "Traceback" not in message


def test_hub_availability_is_known_before_a_load_and_an_unavailable_model_fails_at_once(fake_hub, monkeypatch):
    from engines import hub

    assert hub.hub_reachable() is False  # the tests run offline (HF_HUB_OFFLINE), as a classroom laptop may
    assert hub.availability("genai-lab-tests/copied-in") == hub.UNAVAILABLE
    fake_hub("genai-lab-tests/copied-in", lambda folder: (folder / "model_index.json").write_text("{}"))
    assert hub.availability("genai-lab-tests/copied-in") == hub.CACHED  # the cache is looked at each time: a copy counts
    tried = []
    with pytest.raises(ModelUnavailable, match="hf download HuggingFaceTB/SmolLM2-360M-Instruct.*'SmolLM2-135M-Instruct"):
        load_from_hub(tried.append, "HuggingFaceTB/SmolLM2-360M-Instruct", "llm")
    assert tried == []  # no download was tried: the user is told at once, not after the retries
    monkeypatch.setattr(hub, "hub_reachable", lambda: True)
    assert hub.availability("HuggingFaceTB/SmolLM2-360M-Instruct") == hub.DOWNLOADABLE


def test_hub_model_loads_from_local_cache(fake_hub):
    from transformers import GPT2Config, GPT2LMHeadModel

    tiny = GPT2LMHeadModel(GPT2Config(n_layer=1, n_head=2, n_embd=8, vocab_size=32, n_positions=16))
    fake_hub("distilbert/distilgpt2", lambda folder: tiny.save_pretrained(folder, safe_serialization=True))
    loaded = load_from_hub(lambda rid: GPT2LMHeadModel.from_pretrained(rid, **SAFE_PRETRAINED), "distilbert/distilgpt2", "llm")
    assert torch.equal(loaded.transformer.wte.weight, tiny.transformer.wte.weight)


def test_missing_package_file_is_a_clear_error():
    with pytest.raises(ModelUnavailable, match="not installed"):
        registry.package_file("no_such_package_here:weights.bin")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: validate.integer("Steps", 0, 1, 10), "between 1 and 10"),
        (lambda: validate.integer("Steps", 2.5, 1, 10), "whole number"),
        (lambda: validate.number("Temperature", float("nan"), 0, 2), "finite"),
        (lambda: validate.number("Temperature", "hot", 0, 2), "must be a number"),
        (lambda: validate.seed(2**32), "between 0"),
        (lambda: validate.choice("Scheduler", "Magic", ["DDIM"]), "one of DDIM"),
        (lambda: validate.text("Prompt", "   ", 10), "empty"),
        (lambda: validate.text("Prompt", "x" * 11, 10), "too long"),
    ],
)
def test_validators_refuse_bad_input(call, message):
    with pytest.raises(UserInputError, match=message):
        call()


def test_readme_and_ci_agree():
    root = registry.ASSETS.parent
    readme = (root / "README.md").read_text()
    assert "sdk: gradio" in readme and "app_file: app.py" in readme
    import gradio

    assert f"sdk_version: {gradio.__version__}" in readme
    assert "torch==2.13.0" in (root / "requirements.txt").read_text().splitlines()
    assert "README.md" in (root / ".ci" / "run").read_text()
