"""Continuous batching of diffusion runs (engines.batching) on a tiny random UNet: results, joins, leaves, failures."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import torch

from engines import batching
from engines.batching import StepBatcher, kept_every
from engines.errors import UserInputError

REQUESTS = [  # different samplers, step counts, guidance, digits and sizes, one from a drawing: all share UNet calls
    dict(digit=3, n=2, steps=6, guidance=3.0, scheduler="DDIM", seed=1),
    dict(digit=7, n=3, steps=4, guidance=1.0, scheduler="DDPM", seed=2),
    dict(digit=0, n=1, steps=5, guidance=5.0, scheduler="Euler", seed=3),
    dict(digit=5, n=2, steps=6, guidance=3.0, scheduler="DPM++", seed=4,
         init_image=np.tri(28, dtype=np.float32), strength=0.5),
]


class Calls(list):
    expected = 1  # runs the first call waits for


@pytest.fixture
def batcher(tiny_diffusion) -> StepBatcher:
    return StepBatcher(tiny_diffusion)


@pytest.fixture
def calls(batcher, monkeypatch):
    """Every shared UNet call, as the list of jobs in it; the first call waits (up to 5 s) until ``calls.expected`` runs are in."""
    record = Calls()
    real = batching.denoise

    def recorded(unet, jobs):
        if not record:
            deadline = time.monotonic() + 5
            while len(batcher._runs) < record.expected and time.monotonic() < deadline:
                time.sleep(0.01)
        record.append(list(jobs))
        return real(unet, jobs)

    monkeypatch.setattr(batching, "denoise", recorded)
    return record


def follow_all(batcher, requests, owners=None) -> list[list]:
    """Follow each request in its own thread at once; each one's frames, in request order."""
    results: list = [None] * len(requests)

    def one(i):
        results[i] = [f for kept, _ in batcher.follow(owner=owners and owners[i], **requests[i]) for f in kept]

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(requests))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_batched_runs_give_what_each_gives_alone(tiny_diffusion, batcher, calls):
    calls.expected = len(REQUESTS)
    together = follow_all(batcher, REQUESTS)
    for request, frames in zip(REQUESTS, together):
        alone = list(tiny_diffusion.stream(**request))
        assert [f.step for f in frames] == [f.step for f in alone]
        np.testing.assert_allclose(frames[-1].image, alone[-1].image, atol=1e-5)
        np.testing.assert_allclose(frames[-1].preview, alone[-1].preview, atol=1e-5)
        shared = frames[-1].data.pop("runs_in_call")
        assert isinstance(frames[-1].data.pop("run"), int)
        assert frames[-1].data == alone[-1].data and 1 <= shared <= len(REQUESTS)
    steps = [3 if "init_image" in r else r["steps"] for r in REQUESTS]  # strength 0.5 of 6 steps: the last 3
    assert len(calls) < sum(steps)  # steps of different runs shared calls
    assert max(len(jobs) for jobs in calls) == len(REQUESTS)
    assert max(f.data.get("runs_in_call", 1) for frames in together for f in frames) == len(REQUESTS)  # what the tab says
    assert not batcher._runs and not batcher._by_key  # every run left when it finished


def test_an_identical_request_follows_the_running_one(batcher, calls):
    calls.expected = 1
    request = REQUESTS[0]
    first, second = follow_all(batcher, [request, dict(request)])
    assert len(calls) == request["steps"] and all(len(jobs) == 1 for jobs in calls)  # one computation
    assert [f.step for f in first] == [f.step for f in second] == list(range(request["steps"]))  # two streams, from step 0
    np.testing.assert_array_equal(first[-1].image, second[-1].image)


def test_a_finished_run_replays_and_the_replays_stay_bounded(tiny_diffusion, calls):
    batcher = StepBatcher(tiny_diffusion, max_replay_bytes=2 * 6 * 2 * 2 * 28 * 28 * 4)  # room for two runs like this one
    first = [f for kept, _ in batcher.follow(**REQUESTS[0]) for f in kept]
    made = len(calls)
    again = list(batcher.follow(**REQUESTS[0]))
    assert len(calls) == made and len(again) == 1  # no UNet call: every frame at once
    assert [f.step for f in again[0][0]] == [f.step for f in first] and again[0][1] is again[0][0][-1]
    for seed in (5, 6):
        list(batcher.follow(**dict(REQUESTS[0], seed=seed)))
    assert len(batcher._finished) == 2 and batcher.key_of(**REQUESTS[0]) not in batcher._finished  # the oldest went


def test_a_slow_follower_gets_the_newest_step_at_every_step(batcher):
    items = []
    for kept, newest in batcher.follow(**dict(REQUESTS[0], steps=120)):
        items.append((len(kept), newest.step))
        time.sleep(0.2)  # a client slower than the model
    assert items[-1] == (items[-1][0], 119) and sum(k for k, _ in items) == 41  # every kept frame came, none twice
    assert len(items) < 120  # steps made while it was busy were skipped, not queued


