"""The Transformer / LLM tab in headless Chromium: generate, then look at attention, in English and in German."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import SCREENSHOTS, broken_words, covered_pictures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EMOJI_PROMPT = "What is a GAN? 🤖"

# Every title, axis title and legend entry of the page's plotly figures.
FIGURE_TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(p => {
  const layout = p.layout || {}, texts = [layout.title && layout.title.text];
  for (const key of Object.keys(layout)) if (/^[xy]axis\\d*$/.test(key) && layout[key].title) texts.push(layout[key].title.text);
  for (const trace of p.data || []) texts.push(trace.name);
  return texts.filter(Boolean);
})"""

# Draws an emoji on a canvas: a colour emoji font gives coloured pixels, a missing one a grey box or nothing.
EMOJI_COLOURS = """emoji => {
  const canvas = document.createElement('canvas'); canvas.width = canvas.height = 64;
  const ctx = canvas.getContext('2d'); ctx.font = '48px sans-serif'; ctx.fillText(emoji, 4, 52);
  const px = ctx.getImageData(0, 0, 64, 64).data; let coloured = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && Math.max(px[i], px[i + 1], px[i + 2]) - Math.min(px[i], px[i + 1], px[i + 2]) > 40) coloured++;
  return coloured;
}"""

# The plotly figure under a locator: its first trace's bar texts, and the label of its highest bar.
BARS = """el => { const p = el.querySelector('.js-plotly-plot'); const t = (p._fullData || p.data)[0];
  const ys = Array.from(t.y); return {text: Array.from(t.text || []), top: Array.from(t.x)[ys.indexOf(Math.max(...ys))], traces: p.data.length}; }"""


def error_toasts(page) -> list[str]:
    return page.locator("[data-testid=toast-body].error").all_inner_texts()


def generate_and_wait(page, button: str) -> None:
    """Press Generate and wait for the summary line of this run (the previous one may still be shown)."""
    summary = page.locator(".prose").filter(has_text=re.compile(r"tok/s on|Token/s auf"))
    before = summary.all_inner_texts()
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_function("([sel, before]) => { const now = [...document.querySelectorAll('.prose')].map(e => e.innerText)"
                           ".filter(t => /tok\\/s on|Token\\/s auf/.test(t)); return now.length && now.join() !== before.join(); }",
                           arg=[".prose", before], timeout=120_000)


