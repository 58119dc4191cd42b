"""Continuous batching of denoising runs: many users' diffusion requests share each UNet call.

A worker thread loops over the active runs and makes one UNet call for all of their next steps
(``engines.diffusion.denoise``); each run keeps its own sampler state and the frames it made. A new
run joins at the next call, a run nobody watches any more (cancelled, browser closed) leaves at the
next call, and a run whose numbers break fails alone. A request identical to one in flight (a lesson
preset the whole class presses) follows that run instead of starting another: one computation,
many streams, each from the first frame; a finished run replays from memory (bounded) for the next
identical request. (Not ``gr.cache``: engines know no Gradio, and its size estimate does not look
inside frames.)
"""

from __future__ import annotations

import hashlib
import itertools
import math
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from engines.base import Frame, Once, one_per_engine
from engines.diffusion import DenoisingJob, DiffusionEngine, check_inputs, denoise
from engines.errors import UserInputError

# UNet images per call: 2 guided requests of 16. On a CPU an image costs the same in a call of 16 or 256
# (bench.batching scans it), so small calls lose no throughput and let more runs take turns sooner.
MAX_IMAGES_PER_CALL = 64
MAX_KEPT_FRAMES = 50  # frames a run keeps (every k-th step and the last): bounds memory, enough to animate
MAX_RUNS_PER_OWNER = 2  # runs one session may have going at once: one client cannot fill the batch
MAX_REPLAY_BYTES = 256 * 2**20  # finished runs kept for replay, least recently used dropped first


def kept_every(total: int) -> int:
    """Keep every k-th step of a run of ``total`` steps (and always the last): at most MAX_KEPT_FRAMES."""
    return max(1, math.ceil(total / MAX_KEPT_FRAMES))


@dataclass(eq=False)
class SharedRun:
    """One denoising run and the users following it."""

    key: tuple
    number: int  # this computation's serial number in its batcher (stamped on its frames)
    job: DenoisingJob | None  # None once the run has ended (its sampler and tensors freed)
    frames: list[Frame] = field(default_factory=list)  # the kept frames so far
    newest: Frame | None = None  # the latest step's frame, kept or not
    steps_done: int = 0
    followers: list[str | None] = field(default_factory=list)  # the owner of each stream following this run
    error: Exception | None = None
    done: bool = False

    @property
    def nbytes(self) -> int:
        return sum(f.image.nbytes + f.preview.nbytes for f in self.frames)


