"""The VAE tab in a real headless Chromium: encode a test digit, the latent map, generate, β trade-off."""

from __future__ import annotations

import pytest

from tests.conftest import SCREENSHOTS


@pytest.mark.browser
@pytest.mark.slow
def test_vae_tab_encodes_maps_and_generates(open_tab):
    page = open_tab("VAE", height=1600)
    page.get_by_role("button", name="Encode test digit").click()
    page.get_by_text("mean μ").first.wait_for(timeout=60_000)  # the cloud's legend entry on the plot
    page.locator(".js-plotly-plot:visible").first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "vae_encode.png"), full_page=True)
    assert page.locator(".js-plotly-plot:visible .scatterlayer .trace").count() >= 10  # 10 classes + the cloud

    page.get_by_role("tab", name="Latent map").click()
    page.locator("#vae-grid img").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "vae_latent_map.png"), full_page=True)

    page.get_by_role("tab", name="Generate").click()
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text("New, not copied.").wait_for(timeout=60_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "vae_generate.png"), full_page=True)
    assert page.locator(".gallery-item:visible, button.thumbnail-item:visible").count() >= 16
    pairs, label = page.locator("#vae-pairs img").bounding_box(), page.locator("#vae-pairs label").bounding_box()
    assert pairs["y"] >= label["y"] + label["height"], "the label covers the top row of pairs"

    page.get_by_role("tab", name="Interpolate").click()
    page.get_by_role("button", name="Interpolate", exact=True).click()
    page.get_by_text("vae-interpolation-").first.wait_for(timeout=60_000)  # the GIF download
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "vae_interpolate.png"), full_page=True)

    page.get_by_role("tab", name="β trade-off").click()
    page.get_by_text("sharpness of prior samples").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOTS / "vae_beta.png"), full_page=True)
