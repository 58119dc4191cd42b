"""Exports for slides: every animation as GIF and MP4, with the right frames, size and timing."""

from __future__ import annotations

import imageio_ffmpeg
import pytest
from gradio_client import handle_file
from PIL import Image

from ui import common


def mp4_info(path: str) -> tuple[int, tuple[int, int], float]:
    """(frame count, (width, height), fps) of an MP4, decoded by ffmpeg."""
    reader = imageio_ffmpeg.read_frames(path)
    meta = next(reader)
    frames = sum(1 for _ in reader)
    return frames, tuple(meta["size"]), meta["fps"]


def test_save_mp4_keeps_frames_size_and_timing():
    frames = [Image.new("RGB", (57, 40), (30 * i, 0, 0)) for i in range(5)]
    path = common.save_mp4(frames, "test", [100, 100, 100, 100, 300])
    count, (width, height), fps = mp4_info(path)
    assert fps == pytest.approx(10)
    assert count == 4 + 3  # the last frame held three times as long
    assert width % 2 == 0 and height % 2 == 0 and min(width, height) >= common.MP4_MIN_SIDE
    assert width / height == pytest.approx(57 / 40, rel=0.05)


def test_gif_to_mp4_follows_the_gif():
    frames = [Image.new("RGB", (112, 112), (0, 40 * i, 0)) for i in range(6)]
    gif = common.save_gif(frames, "gan-walk", 80, bounce=True)
    with Image.open(gif) as animation:
        assert animation.n_frames == 10 and animation.size == (112, 112)
    mp4 = common.gif_to_mp4(gif)
    assert mp4.endswith("genai-lab-gan-walk.mp4")
    count, size, fps = mp4_info(mp4)
    assert count == 10 and size == (448, 448) and fps == pytest.approx(12.5)
    assert common.gif_to_mp4(None) is None


def test_gan_walk_and_timeline_export(client):
    strip, gif, note = client.predict(seed_a=1, seed_b=2, digit_a=3, digit_b=8, frames=6, api_name="/gan_walk")
    mp4 = client.predict(handle_file(gif), api_name="/gan_walk_mp4")
    assert mp4_info(mp4)[0] == 10  # 6 frames there and 4 back

    timeline_gif = client.predict(api_name="/gan_timeline_gif")
    with Image.open(timeline_gif) as animation:
        snapshots = animation.n_frames
    assert snapshots >= 5
    count, size, _ = mp4_info(client.predict(handle_file(timeline_gif), api_name="/gan_timeline_mp4"))
    assert count >= snapshots and min(size) >= common.MP4_MIN_SIDE


def test_vae_interpolation_mp4(client):
    strip, gif, plot, ends = client.predict(3, 1, 6, api_name="/vae_interpolate")
    count, size, _ = mp4_info(client.predict(handle_file(gif), api_name="/vae_interpolate_mp4"))
    assert count == 10 and size == (448, 448)


def test_denoising_gif_and_mp4():
    import numpy as np

    from engines.base import Frame
    from ui import diffusion

    frames = [Frame(step=k, total=3, image=np.full((4, 28, 28), k / 3, np.float32),
                    preview=np.full((4, 28, 28), 0.5, np.float32), metrics={"t": 900 - 300 * k, "noise_level": 1 - k / 3})
              for k in range(3)]
    gif = diffusion.denoising_gif([diffusion.compose_step(f) for f in frames])
    count, size, fps = mp4_info(common.gif_to_mp4(gif))
    assert fps == pytest.approx(1000 / 120, rel=0.01)
    assert count == 2 + round(1500 / 120)  # the finished digits are held 1.5 s


def test_a_recording_stays_bounded_evenly_spread_and_ends_on_the_last_frame():
    recording = common.Recording(limit=120)
    for k in range(250):
        recording.add(k)
    frames = recording.frames
    assert 60 <= len(frames) <= 120 and frames[0] == 0 and frames[-1] == 249
    gaps = {b - a for a, b in zip(frames[:-2], frames[1:-1])}
    assert gaps == {recording.every}  # evenly spread (the last frame may come sooner)


def _gif_frames(path: str) -> list:
    with Image.open(path) as animation:
        return [frame.convert("RGB") for frame in __import__("PIL.ImageSequence").ImageSequence.Iterator(animation)]


def _has_colour(image, rgb, at_least: int = 20) -> bool:
    """At least ``at_least`` pixels of (nearly) this colour: points drawn, not a blank picture."""
    import numpy as np

    pixels = np.asarray(image, dtype=int)
    return int((np.abs(pixels - rgb).sum(-1) < 30).sum()) >= at_least


