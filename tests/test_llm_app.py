"""The LLM tab through gradio_client against the live app, as an API user sees it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # the live app loads the real SmolLM2


def test_llm_generate_streams_the_continuation(client):
    job = client.submit("The capital of France is", 6, 0, 50, 1, 0, api_name="/llm_generate")
    texts = [out[0] for out in job]
    final = job.outputs()[-1]
    assert len(texts) >= 3, "expected one update per token"
    assert all(b.startswith(a) for a, b in zip(texts, texts[1:])), "the text only grows"
    assert final[0] == texts[-1] and "Paris" in final[0]
    assert not final[0].startswith("The capital")  # the prompt is not repeated


def test_llm_generate_is_reproducible_by_seed(client):
    run = lambda seed: client.predict("Once upon a time", 5, 1.0, 50, 0.95, seed, api_name="/llm_generate")[0]
    assert run(7) == run(7)


@pytest.mark.parametrize("args, message", [
    (("", 5, 0.7, 50, 0.9, 0), "empty"),
    (("x" * 5000, 5, 0.7, 50, 0.9, 0), "too long"),
    # the sliders' own range check (Gradio's message) or ours (engines.validate)
    (("Hi", 0, 0.7, 50, 0.9, 0), "Max new tokens|less than minimum value 1"),
    (("Hi", 100000, 0.7, 50, 0.9, 0), "Max new tokens|greater than maximum value 256"),
    (("Hi", 5, -1, 50, 0.9, 0), "Temperature|less than minimum value 0"),
    (("Hi", 5, 0.7, 50, 0, 0), "Top-p|less than minimum value 0.01"),
    (("Hi", 5, 0.7, 50, 1.5, 0), "Top-p|greater than maximum value 1"),
])
def test_bad_input_gets_a_clear_message_and_the_server_keeps_serving(client, args, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message):
        client.predict(*args, api_name="/llm_generate")
    card = client.predict(api_name="/llm_model_card")[0]  # still serving
    assert "parameters" in card


def test_emoji_prompt_and_the_other_views_work(client):
    text = client.predict("🐱🐭 ", 3, 0, 50, 1, 0, api_name="/llm_generate")[0]
    assert isinstance(text, str) and text
    chips = client.predict("unbelievably 🐱", api_name="/llm_tokenize")
    assert "tokens" in chips and "llm-chip" in chips
    heatmap, focus, focus_plot = client.predict("The cat chased the mouse because it was hungry", 12, -1,
                                                api_name="/llm_attention")
    assert heatmap["type"] == "plotly" and focus_plot["type"] == "plotly"
    assert client.predict("The capital of France is", api_name="/llm_logit_lens")["type"] == "plotly"
    assert client.predict("cat, dog, Paris, London", api_name="/llm_embeddings")["type"] == "plotly"


def test_nan_temperature_is_refused(live_app):
    """gradio_client cannot even send NaN (not JSON); a raw HTTP caller can, and gets a clear message."""
    import json
    import urllib.request

    url = live_app + "gradio_api/call/llm_generate"
    request = urllib.request.Request(url, data=b'{"data": ["Hi", 5, NaN, 50, 0.9, 0]}',
                                     headers={"Content-Type": "application/json"})
    event = json.load(urllib.request.urlopen(request, timeout=30))["event_id"]
    reply = urllib.request.urlopen(f"{url}/{event}", timeout=60).read().decode()
    assert "event: error" in reply and "Temperature must be a finite number" in reply
