"""The Diffusion tab in a real headless Chromium: digits emerge from noise, step by step."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS


@pytest.mark.browser
@pytest.mark.slow
def test_diffusion_tab_denoises_live_and_shows_the_schedule(open_tab):
    page = open_tab("Diffusion", height=1600)
    page.get_by_role("button", name="Generate", exact=True).click()
    # the step counter is drawn into the streamed picture; the timing line arrives with the last step
    page.get_by_text("16 samples × 25 steps").wait_for(timeout=90_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_tab.png"), full_page=True)
    assert page.locator("img[alt*='sample']").count() >= 16 or page.locator(".gallery img, [data-testid='gallery'] img").count() >= 16

    page.get_by_role("tab", name="Forward process: add noise").click()
    page.locator(".js-plotly-plot:visible").first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_forward.png"), full_page=True)


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
