"""The GAN tab in a real headless Chromium: generated digits with scores, the collapsed GAN beside ours,
and the live 2D lab."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests.conftest import SCREENSHOTS


@pytest.mark.browser
@pytest.mark.slow
def test_gan_tab_generates_and_trains_the_2d_lab(open_tab):
    page = open_tab("GAN", height=1600)
    page.get_by_role("button", name="Generate", exact=True).click()
    page.get_by_text("one generator pass").wait_for(timeout=60_000)
    page.get_by_role("button", name="Draw with both GANs", exact=True).click()
    page.get_by_text("samples of the digit 7 per model").wait_for(timeout=60_000)
    picture = page.locator("#gan-collapse-image img")
    picture.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "gan_collapse.png"))
    shot = np.asarray(Image.open(io.BytesIO(picture.screenshot())).convert("L"), dtype=float)
    left, right = shot[:, : shot.shape[1] // 2], shot[:, shot.shape[1] // 2:]
    assert left.std() > 20 and right.std() > 20  # digits in both panels: ours and the collapsed one, not blank
    page.get_by_role("button", name="Walk", exact=True).click()
    page.get_by_text("frames in").wait_for(timeout=30_000)
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("step 1500 / 1500").wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SCREENSHOTS / "gan_tab.png"), full_page=True)
    text = page.inner_text("body")
    assert "ring modes covered" in text and "D score" in text and "a collapsed GAN" in text
    assert page.locator(".js-plotly-plot").count() >= 3  # scores, loss curves, lab

