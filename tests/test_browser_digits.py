"""The data tab in a real headless Chromium: the dataset grid, the yardstick, and a drawn digit."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS


@pytest.mark.browser
@pytest.mark.slow
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
