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
    assert page.evaluate(WORDS_CUT_IN_TWO, "#compare-table") == []
    assert not page.console_errors


# Words of a table's cells that the browser broke over two lines ("Diffusio / n"); after a hyphen is fine.
WORDS_CUT_IN_TWO = """root => {
  const cut = [];
  for (const span of document.querySelectorAll(root + ' span.text')) {
    for (const node of span.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const m of node.textContent.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(m[0]);
      }
    }
  }
  return cut;
}"""
