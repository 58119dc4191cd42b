"""The Compare tab in a real headless Chromium: shipped numbers on load, then a live comparison."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCREENSHOTS, broken_words, plot_points


def _wait_for_text(page, text: str, timeout: int) -> None:
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=timeout)


@pytest.mark.browser
@pytest.mark.slow
def test_compare_tab_shows_shipped_numbers_then_compares_live(open_tab):
    page = open_tab("Compare", height=2600)
    _wait_for_text(page, "Shipped numbers, measured on", 30_000)
    _wait_for_text(page, "GANs generate faster than diffusion models", 30_000)  # the claims table, on load
    _wait_for_text(page, "Denoising steps (", 30_000)  # the sweeps, drawn from the shipped file
    _wait_for_text(page, "How the study models were trained", 30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOTS / "compare_claims.png"), full_page=True)
    text = page.inner_text("body")
    assert "95 % interval" in text and "supported if" in text and "pending" in text
    table = page.locator("#compare-claims").inner_text()
    verdicts = re.findall(r"(?m)^\s*(supported|refuted|undecided)\s*$", table)
    assert len(verdicts) == table.count("supported if") >= 12, table[:3000]  # a verdict per rule
    # every figure holds data: the sweeps' points with error bars, the study's bars, the NeRF's curve
    plots = page.locator(".js-plotly-plot:visible").all()
    points = {plot.evaluate("p => p.layout.title && p.layout.title.text") or i: sum(plot_points(plot)) for i, plot in enumerate(plots)}
    assert len(points) >= 6 and min(points.values()) > 0, points
    page.get_by_role("button", name="Compare", exact=True).click()
    _wait_for_text(page, "were just made for digit", 240_000)
    page.wait_for_timeout(1500)  # let plotly draw
    page.screenshot(path=str(SCREENSHOTS / "compare_tab.png"), full_page=True)
    text = page.inner_text("body")
    for family in ("VAE", "GAN", "Diffusion", "LLM (transformer)", "NeRF"):
        assert family in text
    assert "GenAI vs LLM" in text and "forward passes (one per token)" in text and "supported" in text
    assert page.locator(".js-plotly-plot").count() >= 2  # quality radar, cost bars
    assert broken_words(page, "#compare-table") == []
    assert broken_words(page, "#compare-claims") == []
    assert not page.console_errors
