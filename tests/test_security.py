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
    offenders = [str(p) for p in SOURCES if re.search(r"trust_remote_code\s*=\s*True", p.read_text())]
    assert not offenders


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
