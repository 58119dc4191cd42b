"""Hub models in front of a class, offline: known as unavailable when the page loads, never an error after 25 s."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS, open_sub_tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("lang, tab, sub_tab, button, unavailable", [
    ("en", "Diffusion", "Text → image (hub)", "Generate from text", "stabilityai/sd-turbo is not available here"),
    ("de", "Diffusion", "Text → Bild (Hub)", None, "stabilityai/sd-turbo ist hier nicht verfügbar"),
    ("en", "VAE", "Photos (Stable Diffusion's VAE)", "Encode and decode", "madebyollin/taesd is not available here"),
])
def test_an_unavailable_hub_model_says_so_at_once_and_its_buttons_are_off(browser, live_app, lang, tab, sub_tab, button,
                                                                          unavailable):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(f"{live_app}?lang={lang}")
        page.get_by_role("tab", name=tab, exact=True).click()
        open_sub_tab(page, sub_tab)
        page.get_by_text(unavailable).wait_for(timeout=30_000)  # from page load, before anyone presses a button
        page.get_by_text("hf download").first.wait_for()
        page.screenshot(path=str(SCREENSHOTS / f"hub_{tab.lower()}_{lang}.png"))
        if button:
            assert page.get_by_role("button", name=button, exact=True).is_disabled()
        assert page.locator(".toast-body, [data-testid='toast-body']").count() == 0  # no error toast
    finally:
        page.close()
