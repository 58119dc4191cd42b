"""Many students at once: cheap views never wait behind trainings, trainings never block generation,
a closed tab frees its worker, and each session trains its own models."""

from __future__ import annotations

import time

import httpx
import pytest


def _another_student(client):
    """A new browser session on the same app (a busy CI machine may take seconds to serve the config)."""
    from gradio_client import Client

    return Client(client.src, verbose=False, httpx_kwargs={"timeout": 60})


def _wait_until_running(job, limit: float = 120) -> None:
    started = time.monotonic()
    while job.status().code.name not in ("PROCESSING", "ITERATING", "PROGRESS") and not job.done():
        assert time.monotonic() - started < limit, "the job never started"
        time.sleep(0.1)


def test_cheap_views_and_generation_do_not_wait_for_a_training(client):
    other = _another_student(client)
    # the longest live GAN lab training (5,000 steps: a minute or more, no early stop)
    training = other.submit("Ring of 8 gaussians", "", "non-saturating", 1e-3, 1e-3, 1, 5000, 0, api_name="/gan_lab_train")
    try:
        _wait_until_running(training)
        text, _ = client.predict("3D", "little", "little", False, False, True, api_name="/advise")
        assert "NeRF" in text
        client.predict("5", 3, api_name="/digits_sample")
        client.predict(2, api_name="/gan_timeline")
        gallery, *_ = client.predict(-1, 4, 0, api_name="/gan_generate")  # the model queue is not the training queue
        assert len(gallery) == 4
        assert not training.done(), "the training ended before the other requests were answered"
    finally:
        training.cancel()


def test_a_closed_tab_frees_its_training_worker(live_app, client):
    """A client that goes away mid-stream stops its job at the next frame; the next student's training starts."""
    event = httpx.post(f"{live_app}gradio_api/call/nerf_train", json={"data": [120, 0]}, timeout=30).json()["event_id"]
    with httpx.stream("GET", f"{live_app}gradio_api/call/nerf_train/{event}", timeout=120) as stream:
        for line in stream.iter_lines():
            if line.startswith("event: generating"):
                break  # the training streams its first frame: now close the tab
    started = time.monotonic()
    image, curve, _ = client.predict(5, 1, api_name="/nerf_train")
    # The abandoned run had 2 minutes to go; ours (5 s of training) ran right after it stopped.
    assert time.monotonic() - started < 90
    assert image and curve


def test_each_session_trains_its_own_gan(client):
    from gradio_client.exceptions import AppError

    alice, bob = _another_student(client), _another_student(client)
    _, status = alice.predict("Two moons", "", "non-saturating", 1e-3, 1e-3, 1, 100, 0, api_name="/gan_lab_train")
    assert "step 100 / 100" in status
    _, status = alice.predict(100, api_name="/gan_lab_continue")
    assert "step 200 / 200" in status  # Alice's own model went on training
    with pytest.raises(AppError, match="press Train first"):
        bob.predict(100, api_name="/gan_lab_continue")  # Bob never trained: he does not get Alice's model


def test_session_training_state_is_freed(client):
    """The GAN lab's per-session models have a time to live (Gradio also frees them an hour after the tab closes)."""
    from ui.common import SESSION_STATE_TTL

    states = [c for c in client.config["components"] if c.get("type") == "state"]
    assert any(c.get("props", {}).get("time_to_live") == SESSION_STATE_TTL for c in states)


def test_cached_images_are_never_rewritten_in_place(tmp_path):
    """Two students getting the same picture: the second save must not truncate the file the first is downloading."""
    import os

    from gradio import processing_utils
    from PIL import Image

    import ui.common  # noqa: F401 - installs the safe save

    image = Image.new("RGB", (16, 16), "red")
    first = processing_utils.save_pil_to_cache(image, str(tmp_path), format="png")
    before = os.stat(first)
    second = processing_utils.save_pil_to_cache(image, str(tmp_path), format="png")
    assert first == second and os.stat(second).st_ino == before.st_ino and os.stat(second).st_mtime_ns == before.st_mtime_ns
    assert Image.open(second).size == (16, 16)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [os.path.basename(first)]


