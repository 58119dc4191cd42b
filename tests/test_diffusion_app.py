"""The Diffusion tab through gradio_client, as an API user drives it: streaming, forward view, bad input."""

from __future__ import annotations

import pytest
from gradio_client.exceptions import AppError
from PIL import Image

pytestmark = pytest.mark.slow  # the live app loads the embedded UNet


def test_generate_streams_the_steps_then_the_gallery(client):
    job = client.submit(7, 4, 6, 3.0, "DDIM", 1, api_name="/diffusion_generate")
    job.result(timeout=120)
    updates = job.outputs()
    # the newest step per update: a client slower than the model skips steps, the last update fills the rest
    assert 2 <= len(updates) <= 6
    for live, *_ in updates:
        picture = Image.open(live)
        assert picture.width > picture.height  # x_t beside x̂0
    live, gallery, strip, gif, timing = updates[-1]
    assert len(gallery) == 4 and all(item["image"] for item in gallery)
    assert Image.open(strip).width > 0
    assert Image.open(gif).n_frames == 6  # every step, streamed or not
    assert "4 samples × 6 steps" in timing


def test_forward_view(client):
    picture, chart, caption = client.predict(5, 400, api_name="/diffusion_forward")
    assert Image.open(picture).width > 0 and "t = 400" in caption and chart


@pytest.mark.parametrize(
    "args, message",
    [
        ((12, 4, 5, 3.0, "DDIM", 0), "Digit"),
        ((3, 0, 5, 3.0, "DDIM", 0), "Number of samples"),
        ((3, 500, 5, 3.0, "DDIM", 0), "Number of samples"),
        ((3, 4, 0, 3.0, "DDIM", 0), "Steps"),
        ((3, 4, 5000, 3.0, "DDIM", 0), "Steps"),
        ((3, 4, 5, -2.0, "DDIM", 0), "Guidance"),
        ((3, 4, 5, 3.0, "PNDM", 0), "Scheduler"),
    ],
)
def test_bad_input_gets_a_clear_message_and_the_server_stays_up(client, args, message):
    with pytest.raises(AppError, match=message):
        client.predict(*args, api_name="/diffusion_generate")
    with pytest.raises(AppError, match="t must be between"):
        client.predict(5, 1000, api_name="/diffusion_forward")
    assert client.predict(5, 10, api_name="/diffusion_forward")[2].startswith("Test digit #5")


def test_identical_requests_are_computed_once(client):
    """Two students pressing the same preset at once follow one run; a third, later, gets its replay: one computation."""
    settings = (4, 3, 12, 3.0, "DDPM", 4321)
    jobs = [client.submit(*settings, api_name="/diffusion_generate") for _ in range(2)]
    timings = [job.result(timeout=120)[-1] for job in jobs]
    timings.append(client.predict(*settings, api_name="/diffusion_generate")[-1])
    assert "3 samples × 12 steps" in timings[0]
    assert timings[0] == timings[1] == timings[2]  # the same run's own time, to the hundredth of a second
    other = client.predict(*settings[:-1], 4322, api_name="/diffusion_generate")[-1]
    assert other != timings[0]  # another seed is another computation


def test_stopped_runs_leave_the_batch(client):
    """Stop frees a run's place at once: a session may have two runs going, and a third starts right after two were stopped."""
    import time

    long = [client.submit(3, 8, 1000, 3.0, "DDPM", seed, api_name="/diffusion_generate") for seed in (11, 12)]
    for job in long:
        while not job.outputs():  # its first frame came: it is in the batch
            time.sleep(0.05)
    for job in long:
        job.cancel()
    time.sleep(1)
    live, gallery, *_ = client.predict(3, 2, 4, 3.0, "DDIM", 13, api_name="/diffusion_generate")
    assert len(gallery) == 2


def test_one_pass_work_never_waits_behind_many_step_work(client):
    """GAN samples come back while a long LLM text and a long diffusion run are still going (separate queues)."""
    import time

    long = [client.submit("Once upon a time", 256, 0.7, 50, 0.95, 1, api_name="/llm_generate"),
            client.submit(3, 8, 1000, 3.0, "DDPM", 21, api_name="/diffusion_generate")]
    for job in long:
        while not job.outputs():  # both are running
            time.sleep(0.05)
    fakes, *_ = client.predict(-1, 16, 5, api_name="/gan_generate")
    assert len(fakes) == 16
    assert not any(job.done() for job in long)  # the one-pass request did not wait for them
    for job in long:
        job.cancel()


def test_a_flood_from_one_page_is_refused_at_the_door(client, live_app):
    """A page with 3 model requests waiting or running gets a clear message for a 4th; other students are not held up."""
    import time

    import httpx
    from gradio_client import Client

    long = [client.submit(3, 1, 1000, 3.0, "DDPM", seed, api_name="/diffusion_generate") for seed in (31, 32)]
    long.append(client.submit("Once upon a time", 256, 0.7, 50, 0.95, 2, api_name="/llm_generate"))
    while not all(job.outputs() for job in long):
        time.sleep(0.05)
    with pytest.raises(Exception, match="429 Too Many Requests"):
        client.predict(-1, 4, 0, api_name="/gan_generate")
    gan = next(i for i, d in enumerate(client.config["dependencies"]) if d.get("api_name") == "gan_generate")
    answer = httpx.post(f"{live_app}gradio_api/queue/join", json={"data": [-1, 4, 0], "fn_index": gan, "trigger_id": None,
                                                                   "session_hash": client.session_hash, "event_data": None})
    assert answer.status_code == 429 and "already has 3 model requests waiting or running" in answer.json()["detail"]  # what the page shows
    german = httpx.post(f"{live_app}gradio_api/queue/join", cookies={"genai_lang": "de"},
                        json={"data": [-1, 4, 0], "fn_index": gan, "trigger_id": None, "session_hash": client.session_hash, "event_data": None})
    assert "Diese Seite hat schon 3 Modell-Anfragen" in german.json()["detail"]
    fakes, *_ = Client(live_app, verbose=False).predict(-1, 4, 0, api_name="/gan_generate")
    assert len(fakes) == 4
    for job in long:
        job.cancel()
    time.sleep(1)
    fakes, *_ = client.predict(-1, 4, 0, api_name="/gan_generate")  # the page's own turn again
    assert len(fakes) == 4
