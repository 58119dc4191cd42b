"""LLM tab speed: streamed tokens/s with probabilities captured vs a plain ``model.generate``.

    python -m bench.llm [--tokens 64] [--repeats 3] [--cold]

Prints cold (GGUF conversion) and warm (safetensors cache) load times, first-token latency,
tokens/s of our capturing loop and of transformers' greedy ``generate`` producing the same tokens,
the overhead ratio, and the peak resident memory. ``--cold`` converts into a fresh temporary
cache folder, so the user's cache is left alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import tempfile
import time

import torch

PROMPT = "Once upon a time, in a small village by the sea, there lived"


def load_engine(cache: str | None):
    from engines.llm import LLMEngine

    if cache:
        os.environ["GENAI_LAB_CACHE"] = cache
    engine = LLMEngine()
    started = time.perf_counter()
    engine.load()
    return engine, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch default)")
    parser.add_argument("--cold", action="store_true", help="also time the first-ever GGUF conversion")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    if args.cold:
        with tempfile.TemporaryDirectory(prefix="genai-lab-bench-") as tmp:
            _, cold = load_engine(tmp)
            print(f"cold load (GGUF -> fp32 + write cache): {cold:.1f} s")
            os.environ.pop("GENAI_LAB_CACHE")
    load_engine(None)  # make sure the user's cache exists
    engine, warm = load_engine(None)  # a second engine: timed from the cache
    print(f"warm load (safetensors cache):        {warm:.2f} s ({engine.lm.how})")

    model, tok = engine.lm.model, engine.lm.tokenizer
    params = dict(prompt=PROMPT, max_new_tokens=args.tokens, temperature=0, top_k=0, top_p=1, seed=0)
    list(engine.stream(**{**params, "max_new_tokens": 4}))  # first call warms up kernels

    ours, plain, first = [], [], []
    for _ in range(args.repeats):
        started = time.perf_counter()
        frames = []
        for frame in engine.stream(**params):
            if not frames:
                first.append(time.perf_counter() - started)
            frames.append(frame)
        ours.append(time.perf_counter() - started)
        ids = [f.data["token_id"] for f in frames]

        prompt = torch.tensor([tok(PROMPT)["input_ids"]])
        started = time.perf_counter()
        with torch.inference_mode():
            out = model.generate(prompt, attention_mask=torch.ones_like(prompt), do_sample=False,
                                 max_new_tokens=len(ids), min_new_tokens=len(ids), pad_token_id=tok.eos_token_id)
        plain.append(time.perf_counter() - started)
        assert out[0, prompt.shape[1]:].tolist() == ids, "generate produced different tokens"

    n = len(ids)
    t_ours, t_plain = statistics.median(ours), statistics.median(plain)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"torch threads {torch.get_num_threads()}, device {engine.lm.device}")
    print(f"tokens per run: {n} (greedy, prompt {prompt.shape[1]} tokens), median of {args.repeats} runs")
    print(f"first token latency:                  {statistics.median(first) * 1000:.0f} ms")
    print(f"streamed with top-10 + entropy:       {n / t_ours:.1f} tok/s")
    print(f"plain model.generate, same tokens:    {n / t_plain:.1f} tok/s")
    print(f"capture overhead ratio (ours/plain):  {t_ours / t_plain:.3f}x")
    print(f"peak RSS:                             {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