def test_ended_sessions_are_forgotten():
    """Gradio keeps a session's copy of the page until 200 newer ones exist; ui.memory drops the ended ones."""
    import datetime

    import gradio as gr
    from gradio.state_holder import StateHolder

    from ui import memory

    freed = []
    with gr.Blocks() as blocks:
        lab = gr.State(None, delete_callback=freed.append)
    holder = StateHolder()
    holder.set_blocks(blocks)
    now = datetime.datetime.now()
    ago = lambda seconds: now - datetime.timedelta(seconds=seconds)  # noqa: E731
    sessions = {  # id: (page closed?, last used seconds ago)
        "closed-long-ago": (True, memory.CLOSED_KEEP_S + 5),
        "closed-just-now": (True, 5),  # the tab may come back
        "open-and-used": (False, memory.CLOSED_KEEP_S + 5),
        "open-but-idle-for-hours": (False, memory.IDLE_KEEP_S + 5),
    }
    for session_id, (closed, seconds) in sessions.items():
        holder[session_id][lab._id] = f"model of {session_id}"
        holder[session_id].is_closed = closed
        holder.time_last_used[session_id] = ago(seconds)

    dropped = memory.forget_ended_sessions(holder, now)

    assert sorted(dropped) == ["closed-long-ago", "open-but-idle-for-hours"]
    assert sorted(holder.session_data) == ["closed-just-now", "open-and-used"]
    assert sorted(freed) == ["model of closed-long-ago", "model of open-but-idle-for-hours"]
    assert holder["open-and-used"][lab._id] == "model of open-and-used"


def test_the_server_cleans_up_while_it_runs(monkeypatch):
    """memory.lifespan (passed to launch by app.py) runs the clean-up again and again while the server runs."""
    import asyncio
    import inspect
    import threading
    from types import SimpleNamespace

    import app
    from ui import memory

    assert "memory.lifespan" in inspect.getsource(app)
    holders = []
    monkeypatch.setattr(memory, "EVERY_S", 0.01)
    monkeypatch.setattr(memory, "clean_up", holders.append)
    server = SimpleNamespace(state_holder="the state holder")

    async def serve_briefly():
        async with memory.lifespan(server):
            await asyncio.sleep(0.3)

    # In a thread of its own: an earlier test (Playwright) may have left an event loop running in this one.
    server_thread = threading.Thread(target=asyncio.run, args=(serve_briefly(),))
    server_thread.start()
    server_thread.join(30)
    assert len(holders) >= 3 and set(holders) == {"the state holder"}
    memory.return_freed_memory()  # and the real trim runs here without error


# Every job that can run for many seconds, and so has a Stop button.
LONG_JOBS = {"llm_generate", "diffusion_generate", "diffusion_guidance_sweep", "diffusion_steps_sweep", "diffusion_toy",
             "gan_lab_train", "gan_lab_continue", "nerf_turntable", "nerf_train"}


def test_every_long_job_has_a_stop_button(client):
    config = client.config
    components = {c["id"]: c for c in config["components"]}
    ids = {d["api_name"]: d["id"] for d in config["dependencies"]}
    assert LONG_JOBS <= set(ids)
    stopped = set()
    for dependency in config["dependencies"]:
        if dependency["cancels"]:
            buttons = [components[target] for target, _ in dependency["targets"]]
            assert all(b["type"] == "button" and b["props"].get("variant") == "stop" for b in buttons)
            stopped |= set(dependency["cancels"])
    assert not {name for name in LONG_JOBS if ids[name] not in stopped}, "long jobs without a Stop button"


@pytest.mark.slow
def test_stop_ends_a_turntable_between_views(client):
    """The turntable streams after each view: a Stop lands there, the GIF is never made and the model queue is free."""
    student = _another_student(client)
    job = student.submit(25.0, 1.0, 72, api_name="/nerf_turntable")  # 72 views: a minute or two on this CPU
    for _ in job:  # the first view is rendered, then the teacher presses Stop
        break
    job.cancel()
    rgb, depth, text = client.predict(35.0, 25.0, 1.0, api_name="/nerf_render")
    assert rgb and "Rendered" in text
    assert job.status().code.name == "CANCELLED"
    assert not any(isinstance(gif, str) for gif, _ in job.outputs())  # only the per-view updates, no GIF


def test_a_turntable_renders_one_view_per_update(monkeypatch):
    """Stop cancels a streaming job at its next update: the turntable yields after every view, so no more run after a Stop."""
    from types import SimpleNamespace

    import numpy as np

    from ui import nerf

    rendered = []

    class OneViewAtATime:
        def load(self):
            pass

        def stream(self, azimuth, elevation, distance, frames):
            for k in range(frames):
                rendered.append(k)
                yield SimpleNamespace(image=np.full((8, 8, 3), k / frames, np.float32))

    monkeypatch.setattr(nerf, "engine", OneViewAtATime)
    turntable = nerf.nerf_turntable(25.0, 1.0, 72)
    next(turntable)
    assert len(rendered) == 1
    turntable.close()  # what a Stop does to the job
    assert len(rendered) == 1
    *_, (gif, text) = nerf.nerf_turntable(25.0, 1.0, 4)
    assert gif.endswith(".gif") and text.startswith("4 views")
