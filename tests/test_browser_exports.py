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
