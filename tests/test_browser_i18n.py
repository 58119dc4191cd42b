"""The app in German: from the browser's language, from the visible switch, and in its messages."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS, broken_words

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


def test_german_page_gets_german_figures_and_tables(browser, live_app):
    """Figures made at start-up arrive in German (one load event, German pages only); handlers' tables too."""
    for locale, title, claims in (("de-DE", "Generative KI nach Ausgabe", "Behauptung"),
                                  ("en-US", "Generative AI by output", "claim")):
        context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1300})
        try:
            page = context.new_page()
            page.goto(live_app)
            page.locator("#genai-sunburst").get_by_text(title).wait_for(timeout=30_000)
            if locale == "de-DE":
                assert page.locator("#mast-chart").get_by_text("Warum Multi-Agenten-LLM-Systeme scheitern").count() == 1
                page.screenshot(path=SCREENSHOTS / "i18n-overview-de.png")
            else:  # English pages never start the German event
                assert page.locator("#german-initials textarea").input_value() == ""
            page.get_by_role("tab", name="Vergleich" if locale == "de-DE" else "Compare", exact=True).click()
            page.get_by_role("columnheader", name=claims, exact=True).first.wait_for(timeout=30_000)
            if locale == "de-DE":
                page.get_by_text("Bild-Familien am gemeinsamen Maßstab").first.wait_for(timeout=10_000)
                page.get_by_text("Entrauschungsschritte (").first.wait_for(timeout=10_000)  # the sweeps in German
                text = page.inner_text("body")
                assert "95-%-Intervall" in text and "bestätigt, wenn" in text and "ausstehend" in text
                page.screenshot(path=SCREENSHOTS / "i18n-compare-de.png", full_page=True)
                assert broken_words(page, "#compare-table") == []  # long German words break at soft hyphens
                assert broken_words(page, "#compare-claims") == []
        finally:
            context.close()


def test_lesson_presets_are_named_in_the_page_language(browser, live_app):
    import app  # noqa: F401 - building the layout registers every tab's presets
    from ui.common import PRESETS

    nerf = next(names for tab, names, *_ in PRESETS if tab == "nerf")
    for lang, half in (("en", 0), ("de", 1)):
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        try:
            page.goto(f"{live_app}?lang={lang}")
            page.get_by_role("tab", name="NeRF", exact=True).click()
            page.get_by_text(nerf[0].split(" · ")[half], exact=True).wait_for(timeout=30_000)
            shown = page.evaluate("() => [...document.querySelectorAll('button.gallery-item')].filter(b => b.offsetParent)"
                                  ".map(b => b.textContent.trim())")
            assert shown == [name.split(" · ")[half] for name in nerf]  # one language, whole names, nothing cut off
        finally:
            page.close()
