"""Hostile input on every endpoint, through gradio_client as any API user would send it.

Each endpoint is listed with valid arguments and the kind of each parameter; every parameter is
then replaced, one at a time, by the hostile values of its kind (NaN, inf, huge, negative, wrong
type, seeds >= 2^32, unknown choices, empty or huge text, broken and dangerous uploads). Every call
must end in a clear gr.Error: a message for people, no traceback, no local path. Afterwards the
server must still answer a normal request. Validation fails fast, so this runs no model work.
"""

from __future__ import annotations

import io
import json
import math
import os
import queue
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image

from tests.conftest import ROOT

HUGE = 10**300
HOSTILE = {
    # a whole number inside some range: nothing of these is a usable setting
    "int": [math.nan, -math.inf, HUGE, -HUGE, 2.5, "ten", None, [1]],
    "float": [math.nan, math.inf, HUGE, -HUGE, "half", None],
    "seed": [-1, 2**32, 2**64, "seven", math.inf],  # 1.5 is rounded by gr.Number(precision=0), as in the browser
    "choice": ["no such option", "", None, 12345],
    "text": ["", "   \n\t  ", "x" * 100_000, None, ["text"]],
    "csv": ["", "1,2", "a,b\nc,d\ne,f", "1,nan\n2,3\n4,5", "1,2,3\n4,5,6\n7,8,9", "0,0\n" * 6000, "x" * 300_000, 12],
    "bool": ["maybe", 2],
    "upload": ["notimage.png", "truncated.png", "truncated.jpg", "bomb.png", "tiny.png", "blank.png",
               "transparent.png", "<server path>", "<missing>"],
    "drawing": ["blank.png", "transparent.png", "notimage.png", "truncated.png", "bomb.png", "<server path>", "<missing>"],
}

# Animations whose GIF is also offered as MP4 (an endpoint "/<name>_mp4" each).
MP4_EXPORTS = ("diffusion_generate", "gan_walk", "gan_timeline", "vae_interpolate", "nerf_turntable", "nerf_train",
               "gan_lab", "diffusion_toy")

