"""The GAN tab in a real headless Chromium: generated digits with scores, the collapsed GAN beside ours,
the latent walk, the live 2D lab with its lesson presets, in English and in German, as a teacher checks it."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image

from tests.conftest import SCREENSHOTS, broken_words, covered_pictures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The visible words of every chart (titles, axes, legends, colour bars) and every table header.
CHART_AND_HEADER_WORDS = """() => [...document.querySelectorAll('.js-plotly-plot .infolayer text, .js-plotly-plot .annotation-text, table th')]
  .filter(e => e.getClientRects().length).map(e => e.textContent.trim()).filter(Boolean)"""
# English words a German chart or header must not show (lowercase: German nouns are capitalised).
ENGLISH = re.compile(r"\b(the|of|and|vs|score|loss|step|real|fake|generated|training|seconds|time|held-out|cameras|surface|"
                     r"digits?|classifier|asked|says|confidence|metric|measures|artist|detective|mean|distance|density|"
                     r"weight|colour|probability)\b")
# Tables wider than their frame: a column the page cuts off.
CUT_TABLES = """() => [...document.querySelectorAll('.table-wrap')].filter(w => w.offsetParent)
  .filter(w => [...w.querySelectorAll('table')].some(t => t.getBoundingClientRect().width > w.getBoundingClientRect().width + 1))
  .map(w => (w.querySelector('th') || w).textContent.trim().slice(0, 30))"""
# Numbers made at run time: gallery captions, table cells (a Gradio table's body is a grid of divs), texts.
RUN_TIME_TEXTS = """() => [...document.querySelectorAll('.caption-label, td, [role=gridcell], .prose')].filter(e => e.getClientRects().length)
  .map(e => e.innerText)"""
DECIMAL_POINT = re.compile(r"\d\.\d{1,2}(?!\d)")  # 0.5, 0.24 (a German 10.000 is a thousands separator)


def english_in_charts_and_headers(page) -> list[str]:
    return [text for text in page.evaluate(CHART_AND_HEADER_WORDS) if ENGLISH.search(text)]


def decimal_points(page) -> list[str]:
    return [m.group(0) for text in page.evaluate(RUN_TIME_TEXTS) for m in DECIMAL_POINT.finditer(text)]


def plot_separators(page) -> set[str]:
    """The decimal and thousands separators of every chart on the page ("., " in English, ",." in German)."""
    return set(page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p._fullLayout.separators)"))


def assert_readable(page) -> None:
    """What a teacher checks on every screen: no picture covered, no word broken in a table, no column cut off."""
    assert covered_pictures(page) == []
    assert broken_words(page) == []
    assert page.evaluate(CUT_TABLES) == []
    assert page.locator(".toast-body").count() == 0


def test_gan_tab_generates_and_trains_the_2d_lab(open_tab):
    page = open_tab("GAN", height=1600)
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text("one generator pass").wait_for(timeout=60_000)
    assert page.locator(".caption-label").first.inner_text().startswith("D 0.")
    page.get_by_role("button", name="Draw with both GANs", exact=True).click()
    page.get_by_text("samples of the digit 7 per model").wait_for(timeout=60_000)
    picture = page.locator("#gan-collapse-image img")
    picture.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "gan_collapse.png"))
    shot = np.asarray(Image.open(io.BytesIO(picture.screenshot())).convert("L"), dtype=float)
    left, right = shot[:, : shot.shape[1] // 2], shot[:, shot.shape[1] // 2:]
    assert left.std() > 20 and right.std() > 20  # digits in both panels: ours and the collapsed one, not blank

    # The walk's GIF is a download (not an upload box) with its whole name.
    page.get_by_role("button", name="Walk", exact=True).click()
    page.get_by_text("frames in").wait_for(timeout=30_000)
    gif = page.get_by_role("button", name="Download as GIF", exact=True)
    gif.wait_for(timeout=10_000)
    page.wait_for_function("b => !b.disabled", arg=gif.element_handle(), timeout=10_000)
    with page.expect_download() as download:
        gif.click()
    assert download.value.suggested_filename == "genai-lab-gan-walk.gif"

    # Each lesson preset fills the lab and trains without an error (two of them shortened, a different number of steps each).
    steps = page.locator("#gan-lab-steps input[type=number]")
    for preset, shortened in (("Mode collapse (G 100× faster than D)", 100), ("Two moons, least squares", 200)):
        page.get_by_role("button", name=preset, exact=True).click()
        page.wait_for_function("i => i.value === '1500'", arg=steps.element_handle(), timeout=10_000)
        steps.fill(str(shortened))
        steps.press("Enter")
        page.get_by_role("button", name="Train", exact=True).click()
        page.get_by_text(f"step {shortened} / {shortened}").wait_for(timeout=60_000)
    page.get_by_role("button", name="Balanced: the ring gets covered", exact=True).click()
    page.wait_for_function("i => i.value === '1500'", arg=steps.element_handle(), timeout=10_000)
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("step 1500 / 1500").wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / "gan_tab.png"), full_page=True)
    text = page.inner_text("body")
    assert "ring modes covered" in text and "D score" in text and "a collapsed GAN" in text
    assert page.locator(".js-plotly-plot").count() >= 3  # scores, loss curves, lab
    page.get_by_text("Training timeline: from blobs to digits").scroll_into_view_if_needed()  # charts draw when in view
    page.wait_for_timeout(1000)
    axes = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot text[class^=y]')].map(t => t.textContent)")
    assert axes.count("loss") == 2 and "mean D score" in axes  # the timeline's and the lab's loss curves name their y axis
    assert_readable(page)


def test_gan_tab_in_german(browser, live_app):
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    try:
        page.goto(live_app + "?lang=de")
        page.get_by_role("tab", name="GAN", exact=True).click()
        page.get_by_role("button", name="Erzeugen", exact=True).click()
        page.get_by_text("ein Generator-Durchlauf").wait_for(timeout=60_000)
        assert re.fullmatch(r"D 0,\d\d · liest \d.*", page.locator(".caption-label").first.inner_text())
        page.get_by_role("button", name="Weg zeichnen", exact=True).click()
        page.get_by_text(re.compile(r"\d+ Bilder in [\d,]+ ms")).wait_for(timeout=30_000)
        page.get_by_text("Trainingsverlauf: von Klecksen zu Ziffern").scroll_into_view_if_needed()  # charts draw when in view
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / "gan_tab_de.png"), full_page=True)
        assert "Künstler" not in page.inner_text("body")  # the artist is the Fälscher throughout
        assert english_in_charts_and_headers(page) == []
        assert decimal_points(page) == [] and plot_separators(page) == {",."}
        assert_readable(page)
    finally:
        page.close()
