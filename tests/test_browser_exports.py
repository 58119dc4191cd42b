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
