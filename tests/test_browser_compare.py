"""The Compare tab in a real headless Chromium: shipped numbers on load, then a live comparison."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS


@pytest.mark.browser
@pytest.mark.slow
def test_compare_tab_shows_shipped_numbers_then_compares_live(open_tab):
    page = open_tab("Compare", height=2600)
    page.get_by_text("Shipped numbers, measured on").wait_for(timeout=30_000)
    page.get_by_text("GANs generate faster than diffusion models").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Compare", exact=True).click()
    page.get_by_text("forward passes (one per token)").first.wait_for(timeout=10_000)
    page.wait_for_function("() => !document.querySelector('.progress-text, .eta-bar')", timeout=180_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "compare_tab.png"), full_page=True)
    text = page.inner_text("body")
    for family in ("VAE", "GAN", "Diffusion", "LLM (transformer)", "NeRF"):
        assert family in text
    assert "GenAI vs LLM" in text and "supported" in text
    assert page.locator(".js-plotly-plot").count() >= 2  # quality radar, cost bars
    assert not page.console_errors