def test_llm_tab_generates_and_shows_attention(open_tab):
    page = open_tab("Transformer / LLM", height=2000)
    page.wait_for_selector(".llm-card >> text=parameters", timeout=90_000)  # model card filled in

    page.get_by_label("Prompt", exact=True).fill(EMOJI_PROMPT)  # the emoji example
    max_new = page.locator("input[type=number]").first  # the "Max new tokens" box: keep the test short
    max_new.fill("8")
    max_new.press("Enter")
    try:
        generate_and_wait(page, "Generate")
    finally:
        page.screenshot(path=str(SCREENSHOTS / "llm_generate.png"), full_page=True)
    output = page.get_by_label("Generated continuation (prompt excluded)")
    assert output.input_value().strip()
    assert page.locator(".js-plotly-plot").count() >= 2  # step chart and all-steps chart
    # The emoji's bytes are told, not shown as <F0><9F>; and it renders in colour (fonts-noto-color-emoji).
    assert re.match(r"🤖 = 4 bytes, cut into \d tokens \(F0 9F", page.locator(".llm-cut").inner_text())
    assert page.locator(".llm-bytes").count() >= 2 and "<F0>" not in page.locator(".llm-chips").inner_text()
    assert page.evaluate(EMOJI_COLOURS, "🤖") > 50

    # "Too hot": unlikely tokens get chosen; their probability is never shown as 0.0 %, and marked.
    page.get_by_role("button", name="Too hot (T = 1.8): less likely tokens", exact=True).click()
    expect(page.get_by_label("Prompt", exact=True)).to_have_value("Once upon a time, a small robot")
    generate_and_wait(page, "Generate")
    steps = page.locator(".block").filter(has_text="Next-token candidates at this step").last.evaluate(BARS)
    assert steps["traces"] == 2 and not any(re.fullmatch(r"\s*0(\.0+)? ?%", t) for t in steps["text"])
    assert not error_toasts(page)

    page.get_by_role("tab", name="Attention", exact=True).click()
    story = page.locator("#attention-story")
    for preset, layer, word in (("The first layer", 0, "cat"), ("The last layer", 29, "trophy"), ("Where does 'it' look?", 15, "cat")):
        page.get_by_role("button", name=preset, exact=True).click()
        expect(page.get_by_label("Layer (0 = first)").first).to_have_value(str(layer))  # filled in before it runs
        page.get_by_role("button", name="Show attention").click()
        page.get_by_text(f"What “it” attends to (layer {layer}, average of all heads)").wait_for(timeout=60_000)
        expect(story).to_contain_text(f"“it” attends most to “{word}”", timeout=60_000)
        expect(story).to_contain_text("attention sink")
        assert not error_toasts(page), preset
    # The average of layer 15 favours the first token; the story names the head that finds "cat" and shows it.
    focus = page.locator(".block").filter(has_text="Attention from the selected token").last
    assert focus.evaluate(BARS)["top"] == "0:The"
    named = re.search(r"layer (\d+), head (\d+)", story.inner_text())
    page.get_by_role("button", name="Show that head").click()
    expect(story).to_contain_text("shown now", timeout=60_000)
    page.wait_for_timeout(500)
    assert focus.evaluate(BARS)["top"] == "1:·cat"
    assert page.get_by_text(f"Attention in layer {named[1]}, head {named[2]}").count() == 1
    assert not error_toasts(page) and broken_words(page) == [] and covered_pictures(page) == []
    page.screenshot(path=str(SCREENSHOTS / "llm_attention.png"), full_page=True)

    page.get_by_role("tab", name="Layer by layer (logit lens)").click()
    page.get_by_role("button", name="Show the guess after each layer").click()
    page.wait_for_selector("text=Top next-token guess after each layer", timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "llm_logit_lens.png"), full_page=True)

    page.get_by_role("tab", name="Embeddings").click()
    page.get_by_role("button", name="Map these words").click()
    page.wait_for_selector("text=Input embeddings, PCA", timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "llm_embeddings.png"), full_page=True)
    assert not error_toasts(page)


def test_llm_tab_in_german(browser, live_app):
    page = browser.new_page(viewport={"width": 1366, "height": 2000})
    try:
        page.goto(live_app + "?lang=de")
        page.get_by_role("tab", name="Transformer / LLM", exact=True).click()
        page.wait_for_selector(".llm-card >> text=Mio.", timeout=90_000)  # "135 Mio." as the intro says
        max_new = page.locator("input[type=number]").first
        max_new.fill("4")
        max_new.press("Enter")
        generate_and_wait(page, "Erzeugen")
        page.get_by_role("tab", name="Aufmerksamkeit", exact=True).click()
        page.get_by_role("button", name="Worauf schaut 'it'?", exact=True).click()
        expect(page.get_by_label("Schicht (0 = erste)").first).to_have_value("15")
        page.get_by_role("button", name="Aufmerksamkeit zeigen").click()
        story = page.locator("#attention-story")
        expect(story).to_contain_text("Attention Sink", timeout=60_000)
        assert re.search(r"Gewicht \d,\d\d", story.inner_text())  # a decimal comma
        page.get_by_role("button", name="Diesen Head zeigen").click()
        expect(story).to_contain_text("jetzt gezeigt", timeout=60_000)
        page.wait_for_timeout(500)
        texts = page.evaluate(FIGURE_TEXTS)
        assert "p(gewählt)" in texts and re.search(r"Entropie \d+,\d\d Bit", " ".join(texts))
        english = [t for t in texts if re.search(r"p\(chosen\)|probability|entropy|attention|layer|head \d|token \(", t)]
        assert english == []
        assert not error_toasts(page) and broken_words(page) == []
        page.screenshot(path=str(SCREENSHOTS / "llm-de.png"), full_page=True)
    finally:
        page.close()