# (api_name, [(kind, valid value), ...]); kind None = a parameter we leave valid.
# Hostile values of a kind must all be refused for that parameter.
ENDPOINTS = [
    ("/advise", [("choice", "image"), ("choice", "moderate"), ("choice", "moderate"), ("bool", False), ("bool", True), ("bool", False)]),
    ("/digits_sample", [("choice", "All digits"), ("seed", 0)]),
    ("/digits_classify", [("drawing", "digit.png")]),
    ("/llm_tokenize", [("text", "The capital of France is")]),
    ("/llm_generate", [("text", "The capital of France is"), ("int", 3), ("float", 0.7), ("int", 50), ("float", 0.95), ("seed", 0)]),
    ("/llm_attention", [("text", "The cat sat"), ("int", 3), ("int", -1)]),
    ("/llm_attend_from", [("text", "The cat sat"), ("int", 3), ("int", -1), ("int", 1)]),
    ("/llm_strongest_head", [("text", "The cat sat"), ("int", 1), ("text", "cat")]),
    ("/llm_logit_lens", [("text", "The cat sat")]),
    ("/llm_embeddings", [("text", "cat, dog, mouse")]),
    ("/llm_prompt_words", [("text", "The cat sat")]),
    ("/diffusion_generate", [("int", 3), ("int", 2), ("int", 2), ("float", 3.0), ("choice", "DDIM"), ("seed", 0)]),
    ("/diffusion_forward", [("int", 7), ("int", 300)]),
    ("/diffusion_guidance_sweep", [("int", 4), ("seed", 0)]),
    ("/diffusion_steps_sweep", [("int", 4), ("seed", 0)]),
    ("/diffusion_sketch", [("drawing", "digit.png"), ("int", 2), ("float", 0.6), ("int", 2), ("seed", 0)]),
    ("/diffusion_toy", [("choice", "My points (CSV)"), ("csv", "0,0\n1,1\n2,0"), ("int", 100), ("seed", 0)]),
    ("/diffusion_text_to_image", [("choice", "stabilityai/sd-turbo"), ("text", "a fox"), ("int", 1), ("float", 0.0), ("int", 64), ("seed", 0)]),
    ("/diffusion_image_to_image", [("choice", "stabilityai/sd-turbo"), ("upload", "digit.png"), ("text", "a fox"), ("float", 0.6),
                                   ("int", 4), ("float", 0.0), ("int", 256), ("seed", 0)]),
    ("/diffusion_forward_drawing", [("drawing", "digit.png"), ("int", 300)]),
    ("/gan_generate", [("int", -1), ("int", 4), ("seed", 0)]),
    ("/gan_walk", [("seed", 1), ("seed", 2), ("int", 3), ("int", 8), ("int", 4)]),
    ("/gan_collapse", [("int", 7), ("seed", 0)]),
    ("/gan_timeline", [("int", 1)]),
    ("/gan_lab_train", [("choice", "My points (CSV)"), ("csv", "0,0\n1,1\n2,0"), ("choice", "non-saturating"), ("float", 1e-3),
                        ("float", 1e-3), ("int", 1), ("int", 100), ("seed", 0)]),
    ("/gan_lab_continue", [("int", 100)]),
    ("/vae_encode_test", [("int", 0), ("choice", "VAE 2-D latent (embedded)"), ("int", 4), ("seed", 0)]),
    ("/vae_encode_drawing", [("drawing", "digit.png"), ("choice", "VAE 2-D latent (embedded)"), ("int", 4), ("seed", 0)]),
    ("/vae_encode", [("upload", "digit.png"), ("choice", "VAE 2-D latent (embedded)"), ("int", 4), ("seed", 0)]),
    ("/vae_latent_map", [("choice", "VAE 2-D latent (embedded)")]),
    ("/vae_decode_point", [("float", 0.0), ("float", 0.0), ("choice", "VAE 2-D latent (embedded)")]),
    ("/vae_interpolate", [("int", 175), ("int", 360), ("int", 3), ("choice", "VAE 2-D latent (embedded)")]),
    ("/vae_generate", [("int", 4), ("seed", 0), ("choice", "VAE 16-D latent (embedded)")]),
    ("/vae_beta", [("seed", 0)]),
    ("/vae_photo", [("upload", "digit.png"), ("choice", "madebyollin/taesd")]),
    ("/nerf_ray", [("int", 84), ("int", 50), ("int", 45)]),
    ("/nerf_photo", [("int", 84)]),
    ("/nerf_render", [("float", 35.0), ("float", 25.0), ("float", 1.0)]),
    ("/nerf_turntable", [("float", 25.0), ("float", 1.0), ("int", 4)]),
    ("/nerf_train", [("float", 5.0), ("seed", 0)]),
    ("/compare_run", [("int", 7), ("int", 8), ("seed", 0)]),
    ("/compare_rerun", [("int", 7), ("int", 8), ("seed", 0)]),
    *[(f"/{name}_mp4", [("upload", "anim.gif")]) for name in MP4_EXPORTS],
]
# Endpoints without parameters have nothing to attack; they must still answer (see the last test).
WITHOUT_PARAMETERS = {"/digits_reshuffle", "/digits_yardstick", "/llm_model_card", "/gan_measure",
                      "/gan_lab_preset_balanced", "/gan_lab_preset_collapse", "/nerf_scene", "/compare_shipped",
                      "/compare_claims", "/compare_sweep", "/gan_timeline_gif", "/nerf_train_gif", "/gan_lab_gif", "/diffusion_toy_gif"}
# Handlers of UI gestures (a click on an image): the API has nothing to send them.
UI_ONLY = {"/nerf_pick"}

# Hostile values that are legitimate for one parameter (e.g. -1 = "any digit" for the GAN).
# Whole numbers typed in a gr.Number(precision=0) are rounded by Gradio, as in the browser.
ALLOWED = {
    ("/llm_attention", 2): [-1],
    ("/llm_attend_from", 2): [-1],
    ("/llm_attend_from", 3): [None],  # no token picked yet: the default one
    ("/llm_strongest_head", 1): [None],
    ("/vae_interpolate", 0): [2.5],
    ("/vae_interpolate", 1): [2.5],
    # an MP4 download follows its GIF: no GIF (cleared), no MP4
    **{(f"/{name}_mp4", 0): ["<missing>"] for name in MP4_EXPORTS},
}


# Numbers, seeds, choices and booleans: each parameter gets PER_PARAMETER value(s) of its kind, taken in
# turn through the table so that every value hits many endpoints (all of them at every parameter
# would be ~700 calls). Text, CSV and uploads, the riskiest, get every value everywhere.
PER_PARAMETER = 1
EVERY_VALUE = {"text", "csv", "upload", "drawing"}


