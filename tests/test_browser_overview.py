"""A real user's view of the Overview tab in headless Chromium."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_overview_renders_in_chromium(open_tab):
    page = open_tab("Overview: GenAI vs LLM", height=1000)

    # The sunburst is drawn: plotly made its slices, with labels.
    sunburst = page.locator("#genai-sunburst")
    sunburst.locator("g.slice").first.wait_for(timeout=20_000)
    assert sunburst.locator("g.slice").count() > 20
    assert "Generative AI" in sunburst.inner_text()

    # The advisor answers a click: 3D from photos puts NeRF first.
    page.get_by_label("3D", exact=True).check()
    page.get_by_label("Learn a 3D scene from photos").check()
    page.get_by_role("button", name="Rank the families").click()
    ranking = page.locator("#advisor-ranking")
    ranking.get_by_text("NeRF").first.wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    assert ranking.locator("li").first.inner_text().startswith("NeRF")
    assert page.locator("#advisor-chart g.point, #advisor-chart path.surface, #advisor-chart g.trace").count() > 0
    assert page.locator("#mast-chart g.trace").count() == 2

    page.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)
    page.get_by_role("tab", name="Overview: GenAI vs LLM").screenshot(path=str(SCREENSHOTS / "overview-tab-button.png"))
    assert not page.console_errors, page.console_errors
