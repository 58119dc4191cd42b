"""The Diffusion tab in a real headless Chromium: digits emerge from noise, step by step, in English and German;
nothing covers or crops a picture, the downloads are whole files, the lesson presets show what their names say."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SCREENSHOTS, broken_words, covered_pictures, image_stats, open_sub_tab, plot_points

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A picture's own buttons (full screen, download, share) lying over it.
BUTTONS_OVER_PICTURES = """() => {
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 4 && r.height > 4 && el.offsetParent !== null; };
  const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const pictures = [...document.querySelectorAll('img, canvas')].filter(visible);
  const found = [];
  for (const buttons of [...document.querySelectorAll('.icon-button-wrapper')].filter(visible)) for (const picture of pictures)
    if (!buttons.contains(picture) && meets(buttons.getBoundingClientRect(), picture.getBoundingClientRect())) {
      const label = buttons.closest('.block')?.querySelector('label');
      found.push(`buttons over a picture of ${label ? label.textContent.trim().slice(0, 40) : '?'}`);
      break;
    }
  return found;
}"""

# Pictures cut off by a box that hides what overflows it (a gallery's second row, an image taller than its block).
CROPPED_PICTURES = """() => {
  const found = [];
  for (const picture of document.querySelectorAll('img, canvas')) {
    const r = picture.getBoundingClientRect();
    if (r.width < 4 || r.height < 4 || picture.offsetParent === null) continue;
    for (let box = picture.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.bottom > b.bottom + 2 || r.right > b.right + 2 || r.top < b.top - 2 || r.left < b.left - 2) {
        const label = box.closest('.block')?.querySelector('label');
        found.push(`${label ? label.textContent.trim().slice(0, 40) : picture.tagName} cut off`);
        break;
      }
    }
  }
  return [...new Set(found)];
}"""

# What the page's charts and tables say in words: titles, axis titles and ticks, legends, notes, table headers.
FIGURE_WORDS = """() => [...document.querySelectorAll(
  '.js-plotly-plot :is(.gtitle, .g-gtitle, .xtitle, .ytitle, .y2title, .legendtext, .legendtitletext, .annotation-text, .xtick, .ytick, .y2tick), table th')]
  .filter(el => el.getBoundingClientRect().width > 0).map(el => el.textContent.trim()).filter(Boolean)"""


def picture_problems(page) -> list[str]:
    """Labels, captions or buttons over a picture, and pictures cut off: what a teacher would see as broken."""
    return covered_pictures(page) + page.evaluate(BUTTONS_OVER_PICTURES) + page.evaluate(CROPPED_PICTURES)


def error_toasts(page) -> list[str]:
    return page.locator("[data-testid=toast-body].error").all_inner_texts()


def figure_words(page) -> list[str]:
    return page.evaluate(FIGURE_WORDS)


def english_on_german_page(words: list[str], *tables) -> list[str]:
    """Words of the charts and tables that are a tab's English text where German says it differently, or a number
    written with a decimal point."""
    english = {en for table in tables for en, de in table.table.values() if en != de and "{" not in en}
    return [w for w in words if w in english or re.search(r"\d\.\d", w)]


def generate(page, button: str, done: str) -> str:
    """Press the tab's Generate and wait for the line under the samples that ends this run; return that line."""
    page.get_by_role("button", name=button, exact=True).click()
    line = page.locator(".prose").filter(has_text=done).filter(has_text=re.compile("recognizes|erkennt")).first
    line.wait_for(timeout=120_000)
    return line.inner_text()


def measured(line: str) -> tuple[int, float]:
    """(samples recognized as the digit, variety among them) from the line under the samples."""
    found = re.search(r"(\d+) (?:of|von) 16.*?(?:variety among them|Vielfalt unter ihnen) ([\d.,]+)", line)
    return int(found[1]), float(found[2].replace(",", "."))


