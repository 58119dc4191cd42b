"""The Diffusion tab in a real headless Chromium: digits emerge from noise, step by step."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS, image_stats, plot_points


@pytest.mark.browser
@pytest.mark.slow
def test_diffusion_tab_denoises_live_and_shows_the_schedule(open_tab):
    page = open_tab("Diffusion", height=1600)
    page.get_by_role("button", name="Generate", exact=True).click()
    # the step counter is drawn into the streamed picture; the timing line arrives with the last step
    page.get_by_text("16 samples × 25 steps").wait_for(timeout=90_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_tab.png"), full_page=True)
    gallery = page.locator(".block", has_text="Final samples").locator("img")
    assert gallery.count() >= 16
    finals = [image_stats(gallery.nth(i)) for i in range(16)]
    assert all(f["std"] > 20 for f in finals)  # white strokes on black, not a blank or grey tile
    assert len({round(f["mean"], 1) for f in finals}) >= 8  # 16 different digits, not one repeated
    live = image_stats(page.locator(".block", has_text="Denoising, live").locator("img").first)
    assert live["width"] > 2 * live["height"] / 3 and live["std"] > 20  # the last frame: x_t beside x̂0, drawn

    page.get_by_role("tab", name="Forward process: add noise").click()
    chart = page.locator(".block", has_text="Noise schedule").locator(".js-plotly-plot")
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_forward.png"), full_page=True)
    assert max(plot_points(chart)) >= 100  # the schedule curves over the training steps
    noisy = page.locator(".block", has_text="x_0 and x_t at several steps").locator("img").first
    noisy.wait_for(timeout=30_000)
    assert image_stats(noisy)["std"] > 20


@pytest.mark.browser
@pytest.mark.slow
def test_toy_diffusion_particles_return_to_the_shape(open_tab):
    page = open_tab("Diffusion", height=1300)
    page.get_by_role("tab", name="2D toy diffusion").click()
    page.get_by_role("button", name="Noise, train, denoise").click()
    page.get_by_text("Done in").wait_for(timeout=90_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_toy.png"), full_page=True)
    assert page.get_by_text("Sampling done").count() >= 1


@pytest.mark.browser
@pytest.mark.slow
def test_text_to_image_offline_names_the_embedded_model(open_tab):
    page = open_tab("Diffusion", height=1100)
    page.get_by_role("tab", name="Text → image (hub)").click()
    page.get_by_role("button", name="Generate from text").click()
    page.get_by_text("Use the embedded model").first.wait_for(timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_text_to_image_offline.png"), full_page=True)
    assert not page.console_errors