def _cases(api: str):
    """(parameter index, hostile value, readable label) for every parameter of one endpoint."""
    turn = {kind: 0 for kind in HOSTILE}
    for name, params in ENDPOINTS:
        for i, (kind, _) in enumerate(params):
            values = HOSTILE.get(kind, [])
            if kind not in EVERY_VALUE:
                values = [values[(turn[kind] + k) % len(values)] for k in range(PER_PARAMETER)]
                turn[kind] += PER_PARAMETER
            if name != api:
                continue
            for value in values:
                if any(value == ok and type(value) is type(ok) for ok in ALLOWED.get((api, i), [])):
                    continue
                label = value if not isinstance(value, str) or len(value) < 30 else f"{value[:12]}…({len(value)} chars)"
                yield i, value, f"parameter {i} ({kind}) = {label!r}"


ATTACKERS = 4  # parallel callers, each its own page: a page may only have a few requests in flight


@pytest.fixture(scope="module")
def pages(live_app):
    """Clients that wait as a browser does (uploads and answers can be slow on a busy CI machine), one per caller."""
    from gradio_client import Client

    return [Client(live_app, verbose=False, httpx_kwargs={"timeout": 120}) for _ in range(ATTACKERS)]


@pytest.fixture(scope="module")
def api(pages):
    return pages[0]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The upload zoo: broken, dangerous and odd images, written once."""
    folder = tmp_path_factory.mktemp("uploads")
    digit = np.zeros((64, 64), np.uint8)
    digit[16:48, 28:36] = 255
    Image.fromarray(digit).save(folder / "digit.png")
    png = (folder / "digit.png").read_bytes()
    (folder / "truncated.png").write_bytes(png[: len(png) // 2])
    jpeg = io.BytesIO()
    Image.fromarray(digit).convert("RGB").save(jpeg, "JPEG", quality=90)
    (folder / "truncated.jpg").write_bytes(jpeg.getvalue()[: len(jpeg.getvalue()) // 2])
    (folder / "notimage.png").write_bytes(b"this is not an image at all\n" * 10)
    Image.new("1", (20000, 20000)).save(folder / "bomb.png", optimize=True)  # 48 kB on disk, 400 Mpixels decoded
    Image.new("RGB", (280, 280), "white").save(folder / "blank.png")
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(folder / "transparent.png")
    Image.new("RGB", (2, 2)).save(folder / "tiny.png")
    (folder / "huge.png").write_bytes(png + os.urandom(6 * 1024 * 1024))  # over the 5 MB upload limit
    # Odd but valid images: these must work, not fail.
    Image.fromarray(digit).convert("CMYK").save(folder / "cmyk.jpg")
    Image.fromarray(digit.astype(np.uint16) * 257).save(folder / "sixteen.png")
    Image.fromarray(digit).save(folder / "anim.gif", save_all=True, append_images=[Image.fromarray(255 - digit)], loop=0)
    rgba = np.zeros((64, 64, 4), np.uint8)
    rgba[16:48, 28:36] = (0, 0, 0, 255)  # a dark stroke on a transparent canvas
    Image.fromarray(rgba).save(folder / "stroke.png")
    return folder


def _upload(client, arg):
    """Upload the files of one argument (as gradio_client would) for a raw call."""
    if isinstance(arg, dict) and "composite" in arg:
        return {**arg, "composite": _upload(client, arg["composite"])}
    if isinstance(arg, dict) and arg.get("meta", {}).get("_type") == "gradio.FileData" and os.path.exists(arg["path"]):
        import httpx

        with open(arg["path"], "rb") as f:
            path = httpx.post(f"{client.src}gradio_api/upload", files={"files": f}, timeout=30).json()[0]
        return {"path": path, "meta": {"_type": "gradio.FileData"}}
    return arg


def _argument(kind: str, value, files):
    """Turn a table value into what gradio_client sends for that parameter."""
    from gradio_client import handle_file

    if kind not in ("upload", "drawing"):
        return value
    if value == "<server path>":
        # A path on the server the user never uploaded: Gradio must refuse to read it.
        ref = {"path": str(ROOT / "app.py"), "meta": {"_type": "gradio.FileData"}}
    elif value == "<missing>":
        ref = None
    else:
        ref = handle_file(str(files / value))
    if kind == "upload":
        return ref
    return {"background": None, "layers": [], "composite": ref, "id": None}


def _finite(value) -> bool:
    return not (isinstance(value, float) and not math.isfinite(value))


def raw_call(url: str, api: str, args: list) -> str:
    """POST arguments JSON cannot strictly carry (NaN, Infinity) as a raw API user can; return the error message."""
    import httpx

    body = json.dumps({"data": args})  # Python writes NaN / Infinity literals, which the server parses
    response = httpx.post(f"{url}gradio_api/call{api}", content=body, headers={"Content-Type": "application/json"}, timeout=30)
    response.raise_for_status()
    stream = httpx.get(f"{url}gradio_api/call{api}/{response.json()['event_id']}", timeout=60).text
    events = re.findall(r"event: (\w+)\ndata: (.*)", stream)
    assert events and events[-1][0] == "error", f"{api} accepted {args!r:.200}: {stream[:300]}"
    return (json.loads(events[-1][1]) or {}).get("error") or ""


LEAKS = re.compile(r"Traceback|File \"|/work/|/tmp/|/root/|/home/|site-packages|\.py\b|line \d+")
GENERIC = "has not enabled verbose error reporting"


def assert_clean_refusal(client, api: str, args: list) -> str:
    """The call fails with a gr.Error whose message is for people; returns the message."""
    if all(_finite(a) for a in args):
        with pytest.raises(Exception) as info:
            client.predict(*args, api_name=api)
        message = str(info.value)
        assert type(info.value).__name__ == "AppError", f"{api}: {type(info.value).__name__}: {message[:300]}"
    else:
        message = raw_call(client.src, api, [_upload(client, a) for a in args])
    assert GENERIC not in message, f"{api}: an unexpected exception (no clear message) for {args!r:.200}"
    assert not LEAKS.search(message), f"{api} leaks internals: {message[:300]}"
    assert 0 < len(message) < 600, message[:300]
    return message


@pytest.mark.parametrize("endpoint", [name for name, _ in ENDPOINTS])
def test_hostile_values_get_a_clear_error(pages, files, endpoint):
    """Every hostile value of every parameter, a few at a time (the refusals come back quickly)."""
    params = dict(ENDPOINTS)[endpoint]
    idle = queue.SimpleQueue()  # each caller borrows a page, so no page has more than one request in flight
    for page in pages:
        idle.put(page)

    def attack(case):
        index, value, label = case
        args = [_argument(kind, v, files) for kind, v in params]
        args[index] = _argument(params[index][0], value, files)
        client = idle.get()
        try:
            assert_clean_refusal(client, endpoint, args)
        except (Exception, pytest.fail.Exception) as failure:  # reported with the case that caused it
            return f"{label}: {type(failure).__name__}: {failure}"
        finally:
            idle.put(client)

    with ThreadPoolExecutor(ATTACKERS) as pool:
        failures = [f for f in pool.map(attack, _cases(endpoint)) if f]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", ["cmyk.jpg", "sixteen.png", "anim.gif", "stroke.png", "digit.png"])
def test_odd_but_valid_images_work(api, files, name):
    from gradio_client import handle_file

    code, samples, *_ = api.predict(handle_file(str(files / name)), "VAE 2-D latent (embedded)", 2, 0, api_name="/vae_encode")
    assert "| μ |" in code and len(samples) == 2


def test_every_endpoint_is_in_the_table(client):
    listed = {api for api, _ in ENDPOINTS} | WITHOUT_PARAMETERS | UI_ONLY
    served = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert served == listed, f"not covered: {served - listed}; gone: {listed - served}"
    for api, params in ENDPOINTS:
        n = len(client.view_api(print_info=False, return_format="dict")["named_endpoints"][api]["parameters"])
        assert n == len(params), f"{api}: {n} parameters, table has {len(params)}"


def test_the_server_still_serves_afterwards(api):
    client = api
    # Runs last in this module: after all of the above, normal requests still work.
    text, _ = client.predict("image", "lots", "lots", False, True, False, api_name="/advise")
    assert "Best fit" in text
    assert client.predict(api_name="/digits_reshuffle") >= 0
    image, caption = client.predict("3", 1, api_name="/digits_sample")
    assert os.path.exists(image) and "training digits" in caption
