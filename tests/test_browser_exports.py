"""Charts download as PNG from the browser (plotly's modebar camera), for slides."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_plotly_charts_offer_png_download(open_tab):
    page = open_tab("Overview: GenAI vs LLM")
    chart = page.locator("#advisor-chart")
    chart.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    chart.hover()
    button = chart.locator('.modebar-btn[data-title="Download plot as a PNG"]')
    button.wait_for(state="attached", timeout=10_000)
    with page.expect_download(timeout=20_000) as download:
        button.click()
    assert download.value.suggested_filename.endswith(".png")


def test_copy_this_setup_link_round_trip(browser, live_app):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(live_app + "?tab=gan&digit=7&n=5&seed=42&lang=de")
        page.locator("#share-gan").wait_for(timeout=30_000)
        page.wait_for_function("() => [...document.querySelectorAll('input[type=number]')].some(i => i.value === '42')",
                               timeout=20_000)
        page.locator("#share-gan").click()
        link = page.locator("#share-link-gan textarea, #share-link-gan input").first
        page.wait_for_function("() => { const e = document.querySelector('#share-link-gan textarea, #share-link-gan input');"
                               " return e && e.value.includes('tab=gan'); }", timeout=10_000)
        value = link.input_value()
        assert "digit=7" in value and "n=5" in value and "seed=42" in value and "lang=de" in value
    finally:
        page.close()


def test_animations_are_download_buttons_with_whole_file_names(open_tab):
    """Greyed out until there is an animation (never an upload box in an output's place), then GIF and MP4 by name."""
    page = open_tab("GAN", height=1400)
    gif = page.get_by_role("button", name="Download as GIF", exact=True)
    mp4 = page.get_by_role("button", name="Download as MP4 (for slides)", exact=True)
    gif.wait_for(timeout=30_000)
    assert gif.is_disabled() and mp4.is_disabled()
    assert page.get_by_text("Drop File Here").count() == 0
    page.get_by_role("button", name="Walk", exact=True).click()
    page.wait_for_function("() => [...document.querySelectorAll('button.download')].filter(b => !b.disabled).length >= 2",
                           timeout=60_000)
    for button, name in ((gif, "genai-lab-gan-walk.gif"), (mp4, "genai-lab-gan-walk.mp4")):
        with page.expect_download(timeout=20_000) as download:
            button.click()
        assert download.value.suggested_filename == name
