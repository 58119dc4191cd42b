"""Security basics: no remote code, no pickles, no stray files served, no leaked paths or secrets."""

from __future__ import annotations

import ast
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


PICKLE_MODULES = {"pickle", "dill", "joblib"}
SAFE_DICTS = {"SAFE_PRETRAINED", "DIFFUSERS_PRETRAINED"}  # engines.hub: use_safetensors=True
NO_WEIGHTS = ("Scheduler", "Tokenizer")  # configs and tokenizers: nothing to unpickle
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _name(node) -> str | None:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def _is_true(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def unpickling(source: str) -> list[str]:
    """Code that can unpickle: pickle-family imports, ``torch.load`` without ``weights_only=True``, ``allow_pickle=True``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            bad = any(a.name.split(".")[0] in PICKLE_MODULES for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            bad = (node.module or "").split(".")[0] in PICKLE_MODULES
        elif isinstance(node, ast.Call):
            kw = {k.arg: k.value for k in node.keywords}
            bad = (ast.unparse(node.func) == "torch.load" and not _is_true(kw.get("weights_only"))) or _is_true(kw.get("allow_pickle"))
        else:
            continue
        if bad:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_nothing_is_unpickled():
    offenders = [f"{p.relative_to(ROOT)}:{hit}" for p in SOURCES for hit in unpickling(p.read_text())]
    assert not offenders


@pytest.mark.parametrize("snippet", ["torch.load(path)", 'torch.load(f, map_location="cpu")', "torch.load(p, weights_only=False)",
                                     "torch.load(open(p, 'rb'), weights_only=flag)", "import pickle", "import os, dill",
                                     "from joblib import load", "np.load(f, allow_pickle=True)"])
def test_the_unpickling_scan_flags_pickle_loads(snippet):
    assert unpickling(snippet)


def test_the_unpickling_scan_accepts_safe_loads():
    assert not unpickling('torch.load(p, weights_only=True)\nnp.load(f)\n# import pickle\n"""torch.load(path)"""\n')


def _calls_in_scopes(tree: ast.Module) -> list[tuple[ast.Call, ast.AST]]:
    """Every call in ``tree`` with its innermost enclosing function (or the module)."""
    found = []

    def visit(node, scope):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                found.append((child, scope))
            visit(child, child if isinstance(child, FUNCTIONS) else scope)

    visit(tree, tree)
    return found


def _forces_safetensors(call: ast.Call) -> bool:
    """``**SAFE_PRETRAINED`` / ``**DIFFUSERS_PRETRAINED``, ``use_safetensors=True``, or a GGUF file (not a pickle)."""
    return any((kw.arg is None and _name(kw.value) in SAFE_DICTS) or kw.arg == "gguf_file"
               or (kw.arg == "use_safetensors" and _is_true(kw.value)) for kw in call.keywords)


def unsafe_pretrained_loads(sources: dict[str, str]) -> list[str]:
    """``from_pretrained`` calls in ``sources`` (file name -> code) that may unpickle weights, as "file:line: call".

    Safe are: configs and tokenizers; transformers/diffusers loads that force safetensors, directly or
    through a ``**kwargs`` that every caller of the function (found by name) fills so; and our own
    PyTorchModelHubMixin classes (a class parameter counts when every caller passes one) loaded from a
    local folder, embedded or a downloaded model.safetensors: there the mixin reads model.safetensors
    only, while from a hub id it falls back to pytorch_model.bin. ``strict=True`` is no part of it:
    it checks the weights' names, not their format.
    """
    trees = {name: ast.parse(text) for name, text in sources.items()}
    calls = [(name, call, scope) for name, tree in trees.items() for call, scope in _calls_in_scopes(tree)]
    ours = {node.name for tree in trees.values() for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and "PyTorchModelHubMixin" in map(_name, node.bases)}

    def callers(scope) -> list[ast.Call]:
        return [call for _, call, _ in calls if isinstance(scope, FUNCTIONS) and _name(call.func) == scope.name]

    def our_class(receiver, scope) -> bool:
        if _name(receiver) in ours:
            return True
        params = [a.arg for a in scope.args.args] if isinstance(scope, FUNCTIONS) else []
        if not isinstance(receiver, ast.Name) or receiver.id not in params:
            return False
        at, passed = params.index(receiver.id), callers(scope)
        return bool(passed) and all(len(c.args) > at and _name(c.args[at]) in ours for c in passed)

    def local_folder(call, scope) -> bool:
        """The folder comes from ``embedded_dir`` or a model.safetensors download, directly or via a variable set in the function."""
        if not call.args:
            return False
        names = {n.id for n in ast.walk(call.args[0]) if isinstance(n, ast.Name)}
        parts = [call.args[0]] + [a.value for a in ast.walk(scope) if isinstance(a, ast.Assign)
                                  and any(isinstance(t, ast.Name) and t.id in names for t in a.targets)]
        return any((isinstance(n, ast.Call) and _name(n.func) == "embedded_dir")
                   or (isinstance(n, ast.Constant) and n.value == "model.safetensors") for part in parts for n in ast.walk(part))

    def passes_safe_kwargs(call, scope) -> bool:
        kwarg = scope.args.kwarg if isinstance(scope, FUNCTIONS) else None
        forwards = kwarg is not None and any(kw.arg is None and _name(kw.value) == kwarg.arg for kw in call.keywords)
        return forwards and bool(callers(scope)) and all(_forces_safetensors(c) for c in callers(scope))

    unsafe = []
    for name, call, scope in calls:
        if _name(call.func) != "from_pretrained":
            continue
        receiver = call.func.value
        if (str(_name(receiver)).endswith(NO_WEIGHTS) or _forces_safetensors(call) or passes_safe_kwargs(call, scope)
                or (our_class(receiver, scope) and local_folder(call, scope))):
            continue
        unsafe.append(f"{name}:{call.lineno}: {ast.get_source_segment(sources[name], call)}")
    return unsafe


ENGINES = {str(p.relative_to(ROOT)): p.read_text() for p in sorted((ROOT / "engines").rglob("*.py"))}


def test_every_from_pretrained_loads_safetensors_only():
    """The app's loads (engines/); scripts and bench load the folders they have just written."""
    assert not unsafe_pretrained_loads(ENGINES)
    from engines.hub import DIFFUSERS_PRETRAINED, SAFE_PRETRAINED

    assert SAFE_PRETRAINED["use_safetensors"] is True and DIFFUSERS_PRETRAINED["use_safetensors"] is True


@pytest.mark.parametrize("snippet", [
    "def _unet(folder):\n    return UNet2DModel.from_pretrained(folder)",
    "UNet2DModel.from_pretrained(registry.embedded_dir(spec), strict=True)",  # not our class: diffusers may read a .bin
    "DigitVAE.from_pretrained(repo_id, strict=True)",  # our class, but from the hub: pytorch_model.bin fallback
    "AutoModelForCausalLM.from_pretrained(repo, use_safetensors=False)",
    "options = {}\nDiffusionPipeline.from_pretrained(repo, **options)",
    "def _lm(repo, **kwargs):\n    return AutoModelForCausalLM.from_pretrained(repo, **kwargs)",  # nobody calls it
    "def _lm(repo, **kwargs):\n    return AutoModelForCausalLM.from_pretrained(repo, **kwargs)\n\n_lm('a', dtype=None)\n_lm('b', **SAFE_PRETRAINED)",
    "def _mixin(cls, folder):\n    return cls.from_pretrained(registry.embedded_dir(folder))\n\n_mixin(UNet2DModel, 'x')",
])
def test_the_pretrained_scan_flags_loads_that_may_unpickle(snippet):
    found = unsafe_pretrained_loads({**ENGINES, "snippet.py": snippet})
    assert found and all(f.startswith("snippet.py:") for f in found), found


def test_the_pretrained_scan_accepts_safe_loads():
    snippet = ("def _lm(repo, **kwargs):\n    return AutoModelForCausalLM.from_pretrained(repo, **kwargs)\n\n"
               "_lm('a', **SAFE_PRETRAINED)\n_lm('b', gguf_file='m.gguf')\n"
               "DigitVAE.from_pretrained(str(registry.embedded_dir(spec)), strict=True)\n"
               "UNet2DModel.from_pretrained(repo, use_safetensors=True)\nDDPMScheduler.from_pretrained(repo)\n")
    assert not unsafe_pretrained_loads({**ENGINES, "snippet.py": snippet})


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
