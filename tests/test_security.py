"""Security basics: no remote code, no pickles, no stray files served, no leaked paths or secrets."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import gradio as gr
import pytest

from tests.conftest import FAKE_TOKEN, ROOT, SERVER_LOG
from ui.common import user_errors

SOURCES = [p for d in ("engines", "ui", "scripts", "bench") for p in (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]


def test_remote_code_is_never_trusted():
    # Not even through a variable: the only spelling allowed is an explicit False.
    offenders = [str(p) for p in SOURCES if re.search(r"trust_remote_code\s*=\s*(?!False\b)", p.read_text())]
    assert not offenders


def test_nothing_is_unpickled():
    for path in SOURCES:
        text = path.read_text()
        assert not re.search(r"^\s*(import pickle|from pickle|import dill|import joblib)", text, re.M), path
        assert "allow_pickle=True" not in text, path


def test_every_from_pretrained_loads_safetensors_only():
    """Weights come from safetensors: hub loads force it, our own mixin models load with strict=True
    from folders that hold only model.safetensors, the GGUF file is not a pickle, and configs and
    tokenizers carry no weights."""
    safe = ("**SAFE_PRETRAINED", "**DIFFUSERS_PRETRAINED", "**kwargs", "strict=True", "gguf_file=", "Scheduler.from_pretrained",
            "AutoTokenizer.from_pretrained", "NerfMLP.from_pretrained(str(embedded_dir")
    for path in (ROOT / "engines").rglob("*.py"):
        for line in path.read_text().splitlines():
            if ".from_pretrained(" in line and not line.lstrip().startswith(("#", "def ", '"', "``")):
                assert any(s in line for s in safe), f"{path.name}: {line.strip()}"
    from engines.hub import DIFFUSERS_PRETRAINED, SAFE_PRETRAINED

    assert SAFE_PRETRAINED["use_safetensors"] is True and DIFFUSERS_PRETRAINED["use_safetensors"] is True


def test_hub_ids_come_only_from_the_allowlist():
    from engines import registry, vae
    from engines.errors import UserInputError
    from engines.hub import load_from_hub

    loads = []
    for family in ("llm", "diffusion", "vae", "gan"):
        with pytest.raises(UserInputError, match="allowlist"):
            load_from_hub(loads.append, "attacker/evil-model", family)
        with pytest.raises(UserInputError):
            registry.check_hub_id("../../etc", family)
    assert not loads, "a refused id reached the loader"
    with pytest.raises(UserInputError):
        vae.get_photo_autoencoder("attacker/evil-model")
    assert registry.hub_allowlist("diffusion") and all("/" in rid for rid in registry.hub_allowlist("diffusion"))


def test_a_hub_id_outside_the_list_is_refused_through_the_api(client):
    from gradio_client.exceptions import AppError

    for args, api in ((["attacker/evil-model", "a fox", 1, 0, 64, 0], "/diffusion_text_to_image"),
                      ([None, "attacker/evil-model"], "/vae_photo")):
        with pytest.raises(AppError) as info:
            client.predict(*args, api_name=api)
        assert "evil" in str(info.value) or "choices" in str(info.value) or "upload" in str(info.value)


def test_every_torch_load_refuses_pickled_code():
    for path in SOURCES:
        for call in re.findall(r"torch\.load\([^)]*\)", path.read_text()):
            assert "weights_only=True" in call, f"{path}: {call}"


def test_shipped_weights_are_safetensors_only():
    weights = [p for p in (ROOT / "assets").rglob("*") if p.suffix in {".bin", ".pt", ".pth", ".pkl", ".ckpt"}]
    assert not weights
    assert list((ROOT / "assets").rglob("*.safetensors"))


@pytest.mark.parametrize(
    "path, secret",
    [
        ("/etc/passwd", b"root:"),
        (str(ROOT / "app.py"), b"Importing this module builds"),
        (str(ROOT / "README.md"), b"sdk: gradio"),
        ("../../../../etc/passwd", b"root:"),
        ("/proc/self/environ", FAKE_TOKEN.encode()),  # the server's own environment holds the token
        (str(ROOT / "assets" / "gan" / "config.json"), b"{"),  # assets are read by the app, not served
        (str(SERVER_LOG), b"INFO"),
    ],
)
def test_the_server_serves_no_local_files(live_app, path, secret):
    for url in (f"{live_app}gradio_api/file={path}", f"{live_app}file={path}"):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                assert secret not in response.read(), url
        except urllib.error.HTTPError as err:
            assert err.code in (400, 403, 404, 405), url


def test_unexpected_errors_reach_users_without_paths_or_tracebacks():
    @user_errors
    def broken():
        raise FileNotFoundError(f"{ROOT}/assets/secret/weights.safetensors")

    with pytest.raises(gr.Error) as info:
        broken()
    message = str(info.value.message)
    assert str(ROOT) not in message and "Traceback" not in message and "FileNotFoundError" in message


def test_the_server_log_holds_no_token(client):
    client.predict("image", "lots", "lots", False, True, False, api_name="/advise")
    assert FAKE_TOKEN not in Path(SERVER_LOG).read_text()


def test_no_page_or_api_description_holds_the_token(live_app):
    for path in ("", "config", "gradio_api/info", "gradio_api/openapi.json", "gradio_api/startup-events"):
        try:
            with urllib.request.urlopen(f"{live_app}{path}", timeout=30) as response:
                assert FAKE_TOKEN.encode() not in response.read(), path
        except urllib.error.HTTPError as err:
            assert err.code in (404, 405), path


def test_the_app_serves_no_extra_folders():
    """No ``allowed_paths``: Gradio serves only what handlers return (moved to its cache) and uploads
    (the files themselves are checked by test_the_server_serves_no_local_files)."""
    source = (ROOT / "app.py").read_text()
    assert "allowed_paths" not in source and "max_file_size=" in source


def test_uploads_over_the_size_limit_are_refused(live_app, client):
    import httpx

    response = httpx.post(f"{live_app}gradio_api/upload", files={"files": ("big.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024))},
                          timeout=60)
    assert response.status_code == 413, response.status_code
    assert "Traceback" not in response.text and str(ROOT) not in response.text
    assert client.predict(api_name="/digits_reshuffle") >= 0  # still serving