def test_diffusion_tab_denoises_live_and_shows_the_schedule(open_tab):
    page = open_tab("Diffusion", height=1600)
    page.get_by_text("Guidance just right (w = 3)").first.click()  # the defaults, as a lesson preset
    just_right = generate(page, "Generate", "16 samples × 25 steps (DDIM, guidance 3)")
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_tab.png"), full_page=True)
    gallery = page.locator(".block", has_text="Final samples").locator("img")
    assert gallery.count() >= 16
    finals = [image_stats(gallery.nth(i)) for i in range(16)]
    assert all(f["std"] > 20 for f in finals)  # white strokes on black, not a blank or grey tile
    assert len({round(f["mean"], 1) for f in finals}) >= 8  # 16 different digits, not one repeated
    live = image_stats(page.locator(".block", has_text="Denoising, live").locator("img").first)
    assert live["width"] > 2 * live["height"] / 3 and live["std"] > 20  # the last frame: x_t beside x̂0, drawn
    assert picture_problems(page) == [] and broken_words(page) == [] and not error_toasts(page)

    # the downloads: whole file names, the MP4 made from the GIF
    with page.expect_download() as gif:
        page.get_by_role("button", name="Download the denoising as an animated GIF").click()
    assert gif.value.suggested_filename == "genai-lab-denoising.gif"
    mp4_button = page.get_by_role("button", name="Download the denoising as MP4 (for slides)")
    page.wait_for_function("el => !el.disabled", arg=mp4_button.element_handle(), timeout=60_000)
    with page.expect_download() as mp4:
        mp4_button.click()
    assert mp4.value.suggested_filename == "genai-lab-denoising.mp4"

    # the other presets show what their names say, in the numbers under the samples
    page.get_by_text("No guidance (w = 0)").first.click()
    no_guidance = generate(page, "Generate", "guidance 0)")
    page.get_by_text("Weak guidance (w = 1)").first.click()
    weak = generate(page, "Generate", "guidance 1)")
    assert picture_problems(page) == [] and not error_toasts(page)
    (threes_0, _), (threes_1, variety_1), (threes_3, variety_3) = map(measured, (no_guidance, weak, just_right))
    assert threes_0 <= 4 and threes_1 >= 12 and threes_3 >= 14  # w = 0: any digit; w ≥ 1: the three asked for
    assert variety_1 > variety_3  # weak guidance: more varied; w = 3: more alike

    page.get_by_role("tab", name="Forward process: add noise").click()
    chart = page.locator(".block", has_text="Noise schedule").locator(".js-plotly-plot")
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_forward.png"), full_page=True)
    assert max(plot_points(chart)) >= 100  # the schedule curves over the training steps
    noisy = page.locator(".block", has_text="x_0 and x_t at several steps").locator("img").first
    noisy.wait_for(timeout=30_000)
    assert image_stats(noisy)["std"] > 20
    assert picture_problems(page) == []


def test_diffusion_tab_in_german(browser, live_app):
    from ui.locales.app import T as APP
    from ui.locales.diffusion import T

    page = browser.new_page(viewport={"width": 1366, "height": 1600})
    try:
        page.goto(f"{live_app}?lang=de")
        page.get_by_role("tab", name="Diffusion", exact=True).click()
        line = generate(page, "Erzeugen", "16 Samples × 25 Schritte (DDIM, Guidance 3)")
        page.wait_for_timeout(800)
        page.screenshot(path=str(SCREENSHOTS / "diffusion_tab_de.png"), full_page=True)
        assert re.search(r"in \d+,\d\d s \(\d+ ms pro Schritt", line)  # decimal comma
        assert re.search(r"Vielfalt unter ihnen \d,\d\d \(1 = so vielfältig", line) and " % der Bilder" in line
        text = page.inner_text("body")
        assert "no GPU" not in text and "keine GPU" in text  # the training machine, in German
        assert picture_problems(page) == [] and broken_words(page) == [] and not error_toasts(page)

        open_sub_tab(page, "Vorwärtsprozess: Rauschen hinzufügen")
        page.locator(".js-plotly-plot:visible").first.wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(SCREENSHOTS / "diffusion_forward_de.png"), full_page=True)
        words = figure_words(page)
        assert "Signal-Rausch-Verhältnis" in words and any(re.fullmatch(r"t = 300: ᾱ_t = 0,\d{3}", w) for w in words)
        assert english_on_german_page(words, T, APP) == []
        assert picture_problems(page) == []
    finally:
        page.close()


def test_toy_diffusion_says_how_many_particles_return_to_the_shape(open_tab):
    page = open_tab("Diffusion", height=1300)
    page.get_by_role("tab", name="2D toy diffusion").click()
    page.get_by_role("button", name="Noise, train, denoise").click()
    page.get_by_text("Done in").wait_for(timeout=90_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SCREENSHOTS / "diffusion_toy.png"), full_page=True)
    status = page.locator(".prose").filter(has_text="Done in").first.inner_text()
    share = int(re.search(r"(\d+)% of the particles are on the shape", status)[1])
    assert 30 <= share < 100 and f"Sampling done: {share}% of the particles are on the shape" in figure_words(page)
    page.get_by_role("button", name="Make this run a GIF and MP4").click()
    gif_button = page.get_by_role("button", name="Toy diffusion as GIF")
    page.wait_for_function("el => !el.disabled", arg=gif_button.element_handle(), timeout=60_000)
    with page.expect_download() as gif:
        gif_button.click()
    assert gif.value.suggested_filename == "genai-lab-toy-diffusion.gif"
    assert picture_problems(page) == [] and not error_toasts(page)

