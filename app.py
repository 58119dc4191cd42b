"""GenAI Lab: see how generative AI works, one model family per tab.

Run ``python app.py`` and open http://127.0.0.1:7860 (GRADIO_SERVER_NAME and
GRADIO_SERVER_PORT override). Importing this module builds ``demo`` but loads no model.
"""

from __future__ import annotations

import logging
import threading

import gradio as gr
from starlette.middleware import Middleware

from engines.hub import check_hub_in_background
from ui import compare, diffusion, digits, gan, llm, memory, nerf, overview, vae
from ui.common import PRESETS_CSS, limit_model_requests_per_session, refuse_unreadable_inputs
from ui.i18n import LOAD_JS, PageLanguage, german_on_load, i18n, language_switch
from ui.share import apply_on_load
from ui.locales.app import T

# Tab order as users see it; each module has build() and may have warm().
TABS = (overview, digits, llm, diffusion, gan, vae, nerf, compare)

THEME = gr.themes.Soft(primary_hue="indigo", text_size="lg")
# Readable on a classroom projector: larger base text, wide layout.
CSS = """
.gradio-container { max-width: 1400px !important; }
.explain { font-size: 1.05rem; }
#language-switch { justify-content: flex-end; flex-wrap: nowrap; }
/* Tables in the page's font, not Gradio's monospace one. */
.header-cell, .body-cell, .header-cell *, .body-cell * { font-family: var(--font) !important; }
/* Never over a picture: a gallery's label sits above its grid, each caption below its image, in full. */
.block > label[data-testid="block-label"].float { position: static !important; margin-bottom: 4px; }
.gallery-container .grid-container.pt-6 { padding-top: 0 !important; }
.gallery-container .thumbnail-item:has(.caption-label) { aspect-ratio: auto !important; display: flex !important;
  flex-direction: column; overflow: visible !important; }
.gallery-container .thumbnail-item:has(.caption-label) > img { aspect-ratio: 1; width: 100%; height: auto !important; }
.gallery-container .caption-label { position: static !important; transform: none !important; max-width: 100% !important;
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; background: transparent !important;
  box-shadow: none !important; border: 0 !important; padding: 2px 0 0 !important; font-size: var(--text-sm) !important;
  line-height: 1.2; text-align: center; }
""" + PRESETS_CSS


def build_demo() -> gr.Blocks:
    # Gradio's copies of what it served (pictures, GIFs) go after an hour, checked every 10 minutes.
    with gr.Blocks(title="GenAI Lab", delete_cache=(10 * 60, 60 * 60)) as blocks:
        with gr.Row(equal_height=True):
            gr.Markdown(T("intro"))  # beside it: the English | Deutsch switch
            language_switch()
        with gr.Tabs() as tabs:
            for tab in TABS:
                tab.build()
        apply_on_load(blocks, tabs)  # ?tab=...&setting=... links made by "copy this setup"
        german_on_load(blocks)  # figures made at start-up, again in German for German pages
    # Model work is limited per event (ui.common.COMPUTE); cheap events run side by side.
    blocks.queue(default_concurrency_limit=8, max_size=200)
    refuse_unreadable_inputs(blocks)
    limit_model_requests_per_session(blocks)
    return blocks


demo = build_demo()


def warm_up() -> None:
    """Load models in the background so the first click does not wait, and ask the hub once whether it answers."""
    check_hub_in_background()
    for tab in TABS:
        if hasattr(tab, "warm"):
            threading.Thread(target=tab.warm, name=f"warm-{tab.__name__}", daemon=True).start()


if __name__ == "__main__":
    memory.limit_malloc_arenas()
    logging.basicConfig(level=logging.INFO)
    warm_up()
    # Gradio keeps every browser session's state (a copy of the page's values, the GAN lab's models) until
    # this many newer sessions exist (default 10,000: gigabytes on a public Space); a class needs ~40, and
    # memory.lifespan forgets the sessions that ended and returns freed heap every 30 s.
    # i18n: every tab's translation table (ui/locales/); PageLanguage and LOAD_JS carry the chosen language.
    demo.launch(theme=THEME, css=CSS, js=LOAD_JS, i18n=i18n(), max_file_size="5mb", state_session_capacity=200,
                app_kwargs={"middleware": [Middleware(PageLanguage)], "lifespan": memory.lifespan})
