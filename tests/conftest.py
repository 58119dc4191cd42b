"""Shared fixtures: an isolated offline hub cache, a live app server, a gradio client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Before any Hugging Face library is imported: the tests' hub is a local, offline cache
# that the tests fill themselves with tiny random models (see ``fake_hub``).
# Idempotent: this file may be imported twice (as pytest's conftest and as tests.conftest).
HUB_CACHE = Path(os.environ.setdefault("GENAI_LAB_TEST_HUB_CACHE", tempfile.mkdtemp(prefix="genai-lab-hub-")))
os.environ["HF_HUB_CACHE"] = str(HUB_CACHE)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
sys.path.insert(0, str(ROOT))

SCREENSHOTS = ROOT / "tests" / "screenshots"
SERVER_LOG = ROOT / "tests" / "app-server.log"
# A token the app must never print (tests/test_security.py reads the server log for it).
FAKE_TOKEN = "hf_genailab_test_secret_0123456789"


def publish_to_fake_hub(repo_id: str, save) -> Path:
    """Lay out ``save(folder)``'s files as the hub cache does for ``repo_id`` and return the snapshot folder.

    Loading code then finds the model exactly as it would after a real download.
    """
    commit = "0" * 40
    repo = HUB_CACHE / ("models--" + repo_id.replace("/", "--"))
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True, exist_ok=True)
    save(snapshot)
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(commit)
    return snapshot


@pytest.fixture(scope="session")
def fake_hub():
    return publish_to_fake_hub


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def tiny_diffusion(tmp_path_factory):
    """A DiffusionEngine on a tiny random class-conditional UNet, saved as the training script saves (seconds, no shipped weights)."""
    import torch
    from diffusers import UNet2DModel

    from engines.diffusion import DiffusionEngine
    from scripts import train_diffusion

    folder = tmp_path_factory.mktemp("tiny-diffusion")
    torch.manual_seed(0)
    UNet2DModel(
        sample_size=28, in_channels=1, out_channels=1, layers_per_block=1, block_out_channels=(4, 8),
        down_block_types=("DownBlock2D", "DownBlock2D"), up_block_types=("UpBlock2D", "UpBlock2D"),
        norm_num_groups=4, add_attention=False, num_class_embeds=11,
    ).save_pretrained(folder)
    train_diffusion.noise_scheduler().save_pretrained(folder)
    return DiffusionEngine.from_folder(folder)


@pytest.fixture(scope="session")
def live_app():
    """``python app.py`` on a free port, as a user starts it; yields its URL."""
    port = _free_port()
    env = dict(os.environ, GRADIO_SERVER_PORT=str(port), GRADIO_SERVER_NAME="127.0.0.1", PYTHONUNBUFFERED="1", HF_TOKEN=FAKE_TOKEN)
    log = open(SERVER_LOG, "w")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {proc.returncode}; see tests/app-server.log")
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if time.monotonic() - started > 90:
                    raise RuntimeError("app.py did not serve within 90 s") from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def client(live_app):
    from gradio_client import Client

    return Client(live_app, verbose=False)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_tab(browser, live_app):
    """``open_tab(name, height=...)``: a fresh page of the live app with one tab opened, as a user would.

    Console and page errors from the very first load on are kept in ``page.console_errors``;
    every page opened this way is closed after the test, also when it fails.
    """
    pages = []

    def open_(name: str, height: int = 1000):
        page = browser.new_page(viewport={"width": 1400, "height": height})
        pages.append(page)
        page.console_errors = []
        page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
        page.goto(live_app)
        page.get_by_role("tab", name=name, exact=True).click()
        return page

    yield open_
    for page in pages:
        page.close()


IMAGE_STATS = """img => new Promise(resolve => {
  const draw = () => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0, sq = 0, n = 0;
    for (let i = 0; i < px.length; i += 4) { const g = (px[i] + px[i + 1] + px[i + 2]) / 3; sum += g; sq += g * g; n++; }
    const mean = sum / n;
    resolve({width: canvas.width, height: canvas.height, mean, std: Math.sqrt(Math.max(sq / n - mean * mean, 0))});
  };
  if (img.complete && img.naturalWidth) draw(); else img.addEventListener('load', draw, {once: true});
})"""


def image_stats(locator) -> dict:
    """Size, mean and spread of the grey levels of the <img> a locator points at, as the browser shows it:
    a blank or uniform picture has a spread near 0."""
    return locator.evaluate(IMAGE_STATS)


PLOT_POINTS = """el => { const p = el.closest('.js-plotly-plot') || el.querySelector('.js-plotly-plot');
  return (p && (p._fullData || p.data) || []).map(t => Array.from(t.y || t.r || []).filter(v => v !== null && !Number.isNaN(v)).length); }"""


def plot_points(locator) -> list[int]:
    """Points per trace of the plotly figure at (or inside) a locator."""
    return locator.evaluate(PLOT_POINTS)


COVERED = """() => {
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 4 && r.height > 4 && el.offsetParent !== null; };
  const box = el => el.getBoundingClientRect();
  const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const pictures = [...document.querySelectorAll('img, canvas')].filter(visible);
  const covers = [...document.querySelectorAll('.caption-label, label[data-testid="block-label"]')].filter(visible);
  const found = [];
  for (const cover of covers) for (const picture of pictures) {
    if (cover.contains(picture) || picture.closest('label') === cover) continue;
    if (meets(box(cover), box(picture))) found.push(`${cover.textContent.trim().slice(0, 40)} over ${picture.alt || picture.tagName}`);
  }
  return found;
}"""


def covered_pictures(page) -> list[str]:
    """Captions and labels that lie over a visible picture (bounding boxes meet by more than 2 px): none should."""
    return page.evaluate(COVERED)


# Words inside table cells that the browser broke over two lines ("Diffusio / n"); a break after a hyphen or a soft
# hyphen (German headers) is fine. Each letter's line is the top of its own (last, non-empty) box: a range also
# reports the hyphen a soft hyphen draws at the end of the line before.
BROKEN_WORDS = """root => {
  const cut = [];
  const line = (node, k) => {
    const range = document.createRange();
    range.setStart(node, k);
    range.setEnd(node, k + 1);
    const boxes = [...range.getClientRects()].filter(box => box.width > 0);
    return boxes.length ? Math.round(boxes[boxes.length - 1].top) : null;
  };
  const seen = new Set();
  const cells = [":is(td, th)", "[role=cell]", "[role=gridcell]", "[role=columnheader]"].map(c => `${root} ${c}`).join(", ");
  for (const cell of document.querySelectorAll(cells)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // once each, and only what is shown (Gradio's dataframe also keeps a hidden table to measure columns)
      if (seen.has(node) || !node.parentElement.checkVisibility({visibilityProperty: true})) continue;
      seen.add(node);
      const text = node.textContent;
      for (const m of text.matchAll(/\\S+/g)) {
        for (let k = m.index; k < m.index + m[0].length - 1; k++) {
          if (text[k] === "-" || text[k] === "\\u00ad") continue;
          const here = line(node, k), next = line(node, k + 1);
          if (here !== null && next !== null && here !== next) { cut.push(m[0]); break; }
        }
      }
    }
  }
  return cut;
}"""


def broken_words(page, root: str = "body") -> list[str]:
    """Words inside the visible table cells under ``root`` (a CSS selector) that the browser broke across lines."""
    return page.evaluate(BROKEN_WORDS, root)


def open_sub_tab(page, name: str) -> None:
    """Click the tab called ``name``; a tab that did not fit in its row sits in Gradio's "More tabs" menu."""
    tab = page.get_by_role("tab", name=name, exact=True)
    if tab.count() and tab.first.is_visible():
        tab.first.click()
        return
    page.locator("button[aria-label='More tabs']:visible").first.click()
    page.locator(".overflow-dropdown button:visible, .overflow-menu button:visible").filter(has_text=name).first.click()
