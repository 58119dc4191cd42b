"""The Transformer / LLM tab in headless Chromium: generate, then look at attention."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_llm_tab_generates_and_shows_attention(open_tab):
    page = open_tab("Transformer / LLM", height=2000)
    page.wait_for_selector(".llm-card >> text=parameters", timeout=90_000)  # model card filled in

    max_new = page.locator("input[type=number]").first  # the "Max new tokens" box: keep the test short
    max_new.fill("8")
    max_new.press("Enter")
    page.get_by_role("button", name="Generate").click()
    page.wait_for_selector(".llm-chip", timeout=60_000)
    try:
        page.wait_for_selector("text=tok/s on", timeout=120_000)  # the summary after the last token
    finally:
        page.screenshot(path=str(SCREENSHOTS / "llm_generate.png"), full_page=True)
    output = page.get_by_label("Generated continuation (prompt excluded)")
    assert output.input_value().strip()
    assert page.locator(".js-plotly-plot").count() >= 2  # step chart and all-steps chart
    page.screenshot(path=str(SCREENSHOTS / "llm_generate.png"), full_page=True)

    page.get_by_role("tab", name="Attention").click()
    page.get_by_role("button", name="Show attention").click()
    page.wait_for_selector("text=What “it” attends to", timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "llm_attention.png"), full_page=True)

    page.get_by_role("tab", name="Layer by layer (logit lens)").click()
    page.get_by_role("button", name="Show the guess after each layer").click()
    page.wait_for_selector("text=Top next-token guess after each layer", timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "llm_logit_lens.png"), full_page=True)

    page.get_by_role("tab", name="Embeddings").click()
    page.get_by_role("button", name="Map these words").click()
    page.wait_for_selector("text=Input embeddings, PCA", timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "llm_embeddings.png"), full_page=True)