def test_gan_lab_training_as_gif_and_mp4():
    from engines import gan_lab
    from ui import gan

    *_, (_, status, lab, recording) = list(gan._run_lab(gan_lab.Lab(gan_lab.LabConfig(target="Two moons")), 100))
    *_, (_, _, _, recording) = list(gan._run_lab(lab, 60, recording))  # Continue goes on in the same recording
    frames = _gif_frames(gan.lab_gif(recording))
    assert len(frames) == 5 + 3 and frames[0].size == (400, 480)
    for frame in (frames[0], frames[-1]):
        assert _has_colour(frame, gan.REAL_RGB, 200) and _has_colour(frame, gan.FAKE_RGB, 200)
    count, size, _ = mp4_info(common.gif_to_mp4(gan.lab_gif(recording)))
    assert count == 7 + 20 and size == (400, 480)  # the last frame held 2 s at 10 frames/s
    with pytest.raises(Exception, match="press Train first"):
        gan.lab_gif(None)


def test_toy_diffusion_run_as_gif_and_mp4(monkeypatch):
    from engines import diffusion_toy as toy
    from ui import diffusion

    monkeypatch.setattr(diffusion, "TOY_FRAME_INTERVAL", 0)
    *_, (_, _, status, recording) = list(diffusion.diffusion_toy("Two moons", "", 100, 0))
    assert status.startswith("**Done")
    frames = _gif_frames(diffusion.diffusion_toy_gif(recording))
    assert len(frames) == toy.FORWARD_FRAMES + toy.TRAIN_FRAMES + toy.REVERSE_FRAMES and frames[0].size == (400, 534)
    assert _has_colour(frames[1], diffusion.NOISED_RGB, 200)  # noised points while noising
    assert _has_colour(frames[-1], diffusion.PARTICLE_RGB, 200) and _has_colour(frames[-1], diffusion.PATH_RGB, 50)
    assert all(_has_colour(frame, diffusion.SHAPE_RGB, 200) for frame in frames)  # the shape, always
    count, size, fps = mp4_info(common.gif_to_mp4(diffusion.diffusion_toy_gif(recording)))
    assert size == (400, 534) and fps == pytest.approx(1000 / 150, rel=0.01)


@pytest.mark.slow
def test_live_trainings_export_through_the_api(client):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    student = Client(client.src, verbose=False)
    student.predict("Two moons", "", "non-saturating", 1e-3, 1e-3, 1, 100, 0, api_name="/gan_lab_train")
    gif = student.predict(api_name="/gan_lab_gif")
    with Image.open(gif) as animation:
        assert animation.n_frames == 5
    assert mp4_info(student.predict(handle_file(gif), api_name="/gan_lab_mp4"))[0] == 4 + 20
    student.predict("Two moons", "", 100, 0, api_name="/diffusion_toy")
    gif = student.predict(api_name="/diffusion_toy_gif")
    with Image.open(gif) as animation:
        assert animation.n_frames == 32
    assert mp4_info(student.predict(handle_file(gif), api_name="/diffusion_toy_mp4"))[1] == (400, 534)
    newcomer = Client(client.src, verbose=False)  # another session has nothing recorded: a clear message
    with pytest.raises(AppError, match="press Train first"):
        newcomer.predict(api_name="/diffusion_toy_gif")


def test_export_files_are_removed_after_an_hour(monkeypatch, tmp_path):
    """Every GIF or MP4 made for a user lies in a folder of its own that the periodic clean-up removes when old."""
    import os
    import time

    from ui import memory

    monkeypatch.setattr(common, "EXPORTS_DIR", tmp_path / "exports")
    frames = [Image.new("RGB", (8, 8), c) for c in ("red", "blue")]
    paths = [common.save_gif(frames, f"test-{k}", 100) for k in range(30)]  # a class's worth of downloads
    assert len(list(common.EXPORTS_DIR.iterdir())) == 30 and all(p.startswith(str(common.EXPORTS_DIR)) for p in paths)
    old = time.time() - common.EXPORT_KEEP_S - 60
    for path in paths[:20]:
        os.utime(os.path.dirname(path), (old, old))
    assert common.remove_old_exports() == 20
    assert sorted(map(str, common.EXPORTS_DIR.iterdir())) == sorted(os.path.dirname(p) for p in paths[20:])
    assert common.remove_old_exports(now=time.time() + 2 * common.EXPORT_KEEP_S) == 10  # none outlives the hour

    class NoSessions:  # the periodic clean-up runs it too
        session_data, time_last_used = {}, {}

    common.save_gif(frames, "later", 100)
    monkeypatch.setattr(common, "EXPORT_KEEP_S", -1)
    memory.clean_up(NoSessions())
    assert not list(common.EXPORTS_DIR.iterdir())


def test_gradio_removes_its_copies_after_an_hour():
    import app

    assert app.demo.delete_cache == (600, 3600)