class StepBatcher:
    """Runs every active denoising job of one engine together, one shared UNet call per step."""

    def __init__(self, engine: DiffusionEngine, max_images: int = MAX_IMAGES_PER_CALL, max_per_owner: int = MAX_RUNS_PER_OWNER,
                 max_replay_bytes: int = MAX_REPLAY_BYTES):
        self.engine, self.max_images, self.max_per_owner, self.max_replay_bytes = engine, max_images, max_per_owner, max_replay_bytes
        self._changed = threading.Condition()  # guards everything below; notified after every step
        self._runs: list[SharedRun] = []  # in the order the worker serves them
        self._by_key: dict[tuple, SharedRun] = {}  # runs in flight
        self._finished: OrderedDict[tuple, SharedRun] = OrderedDict()  # finished runs for replay, oldest use first
        self._finished_bytes = 0  # what those hold
        self._worker: threading.Thread | None = None
        self._numbers = itertools.count()
        self.calls = 0  # UNet calls made (tests and benchmarks read it)
        # What the UI makes from a run's frames (pictures, files, captions), keyed by the frames' "run" number:
        # the followers of one computation share it instead of each making it again.
        self.outputs = Once()

    @staticmethod
    def key_of(digit, n, steps, guidance, scheduler, seed, init_image=None, strength=1.0) -> tuple:
        """What makes two requests the same computation (after validation)."""
        settings = check_inputs(digit, n, steps, guidance, scheduler, seed)
        if init_image is None:
            return (*settings, None, None)
        drawing = np.ascontiguousarray(init_image, dtype=np.float32)
        return (*settings, hashlib.sha256(drawing.tobytes()).hexdigest(), float(strength))

    def follow(self, owner: str | None = None, **params) -> Iterator[tuple[list[Frame], Frame]]:
        """Stream a run with these settings (``DiffusionEngine.job``'s), an item per step it made:
        (the kept frames since the last item, the newest frame). A follower slower than the model gets
        several kept frames at once and the newest step; the model never waits for it.

        Follows an identical run in flight (from its first frame) or replays a finished one; raises
        UserInputError for bad settings (nothing joins the batch) or when ``owner`` already follows
        ``max_per_owner`` runs.
        """
        key = self.key_of(**params)
        with self._changed:
            self._check_owner(owner)
            run = self._by_key.get(key) or self._replay(key)
            if run is not None:  # joined under the same lock that saw it: it cannot end unwatched meanwhile
                run.followers.append(owner)
        if run is None:
            job = self.engine.job(**params)  # validates and draws the starting noise (outside the lock: it may load the model)
            with self._changed:
                self._check_owner(owner)
                run = self._by_key.get(key)
                if run is None:
                    run = SharedRun(key, next(self._numbers), job)
                    self._by_key[key] = run
                    self._runs.append(run)
                    self._start_worker()
                run.followers.append(owner)
                self._changed.notify_all()
        try:
            seen_frames = seen_steps = 0
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: run.steps_done > seen_steps or run.done)
                    new, newest, steps, finished, error = run.frames[seen_frames:], run.newest, run.steps_done, run.done, run.error
                seen_frames += len(new)
                if steps > seen_steps and newest is not None:
                    seen_steps = steps
                    yield new, newest
                if error is not None:
                    raise error
                if finished and seen_frames == len(run.frames):
                    return
        finally:  # finished, failed, or the stream was closed (cancelled, disconnected)
            with self._changed:
                run.followers.remove(owner)

    def _replay(self, key: tuple) -> SharedRun | None:
        run = self._finished.get(key)
        if run is not None:
            self._finished.move_to_end(key)
        return run

    def _check_owner(self, owner: str | None) -> None:
        if owner is not None and sum(r.followers.count(owner) for r in self._runs) >= self.max_per_owner:
            raise UserInputError(f"You already have {self.max_per_owner} diffusion runs going: "
                                 "please wait until one has finished, or press Stop.")

    def _start_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._serve, name="diffusion-batcher", daemon=True)
            self._worker.start()

    def _next_batch(self) -> list[SharedRun]:
        """Runs for the next UNet call, under the lock: drop the unwatched, then take runs in turn up to max_images."""
        for run in [r for r in self._runs if not r.followers]:
            self._finish(run)
        # Runs without a first step go first (a student sees a computed picture soon), then the rest in turn.
        order = sorted(self._runs, key=lambda run: run.steps_done > 0)
        batch, images = [], 0
        for run in order:
            if batch and images + run.job.images > self.max_images:
                break
            batch.append(run)
            images += run.job.images
        # Served runs go to the back: when more wait than one call holds, every run gets its turn.
        self._runs = [run for run in self._runs if run not in batch] + batch
        return batch

    def _finish(self, run: SharedRun) -> None:
        """The run has ended (completed, failed or unwatched): out of the batch; a completed one kept for replay."""
        completed = run.error is None and run.job.finished
        run.done, run.job = True, None
        self._runs.remove(run)
        if self._by_key.get(run.key) is run:
            del self._by_key[run.key]
        size = run.nbytes if completed else 0
        if completed and size <= self.max_replay_bytes:
            self._finished[run.key] = run
            self._finished_bytes += size
            while self._finished_bytes > self.max_replay_bytes:
                self._finished_bytes -= self._finished.popitem(last=False)[1].nbytes

    def _serve(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: bool(self._runs))
                batch = self._next_batch()
            if batch:
                self._step(batch)
            with self._changed:
                self._changed.notify_all()

    def _step(self, batch: list[SharedRun]) -> None:
        """One shared UNet call, then each run's own step; a failure ends only the runs it touched."""
        try:
            estimates = denoise(self.engine.model.unet, [run.job for run in batch])
            self.calls += 1
        except Exception as exc:  # the shared call failed: every run in it fails with that error
            estimates = [exc] * len(batch)
        for run, eps in zip(batch, estimates):
            frame, error = None, eps if isinstance(eps, Exception) else None
            if error is None:
                try:
                    frame = run.job.advance(eps)
                except Exception as exc:  # this run alone (e.g. its numbers overflowed)
                    error = exc
            with self._changed:
                if frame is not None:
                    frame.data["runs_in_call"] = len(batch)  # how many runs shared this step's UNet call
                    frame.data["run"] = run.number  # which computation made it: followers share what is made from it
                    run.newest, run.steps_done = frame, run.steps_done + 1
                    if frame.step % kept_every(frame.total) == 0 or frame.done:
                        run.frames.append(frame)
                run.error = error
                if not run.done and (error is not None or run.job.finished):
                    self._finish(run)


batcher_for = one_per_engine(StepBatcher)  # the one batcher of each engine
