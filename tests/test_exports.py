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
    assert mp4.endswith(".mp4") and "gan-walk-" in mp4
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
