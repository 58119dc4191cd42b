"""The GAN tab in a real headless Chromium: generated digits with scores, and the live 2D lab."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS


@pytest.mark.browser
@pytest.mark.slow
def test_gan_tab_generates_and_trains_the_2d_lab(open_tab):
    page = open_tab("GAN", height=1600)
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text("one generator pass").wait_for(timeout=60_000)
    page.get_by_role("button", name="Walk", exact=True).click()
    page.get_by_text("frames in").wait_for(timeout=30_000)
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("step 1500 / 1500").wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / "gan_tab.png"), full_page=True)
    text = page.inner_text("body")
    assert "ring modes covered" in text and "D score" in text
    assert page.locator(".js-plotly-plot").count() >= 3  # scores, loss curves, lab
