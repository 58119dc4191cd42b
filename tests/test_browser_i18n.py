"""The app in German: from the browser's language, from the visible switch, and in its messages."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_german_browser_gets_german_ui(browser, live_app):
    context = browser.new_context(locale="de-DE", viewport={"width": 1400, "height": 1300})
    try:
        page = context.new_page()
        page.goto(live_app)
        page.get_by_role("tab", name="GAN", exact=True).click()
        page.get_by_role("button", name="Erzeugen", exact=True).wait_for(timeout=30_000)
        assert page.get_by_text("Ein GAN: ein Fälscher und ein Detektiv").count() == 1
        assert page.get_by_role("tab", name="Die Daten").count() == 1
        page.screenshot(path=SCREENSHOTS / "i18n-gan-de.png")
        # The server answers in German too: the page tells it its language in a cookie.
        page.get_by_role("button", name="Weiter", exact=True).click()
        page.get_by_text("Noch nichts zum Fortsetzen").first.wait_for(timeout=20_000)
    finally:
        context.close()


def test_switch_to_german_and_back(open_tab):
    page = open_tab("VAE")
    page.get_by_role("tab", name="Interpolate").wait_for()
    page.locator("#lang-de").click()  # reloads the page in German
    page.get_by_role("tab", name="Die Daten").wait_for(timeout=30_000)
    page.get_by_role("tab", name="VAE", exact=True).click()
    page.get_by_role("tab", name="Interpolieren").wait_for(timeout=10_000)
    assert "genai_lang=de" in page.evaluate("document.cookie")
    page.locator("#lang-en").click()
    page.get_by_role("tab", name="The data").wait_for(timeout=30_000)


def test_lang_query_parameter(browser, live_app):
    page = browser.new_page()
    try:
        page.goto(live_app + "?lang=de")
        page.get_by_role("tab", name="Die Daten").wait_for(timeout=30_000)
    finally:
        page.close()
