"""Continuous batching of LLM generations: many users' texts decode together, one forward pass per token.

A worker thread holds the texts being generated as the rows of one KV cache, left-padded to a common
length. A new request runs its prompt alone (its own prefill, as if alone), then joins the rows at the
next token; a finished or unwatched text leaves at once. Each decoding step is one forward pass over
every row with an attention mask that hides the padding and position ids per row, so each text sees
exactly its own tokens; each keeps its own sampler and random generator (``engines.llm.DecodingJob``).
It exists because one token of 8 texts costs little more than one token of one (bench.batching
measures the gain against the same texts decoded one after another).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F

from engines.base import Frame, one_per_engine
from engines.errors import UserInputError
from engines.llm import DecodingJob, LLMEngine

MAX_ROWS = 16  # texts decoded together; later ones start when a row frees
MAX_RUNS_PER_OWNER = 2  # generations one session may have going at once


@dataclass(eq=False)
class Generation:
    """One text being generated and the stream following it."""

    job: DecodingJob
    owner: str | None
    frames: list[Frame] = field(default_factory=list)
    watched: bool = True  # False once its stream closed (finished, cancelled, browser gone)
    error: Exception | None = None
    done: bool = False


def _left_pad(cache_layers: list[tuple[torch.Tensor, torch.Tensor]], width: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """Keys and values (B, H, T, D) per layer, padded on the left to ``width`` positions (the mask hides them)."""
    return [(F.pad(k, (0, 0, width - k.shape[2], 0)), F.pad(v, (0, 0, width - v.shape[2], 0))) for k, v in cache_layers]


def _layers(cache) -> list[tuple[torch.Tensor, torch.Tensor]]:
    return [(layer.keys, layer.values) for layer in cache.layers]


def _rows_can_share(engine: LLMEngine) -> bool:
    """Rows of one cache need full attention in every layer (a sliding-window layer keeps its own window)."""
    from transformers import DynamicCache

    return not any(layer.is_sliding for layer in DynamicCache(config=engine.lm.model.config).layers)


batchable = one_per_engine(_rows_can_share)  # asked on every request, worked out once per model


class TokenBatcher:
    """Decodes every active generation of one LLM engine together, one forward pass per token."""

    def __init__(self, engine: LLMEngine, max_rows: int = MAX_ROWS, max_per_owner: int = MAX_RUNS_PER_OWNER):
        self.engine, self.max_rows, self.max_per_owner = engine, max_rows, max_per_owner
        self._changed = threading.Condition()  # guards the lists below; notified after every step
        self._following: list[Generation] = []  # every generation with a stream, started or not
        self._waiting: list[Generation] = []  # not started yet
        self._rows: list[Generation] = []  # the rows of the cache, in order (worker only, read under the lock)
        self._worker: threading.Thread | None = None
        self.calls = 0  # batched forward passes made (tests and benchmarks read it)
        self.widest = 0  # the most texts one forward pass decoded

    def follow(self, owner: str | None = None, **params) -> Iterator[list[Frame]]:
        """Stream a generation with these settings (``LLMEngine.decoding_job``'s): the new frames, a list
        per item (a follower slower than the model gets several tokens at once; the model never waits).

        Raises UserInputError for bad settings (nothing joins) or when ``owner`` already has
        ``max_per_owner`` generations going.
        """
        generation = Generation(self.engine.decoding_job(**params), owner)
        with self._changed:
            if owner is not None and sum(g.owner == owner for g in self._following) >= self.max_per_owner:
                raise UserInputError(f"You already have {self.max_per_owner} generations going: "
                                     "please wait until one has finished, or press Stop.")
            self._following.append(generation)
            self._waiting.append(generation)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._serve, name="llm-batcher", daemon=True)
                self._worker.start()
            self._changed.notify_all()
        try:
            seen = 0
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: len(generation.frames) > seen or generation.done)
                    new, done, error = generation.frames[seen:], generation.done, generation.error
                seen += len(new)
                if new:
                    yield new
                if error is not None:
                    raise error
                if done and seen == len(generation.frames):
                    return
        finally:
            with self._changed:
                generation.watched = False
                self._following.remove(generation)
                if generation in self._waiting:
                    self._waiting.remove(generation)

    # -- the worker ---------------------------------------------------------------------------

    def _serve(self) -> None:
        cache, lengths = None, []  # the shared KV cache (rows, H, T, D per layer) and each row's real length
        while True:
            with self._changed:
                self._changed.wait_for(lambda: bool(self._waiting or self._rows))
                keep = [i for i, g in enumerate(self._rows) if g.watched and not g.done]
                joining = self._waiting[: self.max_rows - len(keep)]
                del self._waiting[: len(joining)]
            cache, lengths = self._drop_rows(cache, lengths, keep)  # finished or unwatched rows leave
            for generation in joining:
                cache, lengths = self._join(generation, cache, lengths)
            if self._rows:
                cache, lengths = self._decode(cache, lengths)
            with self._changed:
                self._changed.notify_all()

    def _publish(self, generation: Generation, frame: Frame | None = None, error: Exception | None = None,
                 texts_in_call: int = 1) -> None:
        with self._changed:
            if frame is not None:
                frame.data["texts_in_call"] = texts_in_call  # how many texts shared this token's forward pass
                generation.frames.append(frame)
            generation.error = error
            generation.done = error is not None or generation.job.finished
            if generation.done:
                self.engine.last_tokens_per_s = generation.job.tokens_per_s

    def _drop_rows(self, cache, lengths: list[int], keep: list[int]):
        """Only the rows at ``keep`` stay: in ``_rows``, ``lengths`` and the cache, which is cut to the
        longest remaining text (the padding nobody needs any more)."""
        from transformers import DynamicCache

        if len(keep) == len(self._rows):
            return cache, lengths
        self._rows, lengths = [self._rows[i] for i in keep], [lengths[i] for i in keep]
        if not keep:
            return None, []
        index, width = torch.tensor(keep), max(lengths)
        return DynamicCache([(k[index, :, k.shape[2] - width :], v[index, :, v.shape[2] - width :])
                             for k, v in _layers(cache)]), lengths

    def _join(self, generation: Generation, cache, lengths: list[int]):
        """Run the prompt alone (its first token), then add its cache as a new row."""
        from transformers import DynamicCache

        job = generation.job
        try:
            with self.engine.forward_lock, torch.inference_mode():
                job.started = time.perf_counter()
                out = self.engine.lm.model(input_ids=torch.tensor([job.ids], device=self.engine.lm.device),
                                           use_cache=True, logits_to_keep=1)
                frame = job.take(out.logits[0, -1])
        except Exception as exc:  # this text alone
            self._publish(generation, error=exc)
            return cache, lengths
        self._rows.append(generation)
        self._publish(generation, frame)
        mine = _layers(out.past_key_values)  # (1, H, T, D) per layer
        if cache is None:
            return DynamicCache(mine), [len(job.ids)]
        width = max(max(lengths), len(job.ids))
        merged = [(torch.cat([k, k1]), torch.cat([v, v1]))
                  for (k, v), (k1, v1) in zip(_left_pad(_layers(cache), width), _left_pad(mine, width))]
        return DynamicCache(merged), [*lengths, len(job.ids)]

    def _decode(self, cache, lengths: list[int]):
        """One forward pass: every row's latest token, each at its own position, the padding masked."""
        # a row that finished at its first token leaves before the call
        cache, lengths = self._drop_rows(cache, lengths, [i for i, g in enumerate(self._rows) if not g.done])
        rows = self._rows
        if not rows:
            return None, []
        device = self.engine.lm.device
        width = cache.get_seq_length()
        mask = torch.tensor([[0] * (width - n) + [1] * (n + 1) for n in lengths], device=device)  # (B, width + 1)
        positions = torch.tensor([[n] for n in lengths], device=device)  # (B, 1): each text's next position
        tokens = torch.tensor([[g.job.generated[-1]] for g in rows], device=device)  # (B, 1)
        try:
            with self.engine.forward_lock, torch.inference_mode():
                out = self.engine.lm.model(input_ids=tokens, attention_mask=mask, position_ids=positions,
                                           past_key_values=cache, use_cache=True, logits_to_keep=1)
            self.calls += 1
            self.widest = max(self.widest, len(rows))
        except Exception as exc:  # the shared pass failed: every text in it fails with that error
            for generation in rows:
                self._publish(generation, error=exc)
            return cache, lengths
        for generation, scores in zip(rows, out.logits[:, -1]):
            try:
                with torch.inference_mode():
                    frame = generation.job.take(scores)
            except Exception as exc:  # this text alone
                self._publish(generation, error=exc)
            else:
                self._publish(generation, frame, texts_in_call=len(rows))
        return out.past_key_values, [n + 1 for n in lengths]


token_batcher_for = one_per_engine(TokenBatcher)  # the one batcher of each engine