def test_a_closed_stream_leaves_the_batch_at_the_next_step(batcher, calls):
    long = dict(REQUESTS[0], steps=40)
    other = dict(REQUESTS[1], steps=40)
    calls.expected = 2
    finished = []
    worker = threading.Thread(target=lambda: finished.extend(f for kept, _ in batcher.follow(**other) for f in kept))
    worker.start()
    stream = batcher.follow(**long)
    next(stream)  # the first frame (or frames) came
    stream.close()  # the browser went away
    cancelled_at = len(calls)
    worker.join(60)
    left = [jobs for jobs in calls[cancelled_at + 1:]]
    assert left and all(len(jobs) == 1 for jobs in left)  # at most one more call held it, then it was gone
    assert finished[-1].done and finished[-1].step == 39  # the other run went on to its end


def test_a_run_that_breaks_fails_alone(batcher, calls, monkeypatch):
    calls.expected = 2
    real = batching.denoise

    def poison_the_first(unet, jobs):
        estimates = real(unet, jobs)
        return [torch.full_like(e, float("nan")) if job.digit == 3 else e for job, e in zip(jobs, estimates)]

    monkeypatch.setattr(batching, "denoise", poison_the_first)
    outcomes = {}

    def one(request):
        try:
            outcomes[request["digit"]] = [f for kept, _ in batcher.follow(**request) for f in kept]
        except UserInputError as exc:
            outcomes[request["digit"]] = exc

    threads = [threading.Thread(target=one, args=(r,)) for r in REQUESTS[:2]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert isinstance(outcomes[3], UserInputError) and "not a number" in str(outcomes[3])
    assert outcomes[7][-1].done and np.isfinite(outcomes[7][-1].image).all()


def test_bad_settings_never_join(batcher):
    with pytest.raises(UserInputError, match="Digit"):
        next(batcher.follow(**dict(REQUESTS[0], digit=11)))
    with pytest.raises(UserInputError, match="Guidance"):
        next(batcher.follow(**dict(REQUESTS[0], guidance=float("nan"))))
    assert not batcher._runs


def test_one_session_cannot_fill_the_batch(batcher):
    streams = [batcher.follow(owner="one-tab", **dict(REQUESTS[0], steps=40, seed=s)) for s in range(2)]
    for stream in streams:
        next(stream)
    with pytest.raises(UserInputError, match="already have 2"):
        next(batcher.follow(owner="one-tab", **dict(REQUESTS[0], seed=9)))
    other = [f for kept, _ in batcher.follow(owner="another-tab", **REQUESTS[1]) for f in kept]  # others are not held up
    assert other[-1].done
    for stream in streams:
        stream.close()


def test_long_runs_keep_a_bounded_number_of_frames(batcher):
    frames = [f for kept, _ in batcher.follow(**dict(REQUESTS[0], steps=120)) for f in kept]
    assert kept_every(120) == 3 and [f.step for f in frames] == [*range(0, 120, 3), 119] and frames[-1].done


def test_a_new_run_gets_its_first_step_before_the_running_ones_go_on(tiny_diffusion):
    batcher = StepBatcher(tiny_diffusion, max_images=4)  # two runs of 2 images per call

    def run(name, steps_done):
        return batching.SharedRun(key=(name,), number=steps_done, job=type("Job", (), {"images": 2})(), steps_done=steps_done, followers=[None])

    old, older, new, newer = run("old", 5), run("older", 3), run("new", 0), run("newer", 0)
    batcher._runs = [old, older, new, newer]
    assert batcher._next_batch() == [new, newer]  # the newcomers first
    new.steps_done = newer.steps_done = 1
    assert batcher._next_batch() == [old, older]  # then the others in turn
    assert batcher._next_batch() == [new, newer]


def test_once_makes_a_value_once_however_many_ask_at_the_same_time():
    from engines.base import Once

    once, made, release = Once(max_entries=2), [], threading.Event()

    def make():
        made.append(1)
        release.wait(5)  # the other askers arrive while it is being made
        return "picture"

    got: list = []
    askers = [threading.Thread(target=lambda: got.append(once.get("step", make))) for _ in range(8)]
    for t in askers:
        t.start()
    time.sleep(0.2)
    release.set()
    for t in askers:
        t.join(5)
    assert got == ["picture"] * 8 and len(made) == 1 and once.made == 1
    assert once.get("step", lambda: "again", still_good=lambda value: False) == "again"  # a stale value is made anew
    with pytest.raises(ZeroDivisionError):  # a failure reaches the asker; the next one tries again
        once.get("broken", lambda: 1 / 0)
    assert once.get("broken", lambda: "fixed") == "fixed"
    once.get("third", lambda: 3)
    assert once.get("step", lambda: "made after it was dropped") == "made after it was dropped"  # bounded: oldest out
    assert not once._making  # nothing left behind per key
