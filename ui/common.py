"""Things every tab shares: the compute queue and turning engine errors into messages."""

from __future__ import annotations

import functools
import inspect
import logging
import tempfile
from pathlib import Path

import gradio as gr
import numpy as np
from PIL import Image, ImageFont, ImageSequence

from engines.errors import ModelUnavailable, UserInputError
from ui.i18n import translate_error

log = logging.getLogger("genai_lab")

# Model work shares one queue so a 2-core machine is never oversubscribed;
# cheap actions (figures, the advisor) use the default queue and never wait behind it.
COMPUTE = {"concurrency_id": "compute", "concurrency_limit": 1}


def _to_gr_error(exc: Exception) -> gr.Error:
    if isinstance(exc, (UserInputError, ModelUnavailable)):
        return gr.Error(translate_error(str(exc)))
    log.exception("unexpected error in a handler")
    # Never show tracebacks or local paths to the user.
    return gr.Error(translate_error(f"Something went wrong ({type(exc).__name__}). Please try other settings."))


def _translated(error: gr.Error) -> gr.Error:
    """A handler's own gr.Error, its message in the user's language."""
    message = translate_error(error.message)
    return error if message == error.message else gr.Error(message, duration=error.duration, title=error.title)


def user_errors(fn):
    """Decorate a handler (function or generator) so failures reach the user as a clear gr.Error."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen_wrapper(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except gr.Error as exc:
                raise _translated(exc) from None
            except Exception as exc:
                raise _to_gr_error(exc) from None

        return gen_wrapper

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except gr.Error as exc:
            raise _translated(exc) from None
        except Exception as exc:
            raise _to_gr_error(exc) from None

    return wrapper


def gpu(fn=None, *, duration: int = 120):
    """On a Hugging Face ZeroGPU Space, run ``fn`` with a GPU attached (``spaces.GPU``); elsewhere return it unchanged.

    Use it under ``@user_errors`` on the handlers that run big models: ``@user_errors`` then ``@gpu``.
    """
    if fn is None:
        return functools.partial(gpu, duration=duration)
    try:
        import spaces
    except ImportError:
        return fn
    return spaces.GPU(duration=duration)(fn)


def explain(markdown: str) -> gr.Markdown:
    """A short explanation box beside a view."""
    return gr.Markdown(markdown, elem_classes=["explain"])


def save_gif(frames: list[Image.Image], prefix: str, ms_per_frame: int | list[int], bounce: bool = False) -> str:
    """Write an endlessly looping animated GIF to a temporary file named ``<prefix>-….gif``; return its path.

    ``ms_per_frame`` is one duration or one per frame; ``bounce`` plays the frames there and back.
    """
    if bounce:
        frames = frames + frames[-2:0:-1]
    path = tempfile.NamedTemporaryFile(prefix=f"{prefix}-", suffix=".gif", delete=False).name
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=ms_per_frame, loop=0)
    return path


MP4_MIN_SIDE = 360  # small animations are enlarged (crisp pixels) so they stay sharp on a projector


def save_mp4(frames: list[Image.Image], prefix: str, ms_per_frame: int | list[int], bounce: bool = False) -> str:
    """The same animation as ``save_gif``, as an H.264 MP4 that slides and video players accept; return its path.

    Durations are kept by repeating frames at a frame rate that fits the shortest one.
    """
    import imageio_ffmpeg  # ships its own ffmpeg binary

    if bounce:
        frames = frames + frames[-2:0:-1]
    durations = [ms_per_frame] * len(frames) if isinstance(ms_per_frame, int) else list(ms_per_frame)
    shortest = max(20, min(durations))
    fps = 1000 / shortest
    width, height = frames[0].size
    scale = max(1, -(-MP4_MIN_SIDE // min(width, height)))
    size = (width * scale + (width * scale) % 2, height * scale + (height * scale) % 2)  # yuv420p needs even sides
    path = tempfile.NamedTemporaryFile(prefix=f"{prefix}-", suffix=".mp4", delete=False).name
    writer = imageio_ffmpeg.write_frames(path, size, fps=fps, codec="libx264", quality=8, macro_block_size=1,
                                         output_params=["-movflags", "+faststart"])
    writer.send(None)
    for frame, ms in zip(frames, durations):
        canvas = Image.new("RGB", size, "white")
        canvas.paste(frame.convert("RGB").resize((width * scale, height * scale), Image.Resampling.NEAREST))
        pixels = np.ascontiguousarray(np.asarray(canvas))
        for _ in range(max(1, round(ms / shortest))):
            writer.send(pixels)
    writer.close()
    return path


def gif_to_mp4(gif_path: str | None) -> str | None:
    """An animated GIF made by ``save_gif`` as an MP4 with the same frames and timing (None stays None)."""
    if not gif_path:
        return None
    with Image.open(gif_path) as gif:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(gif):
            frames.append(frame.convert("RGB"))
            durations.append(int(frame.info.get("duration", 100)) or 100)
    prefix = Path(gif_path).name.rsplit("-", 1)[0]
    return save_mp4(frames, prefix, durations)


def mp4_beside(gif: gr.File, label, api_name: str) -> gr.File:
    """An MP4 download that follows a GIF output: whenever a GIF is made, the same animation as MP4."""
    mp4 = gr.File(label=label, interactive=False, elem_classes=["mp4-download"])
    gif.change(user_errors(gif_to_mp4), gif, mp4, api_name=api_name, show_progress="hidden")
    return mp4


# Every tab's lesson presets, for tests: (tab, preset names, input components, rows of values, handler).
PRESETS: list[tuple[str, list[str], list, list[list], object]] = []


def lesson_presets(tab: str, label, inputs: list, presets: dict[str, list], handler) -> gr.Examples:
    """Named settings with fixed seeds that show one point each; a click fills the inputs (nothing runs at start-up).

    ``handler`` is the function the tab's button runs on these inputs (tests run every preset through it).
    """
    names, rows = list(presets), list(presets.values())
    PRESETS.append((tab, names, inputs, rows, handler))
    return gr.Examples(rows, inputs, label=label, example_labels=names, cache_examples=False,
                       examples_per_page=len(rows))


@functools.cache
def caption_font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's built-in scalable font, for labels drawn into images."""
    return ImageFont.load_default(size=size)
