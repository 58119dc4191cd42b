"""The NeRF tab in a real headless Chromium: render a new view and look at it."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS, image_stats, plot_points

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_nerf_tab_renders_a_new_view(open_tab):
    page = open_tab("NeRF", height=1000)
    page.get_by_role("button", name="Render this view").click()
    page.locator("#nerf-rgb img").wait_for(timeout=60_000)
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

    # Live training streams frames; Stop ends it and the page stays usable.
    page.locator("#nerf-train-seconds input[type=number]").fill("30")
    page.locator("#nerf-train-seconds input[type=number]").press("Enter")
    page.get_by_role("button", name="Train", exact=True).click()
    page.locator("#nerf-train-image img").wait_for(timeout=60_000)
    page.wait_for_timeout(8000)
    page.locator("#nerf-train-image").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "nerf_live_training.png"))
    curve = page.locator(".block", has_text="PSNR vs time").locator(".js-plotly-plot")
    assert max(plot_points(curve)) >= 3  # frames keep arriving: one PSNR point each
    psnr = curve.evaluate("p => Math.max(...p.data.flatMap(t => t.y || []))")
    assert 15 < psnr < 40  # a grid that learnt the object, in dB
    frame = image_stats(page.locator("#nerf-train-image img"))
    assert frame["width"] > frame["height"] and frame["std"] > 10  # render beside photo, not blank
    page.locator("#nerf-train-stop").click()  # the training's Stop (the turntable has its own)
