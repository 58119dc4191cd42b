"""GenAI Lab: see how generative AI works, one model family per tab.

Run ``python app.py`` and open http://127.0.0.1:7860 (GRADIO_SERVER_NAME and
GRADIO_SERVER_PORT override). Importing this module builds ``demo`` but loads no model.
"""

from __future__ import annotations

import logging
import threading

import gradio as gr

from ui import compare, diffusion, digits, gan, llm, nerf, overview, vae
from ui.common import refuse_unreadable_inputs

# Tab order as users see it; each module has build() and may have warm().
TABS = (overview, digits, llm, diffusion, gan, vae, nerf, compare)

THEME = gr.themes.Soft(primary_hue="indigo", text_size="lg")
# Readable on a classroom projector: larger base text, wide layout.
CSS = """
.gradio-container { max-width: 1400px !important; }
.explain { font-size: 1.05rem; }
"""

INTRO = (
    "# GenAI Lab\n"
    "Real generative models, opened up step by step. Every tab runs real generation "
    "on this machine and shows how it happens."
)


def build_demo() -> gr.Blocks:
    with gr.Blocks(title="GenAI Lab") as blocks:
        gr.Markdown(INTRO)
        for tab in TABS:
            tab.build()
    # Model work is limited per event (ui.common.COMPUTE); cheap events run side by side.
    blocks.queue(default_concurrency_limit=8, max_size=200)
    refuse_unreadable_inputs(blocks)
    return blocks


demo = build_demo()


def warm_up() -> None:
    """Load models in the background so the first click does not wait."""
    for tab in TABS:
        if hasattr(tab, "warm"):
            threading.Thread(target=tab.warm, name=f"warm-{tab.__name__}", daemon=True).start()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    warm_up()
    # Gradio keeps every browser session's state (a copy of the page's values, the GAN lab's models) until
    # this many newer sessions exist (default 10,000: gigabytes on a public Space); a class needs ~40.
    demo.launch(theme=THEME, css=CSS, max_file_size="5mb", state_session_capacity=200)
