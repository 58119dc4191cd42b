"""Things every tab shares: the compute queue and turning engine errors into messages."""

from __future__ import annotations

import functools
import inspect
import logging
import tempfile

import gradio as gr
from PIL import Image, ImageFont

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


@functools.cache
def caption_font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's built-in scalable font, for labels drawn into images."""
    return ImageFont.load_default(size=size)
