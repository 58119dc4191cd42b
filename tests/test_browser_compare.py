"""The Compare tab in a real headless Chromium: shipped numbers on load, then a live comparison."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS


def _wait_for_text(page, text: str, timeout: int) -> None:
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=timeout)


@pytest.mark.browser
@pytest.mark.slow
def test_compare_tab_shows_shipped_numbers_then_compares_live(open_tab):
    page = open_tab("Compare", height=2600)
    _wait_for_text(page, "Shipped numbers, measured on", 30_000)
    _wait_for_text(page, "GANs generate faster than diffusion models", 30_000)  # the claims table, on load
    page.get_by_role("button", name="Compare", exact=True).click()
    _wait_for_text(page, "Measured just now on this machine", 240_000)
    page.wait_for_timeout(1500)  # let plotly draw
    page.screenshot(path=str(SCREENSHOTS / "compare_tab.png"), full_page=True)
    text = page.inner_text("body")
    for family in ("VAE", "GAN", "Diffusion", "LLM (transformer)", "NeRF"):
        assert family in text
    assert "GenAI vs LLM" in text and "forward passes (one per token)" in text and "supported" in text
    assert page.locator(".js-plotly-plot").count() >= 2  # quality radar, cost bars
    assert not page.console_errors
