"""The data tab in a real headless Chromium: the dataset grid, the yardstick, and a drawn digit, in English and German."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCREENSHOTS
from tests.test_browser_gan import assert_readable, decimal_points, english_in_charts_and_headers, plot_separators

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_data_tab_shows_digits_and_classifies_a_drawing(open_tab):
    page = open_tab("The data", height=1500)
    page.get_by_text("correct on the 500 held-out test digits").wait_for(timeout=60_000)
    page.get_by_text("40 of the 4,500 training digits").wait_for(timeout=30_000)

    page.get_by_role("button", name="Brush").click()
    canvas = page.locator("canvas").first
    box = canvas.bounding_box()
    assert box and box["width"] > 100
    x0, y0, w, h = box["x"], box["y"], box["width"], box["height"]
    # a "7": a top bar, then a diagonal down to the bottom left
    page.mouse.move(x0 + 0.25 * w, y0 + 0.2 * h)
    page.mouse.down()
    for fx, fy in [(0.5, 0.2), (0.75, 0.2), (0.6, 0.5), (0.45, 0.85)]:
        page.mouse.move(x0 + fx * w, y0 + fy * h, steps=2)
    page.mouse.up()
    page.get_by_role("button", name="Classify").click()
    page.get_by_text("The classifier says").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / "digits_tab.png"), full_page=True)
    assert "**7**" in page.inner_text("body") or "says 7" in page.inner_text("body")
    page.get_by_text("The yardstick: what real digits").scroll_into_view_if_needed()
    page.get_by_role("gridcell", name="FID", exact=True).wait_for(timeout=10_000)
    cells = page.get_by_role("gridcell").all_inner_texts()
    assert not [c for c in cells if re.fullmatch(r"[a-z]+_[a-z_]+", c)]  # names, not the metrics' keys
    assert_readable(page)


def test_data_tab_in_german(browser, live_app):
    page = browser.new_page(viewport={"width": 1400, "height": 1500})
    try:
        page.goto(live_app + "?lang=de")
        page.get_by_role("tab", name="Die Daten", exact=True).click()
        page.get_by_text("richtig auf den 500 zurückgehaltenen Testziffern").wait_for(timeout=60_000)
        assert re.search(r"\d\d,\d % richtig|\d\d,\d% richtig", page.inner_text("body"))
        page.get_by_role("columnheader", name=re.compile("Gleich")).wait_for(timeout=10_000)
        page.screenshot(path=str(SCREENSHOTS / "digits_tab_de.png"), full_page=True)
        assert english_in_charts_and_headers(page) == []
        assert decimal_points(page) == [] and set(plot_separators(page)) <= {",."}
        assert_readable(page)  # long German headers break only at their soft hyphens
    finally:
        page.close()
