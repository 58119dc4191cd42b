"""The NeRF tab in a real headless Chromium: render a new view and look at it, its lesson presets, the turntable
playing in the page, the live training that stops once it has levelled off, in English and in German."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCREENSHOTS, image_stats, plot_points
from tests.test_browser_gan import assert_readable, decimal_points, english_in_charts_and_headers, plot_separators

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The share of the duck's orange beak among a picture's pixels: seen from the front, not from behind.
BEAK_SHARE = """img => { const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0); const px = ctx.getImageData(0, 0, c.width, c.height).data;
  let beak = 0; for (let i = 0; i < px.length; i += 4) if (px[i] > 180 && px[i + 1] > 60 && px[i + 1] < 150 && px[i + 2] < 80) beak++;
  return beak / (px.length / 4); }"""


def _rendered(page, previous: str = "") -> str:
    """Wait for the render's text to change from ``previous``; return it."""
    text = page.locator(".prose", has_text=re.compile(r"Rendered 100×100|100×100 gerendert")).last
    page.wait_for_function("([e, old]) => e.innerText !== old", arg=[text.element_handle(timeout=60_000), previous], timeout=60_000)
    return text.inner_text()


def test_nerf_tab_renders_a_new_view(open_tab):
    page = open_tab("NeRF", height=1000)
    page.get_by_role("button", name="Render this view").click()
    page.locator("#nerf-rgb img").wait_for(timeout=60_000)
    rendered = _rendered(page)
    assert page.locator("#nerf-rgb img").evaluate(BEAK_SHARE) > 0.006  # the default view shows the duck's face, beak and all
    page.get_by_role("button", name="Trace this ray").click()
    page.locator("#nerf-swatches img").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    page.get_by_text("3 · New views").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "nerf_new_view.png"))
    page.get_by_text("2 · One ray").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "nerf_ray.png"), full_page=True)
    assert page.locator("#nerf-depth img").count() == 1
    view = image_stats(page.locator("#nerf-rgb img"))
    assert view["width"] == view["height"] >= 100 and view["std"] > 10  # the duck on white, not a blank square

    # Each lesson preset sets the camera, and its view renders.
    for preset in ("From straight above: no photo was taken there", "Close up (0.5× the photos' distance)", "From below the duck"):
        page.get_by_role("button", name=preset, exact=True).click()
        page.get_by_role("button", name="Render this view").click()
        rendered = _rendered(page, rendered)
        assert image_stats(page.locator("#nerf-rgb img"))["std"] > 10

    # The turntable plays in the page; its downloads keep their whole names.
    page.locator("#nerf-turn-frames input[type=number]").fill("6")
    page.locator("#nerf-turn-frames input[type=number]").press("Enter")
    page.get_by_role("button", name="Make a turntable GIF").click()
    page.get_by_text("6 views rendered").wait_for(timeout=60_000)
    turntable = page.locator("#nerf-turntable img")
    turntable.wait_for(timeout=30_000)  # shown once the GIF download is there
    assert turntable.get_attribute("src").endswith("genai-lab-nerf-turntable.gif")
    assert image_stats(turntable)["std"] > 10

    # Live training stops by itself once the held-out PSNR levels off (here at the latest after 10 s), and says why.
    page.locator("#nerf-train-seconds input[type=number]").fill("10")
    page.locator("#nerf-train-seconds input[type=number]").press("Enter")
    page.get_by_role("button", name="Train", exact=True).click()
    page.locator("#nerf-train-image img").wait_for(timeout=60_000)
    status = page.locator("#nerf-train-status")
    status.get_by_text(re.compile(r"Stopped after|Time limit reached")).wait_for(timeout=90_000)
    page.locator("#nerf-train-image").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "nerf_live_training.png"))
    curve = page.locator(".block", has_text="PSNR vs time").locator(".js-plotly-plot")
    assert max(plot_points(curve)) >= 3  # frames kept arriving: one PSNR point each
    psnr = curve.evaluate("p => Math.max(...p.data.flatMap(t => t.y || []))")
    assert 15 < psnr < 40  # a grid that learnt the object, in dB
    assert f"best {psnr:.1f} dB" in status.inner_text()
    frame = image_stats(page.locator("#nerf-train-image img"))
    assert frame["width"] > frame["height"] and frame["std"] > 10  # render beside photo, not blank
    assert_readable(page)


def test_nerf_tab_in_german(browser, live_app):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(live_app + "?lang=de")
        page.get_by_role("tab", name="NeRF", exact=True).click()
        page.get_by_role("button", name="Diese Ansicht rendern").click()
        assert re.search(r"gerendert in \d+,\d\d s", _rendered(page))
        page.get_by_role("button", name="Diesen Strahl verfolgen").click()
        page.get_by_text(re.compile(r"Gesamtgewicht Σw = \d,\d{3}")).wait_for(timeout=60_000)
        page.mouse.wheel(0, 1200)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SCREENSHOTS / "nerf_tab_de.png"), full_page=True)
        assert english_in_charts_and_headers(page) == []
        assert decimal_points(page) == [] and plot_separators(page) == {",."}
        assert_readable(page)
    finally:
        page.close()
