"""The LLM tab's figures and texts, from made-up engine output: small probabilities, byte tokens, the
attention story, German numbers and labels. No model runs here."""

from __future__ import annotations

import re

import numpy as np
import pytest

from engines.base import Frame
from ui import llm
from ui.i18n import speaking


def step(chosen_prob: float, rank: int | None) -> Frame:
    top = [(f" t{k}", k, p) for k, p in enumerate([0.6, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.004, 0.003, 0.002])]
    token_id = rank if rank is not None else 999
    return Frame(step=0, total=1, metrics={"entropy": 2.345, "tokens_per_s": 5.0, "seconds": 1.25},
                 data={"text": " odd", "token": " odd", "token_id": token_id, "top": top, "chosen_prob": chosen_prob,
                       "chosen_rank": rank, "prompt_tokens": 3, "dropped": 0})


@pytest.mark.parametrize("p, shown", [(0.5, "50.0 %"), (0.054, "5.4 %"), (0.0012, "0.12 %"), (0.00004, "< 0.01 %")])
def test_probabilities_never_read_zero(p, shown):
    assert llm.percent(p) == shown


def test_a_sampled_unlikely_token_is_visible_and_not_zero():
    fig = llm.step_figure(step(0.0004, None))  # sampled from outside the top 10
    bars, marker = fig.data
    assert "0.04 %" in bars.text[-1] and bars.y[-1].startswith("…")  # not "11.": its rank is unknown
    assert not any(re.fullmatch(r"\s*0(\.0+)? %", t) for t in bars.text)
    assert list(marker.x) == [0.0004] and marker.marker.symbol == "diamond"  # a marker where the bar is too thin to see
    assert "p = 0.04 %" in fig.layout.title.text
    assert "p < 0.01 %" in llm.step_figure(step(0.00001, None)).layout.title.text


def test_german_figures_have_german_legends_and_decimal_commas():
    with speaking("de"):
        history = llm.history_figure([step(0.2, 1), step(0.6, 0)])
        figures = [llm.step_figure(step(0.2, 1)), history,
                   llm.attention_figure(["A", "b"], np.eye(2), "t"), llm.attend_from_figure(["A", "b"], np.array([0.25, 0.75]), 1, "t"),
                   llm.embedding_figure({"words": ["a", "b"], "pieces": [["a"], ["b"]], "xy": np.zeros((2, 2)), "explained": 0.5})]
        card = llm.card_html({"model": "m", "parameters": 134_515_008, "layers": 30, "heads": 9, "width": 576, "vocabulary": 49152,
                              "context": 8192, "device": "cpu", "dtype": "float32", "load_seconds": 2.75, "loaded_from": "local cache",
                              "tokens_per_s": 7.25, "licence": "Apache-2.0", "credit": "c"})
    assert [t.name for t in history.data] == ["Entropie (Bit)", "p(gewählt)"] and history.layout.yaxis2.title.text == "p(gewählt)"
    assert all(fig.layout.separators == ",." for fig in figures)
    assert "Entropie 2,35 Bit" in figures[0].layout.title.text and "20,0 %" in figures[0].data[0].text[1]
    assert list(figures[3].data[0].text) == ["0,25", "0,75"]
    assert "135 Mio." in card and "7,2 Token/s" in card and "dem lokalen Cache" in card and "local cache" not in card


def test_an_emoji_cut_into_bytes_is_told_in_words():
    tokens = [(1, "hi"), (2, " <F0><9F>"), (3, "<A4>"), (4, "<96>")]
    cut = [{"char": "🤖", "n_bytes": 4, "tokens": [1, 2, 3], "hex": ["F0 9F", "A4", "96"]}]
    chips = llm.chips_html(tokens, cut)
    assert "🤖 = 4 bytes, cut into 3 tokens (F0 9F | A4 | 96)" in chips
    assert chips.count("llm-bytes") == 3 and "&lt;F0&gt;" not in chips  # the bytes in plain hex, marked as bytes


def sink_attention() -> tuple[list[str], np.ndarray]:
    """4 layers × 2 heads over 'The cat saw it': most heads look at 'The'; layer 2, head 1 links 'it' to 'cat'."""
    tokens = ["The", " cat", " saw", " it"]
    att = np.zeros((4, 2, 4, 4))
    att[..., 0] = 1.0
    att[2, 1, 3] = [0.2, 0.6, 0.1, 0.1]
    att[3, 0, 3] = [0.1, 0.1, 0.7, 0.1]
    return tokens, att


def test_the_attention_story_names_the_head_and_what_the_others_do():
    tokens, att = sink_attention()
    story = llm.attention_story(tokens, att, 3, "cat")
    assert "“it” attends most to “cat”: **layer 2, head 1** (weight 0.60)" in story
    assert "1 of the 8 heads give “cat” their largest weight" in story
    assert "“The” (first token) **6** · “cat” **1** · “saw” (previous token) **1**" in story
    assert "75% of the heads park their attention on the first token" in story and "attention sink" in story
    assert "“dog” is not a word before “it”" in llm.attention_story(tokens, att, 3, "dog")
    with speaking("de"):
        german = llm.attention_story(tokens, att, 3, "cat")
    assert "„it“ am meisten auf „cat“ achtet: **Schicht 2, Head 1** (Gewicht 0,60)" in german and "Attention Sink" in german
