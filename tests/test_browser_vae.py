"""The VAE tab in a real headless Chromium: encode a test digit, the latent map, interpolate (and its presets),
generate, the β trade-off, in English and German; nothing covers or crops a picture."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCREENSHOTS, broken_words, open_sub_tab
from tests.test_browser_diffusion import english_on_german_page, error_toasts, figure_words, picture_problems

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRESETS = ("A 1 turns into a 0 (2-D map)", "Across the map: 3 to 7, in-between shapes", "The same walk in the 16-D model")


def test_vae_tab_encodes_maps_and_generates(open_tab):
    page = open_tab("VAE", height=1600)
    page.get_by_role("button", name="Encode test digit").click()
    page.get_by_text("mean μ").first.wait_for(timeout=60_000)  # the cloud's legend entry on the plot
    page.locator(".js-plotly-plot:visible").first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "vae_encode.png"), full_page=True)
    assert page.locator(".js-plotly-plot:visible .scatterlayer .trace").count() >= 10  # 10 classes + the cloud
    code = page.locator("table:visible").filter(has_text="σ²").first.inner_text()  # μ and σ² in a table, rounded
    assert re.search(r"μ\s+-?\d\.\d\d\s+-?\d\.\d\d", code) and re.search(r"σ²\s+\d\.\d{4}\s+\d\.\d{4}", code)
    assert page.locator("[data-testid=json]:visible, .json-holder:visible").count() == 0  # no JSON viewer
    assert picture_problems(page) == [] and broken_words(page) == [] and not error_toasts(page)

    page.get_by_role("tab", name="Latent map").click()
    page.locator("#vae-grid img").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "vae_latent_map.png"), full_page=True)
    assert picture_problems(page) == []

    page.get_by_role("tab", name="Generate").click()
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text("New, not copied.").wait_for(timeout=60_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "vae_generate.png"), full_page=True)
    assert page.locator(".gallery-item:visible, button.thumbnail-item:visible").count() >= 16
    assert picture_problems(page) == [] and not error_toasts(page)

    page.get_by_role("tab", name="Interpolate").click()
    gif_button = page.get_by_role("button", name="Download the walk as a GIF")
    for preset in PRESETS:  # each lesson preset, then the button
        page.get_by_text(preset).first.click()
        page.get_by_role("button", name="Interpolate", exact=True).click()
        page.wait_for_function("el => !el.disabled", arg=gif_button.element_handle(), timeout=60_000)
        page.wait_for_timeout(800)
        assert picture_problems(page) == [] and not error_toasts(page), preset
    page.screenshot(path=str(SCREENSHOTS / "vae_interpolate.png"), full_page=True)
    with page.expect_download() as gif:
        gif_button.click()
    assert gif.value.suggested_filename == "genai-lab-vae-interpolation.gif"

    page.get_by_role("tab", name="β trade-off").click()
    table = page.locator("table:visible").filter(has_text="sharpness of prior samples")
    table.wait_for(timeout=60_000)
    seed_1 = table.inner_text()
    page.get_by_label("Seed for the samples").fill("1")
    page.get_by_role("button", name="Compare the three β models").click()  # a button, not only Enter in the seed box
    page.wait_for_function("([sel, before]) => [...document.querySelectorAll(sel)].some(t => t.innerText.includes("
                           "'sharpness of prior samples') && t.innerText !== before)", arg=["table", seed_1], timeout=60_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "vae_beta.png"), full_page=True)
    assert picture_problems(page) == [] and broken_words(page) == [] and not error_toasts(page)


def test_vae_tab_in_german(browser, live_app):
    from ui.locales.app import T as APP
    from ui.locales.vae import T

    page = browser.new_page(viewport={"width": 1366, "height": 1600})
    try:
        page.goto(f"{live_app}?lang=de")
        page.get_by_role("tab", name="VAE", exact=True).click()
        page.get_by_role("button", name="Testziffer codieren").click()
        page.get_by_text("Mittelwert μ").first.wait_for(timeout=60_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(SCREENSHOTS / "vae_encode_de.png"), full_page=True)
        code = page.locator("table:visible").filter(has_text="σ²").first.inner_text()
        assert re.search(r"μ\s+-?\d,\d\d\s+-?\d,\d\d", code) and re.search(r"σ²\s+\d,\d{4}", code)
        words = figure_words(page)
        assert "1σ-Wolke" in words and any(w.startswith("Vergrößert: die Wolke (σ = 0,") for w in words)
        assert english_on_german_page(words, T, APP) == []
        assert picture_problems(page) == [] and broken_words(page) == [] and not error_toasts(page)

        open_sub_tab(page, "β-Abwägung")
        page.get_by_text("Schärfe der Samples aus der Prior-Verteilung").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / "vae_beta_de.png"), full_page=True)
        words = figure_words(page)
        assert "β = 0,5" in words and "Trainingsziffern" in words
        assert english_on_german_page(words, T, APP) == []
        assert picture_problems(page) == [] and broken_words(page) == [] and not error_toasts(page)
    finally:
        page.close()
