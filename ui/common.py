"""Things every tab shares: the compute queue and turning engine errors into messages."""

from __future__ import annotations

import functools
import importlib.util
import inspect
import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import gradio as gr
import numpy as np
from gradio import processing_utils
from PIL import Image, ImageDraw, ImageFont, ImageSequence, UnidentifiedImageError

from engines.errors import ModelUnavailable, UserInputError
from ui.i18n import language, thousands, translate_error

log = logging.getLogger("genai_lab")

# Decompression bombs: Pillow refuses to decode more than twice this many pixels (a 48 kB PNG can
# claim 20000x20000), also inside Gradio's own image components, before any memory is spent.
MAX_IMAGE_PIXELS = 20_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


def _save_pil_to_cache(img: Image.Image, cache_dir: str, name: str = "image", format: str = "webp") -> str:
    """Gradio's ``save_pil_to_cache``, without rewriting a cached image in place.

    Gradio names a cached image by the hash of its bytes and writes it again on every request; when
    two students get the same picture (a timeline snapshot, the same digit grid) one of them may be
    downloading the file while it is truncated and rewritten, and receives nothing (seen under load).
    Same bytes, same name: the file is written once, under a temporary name, then renamed into place.
    """
    data = processing_utils.encode_pil_to_bytes(img, format)
    folder = Path(cache_dir) / processing_utils.hash_bytes(data)
    folder.mkdir(exist_ok=True, parents=True)
    path = (folder / f"{name}.{format}").resolve()
    if not path.exists():
        partial = path.with_name(f".{uuid.uuid4().hex}.{path.name}")
        partial.write_bytes(data)
        os.replace(partial, path)
    return str(path)


processing_utils.save_pil_to_cache = _save_pil_to_cache

# Model work shares one queue so a 2-core machine is never oversubscribed;
# cheap actions (figures, the advisor) use the default queue and never wait behind it.
COMPUTE = {"concurrency_id": "compute", "concurrency_limit": 1}
# Live trainings (GAN lab, NeRF grid, 2D toy diffusion) run for many seconds: they get their own
# queue, so a class training at once never holds up generation (and vice versa); each has a Stop button
# and a bounded length (steps or seconds), and stops when its browser tab goes away.
TRAINING = {"concurrency_id": "training", "concurrency_limit": 1}
# One-pass model work (GAN and VAE samples, classify a drawing, encode or decode a digit, one NeRF view):
# too quick to wait minutes behind a class's diffusion and LLM runs, so it has its own small queue.
QUICK = {"concurrency_id": "quick", "concurrency_limit": 2}
# Many-step image runs that the engine batches step by step (engines.batching): every waiting request
# joins the shared UNet calls, so many are let in at once; the batcher alone does the model work.
BATCHED = {"concurrency_id": "batched", "concurrency_limit": 16}
# LLM generation: texts decoded together, one forward pass per token (engines.llm_batching).
DECODING = {"concurrency_id": "decoding", "concurrency_limit": 16}
# Compare's re-run (minutes of measuring): one at a time, never in the way of the class's generations.
RERUN = {"concurrency_id": "compare-rerun", "concurrency_limit": 1}
MODEL_LANES = {lane["concurrency_id"] for lane in (COMPUTE, TRAINING, QUICK, BATCHED, DECODING, RERUN)}
# Model requests one page (or API client) may have waiting or running at once: a flood from one client
# is refused at the door instead of pushing everyone else's requests back.
MAX_MODEL_REQUESTS_PER_SESSION = 3
# Per-session training state (the GAN lab's models) is freed this long after its last use.
SESSION_STATE_TTL = 30 * 60


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


_EXPECTED = {  # what a component wants, in words, for messages about bad values sent through the API
    "number": "a number", "slider": "a number", "textbox": "text", "checkbox": "true or false",
    "dropdown": "one of the listed choices", "radio": "one of the listed choices",
    "file": "an uploaded image file", "image": "an uploaded image file", "imageeditor": "a drawing or an uploaded image",
}


def _input_error(block, exc: Exception) -> gr.Error:
    label = block.label if isinstance(getattr(block, "label", None), str) else "A setting"
    if isinstance(exc, Image.DecompressionBombError):
        return gr.Error(f"{label}: the image is too large (over {2 * MAX_IMAGE_PIXELS // 1_000_000} megapixels).")
    if isinstance(exc, (UnidentifiedImageError, OSError, SyntaxError)):
        return gr.Error(f"{label}: that file is not an image we can read; please use a PNG, JPEG or WebP picture.")
    expected = _EXPECTED.get(block.get_block_name(), "a different kind of value")
    return gr.Error(f"{label}: this value cannot be used here; it must be {expected}.")


def refuse_unreadable_inputs(blocks: gr.Blocks) -> None:
    """Make Gradio's own reading of inputs fail with a clear gr.Error, as our handlers do.

    API users can send anything: a word for a number, a list for a choice, a file that is no image,
    a decompression bomb, a server path they never uploaded. Gradio then fails before our handlers
    run, with an unexplained error; this wraps each input component's ``preprocess`` and the
    Blocks' ``preprocess_data`` so the user is told which setting is wrong (no paths, no traceback).
    """
    for block in blocks.blocks.values():
        if isinstance(block, gr.components.Component) and not block.stateful:
            block.preprocess = _checked_preprocess(block, block.preprocess)
    read_inputs = blocks.preprocess_data

    async def preprocess_data(*args, **kwargs):
        try:
            return await read_inputs(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as exc:
            log.warning("refused an event's inputs: %s", type(exc).__name__)
            if "not in the upload folder" in str(exc) or "InvalidPath" in type(exc).__name__:
                raise gr.Error(translate_error("Files must be uploaded through this app first.")) from None
            raise gr.Error(translate_error("The request's inputs could not be read: one has the wrong type or is missing.")) from None

    blocks.preprocess_data = preprocess_data


def limit_model_requests_per_session(blocks: gr.Blocks, limit: int = MAX_MODEL_REQUESTS_PER_SESSION) -> None:
    """Refuse a model request, with a clear message, while its session already has ``limit`` of them queued or running.

    Gradio's queues are first come, first served within a lane; without this, one client firing 20 requests
    would put all 20 ahead of the next student's. Cheap actions (page load, the advisor) are never counted.
    The answer is HTTP 429 with the message as its detail, which the page shows as an error.
    """
    from fastapi import HTTPException

    queue = blocks._queue
    push = queue.push

    async def push_within_limit(body, request, username):
        fn = blocks.fns.get(body.fn_index)
        if fn is not None and fn.concurrency_id in MODEL_LANES:
            waiting = [queue.event_ids_to_events.get(e) for e in queue.pending_event_ids_session.get(body.session_hash, ())]
            if sum(e is not None and e.fn.concurrency_id in MODEL_LANES for e in waiting) >= limit:
                message = (f"This page already has {limit} model requests waiting or running: "
                           "please wait until one has finished.")
                raise HTTPException(status_code=429, detail=translate_error(message, language(request)))
        return await push(body, request, username)

    queue.push = push_within_limit


# Gradio coerces some wrong types silently (a list sent to a Textbox becomes its repr): refuse them.
_TYPES = {"textbox": (str,), "number": (int, float), "slider": (int, float), "checkbox": (bool,)}


def _checked_preprocess(block, preprocess):
    wanted = _TYPES.get(block.get_block_name())

    @functools.wraps(preprocess)
    def checked(payload):
        try:
            if wanted and payload is not None and (not isinstance(payload, wanted) or (bool not in wanted and isinstance(payload, bool))):
                raise TypeError(type(payload).__name__)
            return preprocess(payload)
        except gr.Error:
            raise
        except Exception as exc:
            raise _input_error(block, exc) from None

    return checked


def gpu(fn=None, *, duration: int = 120):
    """On a Hugging Face ZeroGPU Space, run ``fn`` with a GPU attached (``spaces.GPU``); elsewhere return it unchanged.

    Use it under ``@user_errors`` on the handlers that run big models: ``@user_errors`` then ``@gpu``.
    """
    if fn is None:
        return functools.partial(gpu, duration=duration)
    if not on_zero_gpu():
        return fn
    import spaces

    return spaces.GPU(duration=duration)(fn)


def on_zero_gpu() -> bool:
    """On a ZeroGPU Space each ``@gpu`` handler runs in a process of its own: no batch can be shared there."""
    try:
        return importlib.util.find_spec("spaces") is not None
    except ValueError:  # imported without a spec (a stand-in module)
        return sys.modules.get("spaces") is not None


def session_hash() -> str | None:
    """The browser session of the request being handled (None outside a request)."""
    from gradio.context import LocalContext

    return getattr(LocalContext.request.get(None), "session_hash", None)


def drawn_digit(drawing) -> np.ndarray:
    """A sketchpad's value (its composite, or a plain image) -> (28, 28) float in [0, 1], as the data is made."""
    from engines.digits import prepare_drawing

    image = drawing.get("composite") if isinstance(drawing, dict) else drawing
    if image is None:
        raise UserInputError("The drawing is blank: draw one digit (0-9), large, in the middle of the canvas.")
    return prepare_drawing(image)


def picture_css(tab_id: str) -> gr.HTML:
    """Scoped to one tab (``#<tab_id>``): pictures never covered by their own buttons nor cut off by a fixed height."""
    return gr.HTML(f"""<style>
/* a picture's buttons (full screen, download) get a row of their own above it, not over its top-right corner */
#{tab_id} .image-container:has(> .icon-button-wrapper) {{ padding-top: 30px; }}
/* a picture fills what its block leaves below the label: a fixed height never cuts off its bottom */
#{tab_id} .block:has(> .image-container) {{ display: flex; flex-flow: column nowrap; }}
#{tab_id} .block > .image-container {{ flex: 1 1 auto; min-height: 0; height: auto !important; }}
/* a gallery is as tall as its pictures: all in view, none cut off below its label */
#{tab_id} .grid-wrap {{ min-height: 0 !important; max-height: none !important; }}
</style>""", padding=False)


def explain(markdown: str) -> gr.Markdown:
    """A short explanation box beside a view."""
    return gr.Markdown(markdown, elem_classes=["explain"])


# Files made for users (GIF, MP4): each in a folder of its own under EXPORTS_DIR, removed after EXPORT_KEEP_S
# (ui.memory's clean-up); Gradio serves its own copy, which its delete_cache removes as old (app.py).
EXPORTS_DIR = Path(tempfile.gettempdir()) / "genai-lab-exports"
EXPORT_KEEP_S = 60 * 60


def export_folder() -> str:
    """A new folder under EXPORTS_DIR (removed with its files after EXPORT_KEEP_S)."""
    EXPORTS_DIR.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix="genai-lab-", dir=EXPORTS_DIR)


def export_path(prefix: str, suffix: str) -> str:
    """A new file ``genai-lab-<prefix>.<suffix>`` in a folder of its own: the name a download keeps."""
    return str(Path(export_folder()) / f"genai-lab-{prefix}.{suffix}")


def remove_old_exports(keep_s: float | None = None, now: float | None = None) -> int:
    """Remove the export folders made over ``keep_s`` (default EXPORT_KEEP_S) seconds ago; how many were removed."""
    keep_s = EXPORT_KEEP_S if keep_s is None else keep_s
    now = time.time() if now is None else now
    removed = 0
    for folder in EXPORTS_DIR.glob("genai-lab-*"):
        try:
            if now - folder.stat().st_mtime > keep_s:
                shutil.rmtree(folder)
                removed += 1
        except FileNotFoundError:  # another clean-up (a second server process) was first
            pass
    return removed


def save_png(image: Image.Image, prefix: str, folder: str | None = None) -> str:
    """Write ``image`` to ``genai-lab-<prefix>.png`` (in a new folder, or in ``folder``); return its path.

    Quick zlib, since a live view writes one per step: a 16-digit step picture in greyscale ("L") takes 4 ms and
    ~30 kB, where Gradio encodes a PIL picture again for every viewer (40 ms as WebP). Gradio serves the file as it is.
    """
    path = export_path(prefix, "png") if folder is None else str(Path(folder) / f"genai-lab-{prefix}.png")
    image.save(path, compress_level=1)
    return path


def exports_exist(value) -> bool:
    """Whether every export file named in ``value`` (a path, or tuples and lists holding some) is still there:
    the clean-up removes files an hour old that a cache may still name."""
    if isinstance(value, str):
        return not value.startswith(str(EXPORTS_DIR)) or os.path.exists(value)
    if isinstance(value, (tuple, list)):
        return all(exports_exist(item) for item in value)
    return True


def save_gif(frames: list[Image.Image], prefix: str, ms_per_frame: int | list[int], bounce: bool = False) -> str:
    """Write an endlessly looping animated GIF to ``genai-lab-<prefix>.gif`` in a new temporary folder; return its path.

    ``ms_per_frame`` is one duration or one per frame; ``bounce`` plays the frames there and back.
    """
    if bounce:
        frames = frames + frames[-2:0:-1]
    path = export_path(prefix, "gif")
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
    path = export_path(prefix, "mp4")
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


MAX_MP4_FRAMES = 600  # the app's longest animation has ~200 frames


def gif_to_mp4(gif_path: str | None) -> str | None:
    """An animated GIF made by ``save_gif`` as an MP4 with the same frames and timing (None stays None)."""
    if not gif_path:
        return None
    not_a_gif = UserInputError("Only an animated GIF made by this app can be turned into an MP4.")
    try:
        with Image.open(gif_path) as gif:
            if gif.format != "GIF" or getattr(gif, "n_frames", 1) > MAX_MP4_FRAMES:
                raise not_a_gif
            frames, durations = [], []
            for frame in ImageSequence.Iterator(gif):
                frames.append(frame.convert("RGB"))
                durations.append(int(frame.info.get("duration", 100)) or 100)
    except (OSError, SyntaxError, Image.DecompressionBombError):  # unreadable, truncated or far too large
        raise not_a_gif from None
    prefix = Path(gif_path).stem.removeprefix("genai-lab-")
    return save_mp4(frames, prefix, durations)


def download_button(label) -> gr.DownloadButton:
    """A download of a file that a handler makes (the handler returns its path): greyed out until there is one."""
    return gr.DownloadButton(label, interactive=False, size="md", variant="secondary", elem_classes=["download"])


def mp4_beside(gif: gr.DownloadButton, label, api_name: str) -> gr.DownloadButton:
    """An MP4 download that follows a GIF download: whenever a GIF is made, both buttons offer it, as GIF and as MP4."""
    mp4 = download_button(label)
    gif.change(user_errors(gif_to_mp4), gif, mp4, api_name=api_name, show_progress="hidden")
    for button in (gif, mp4):  # each offers its file once there is one
        button.change(lambda path: gr.DownloadButton(interactive=bool(path)), button, button, api_name=False,
                      show_progress="hidden")
    return mp4


def follow_hub_availability(dropdown: gr.Dropdown, family: str, notice: gr.Markdown, buttons: list[gr.Button]) -> None:
    """From page load on, say which of a dropdown's models can run here, known before anything is loaded.

    Hub models are labelled as in the local cache, downloadable or unavailable (no cache, no network); ``notice``
    (a Markdown under the dropdown) says so for the chosen one, with a one-line how-to when it is unavailable,
    and ``buttons`` (the actions that would load it) are greyed out then.
    """
    from engines import hub, registry
    from ui.locales.app import T as APP

    choices = [value for _, value in dropdown.choices]
    labels = {hub.CACHED: "hub_label_cached", hub.DOWNLOADABLE: "hub_label_downloadable", hub.UNAVAILABLE: "hub_label_unavailable"}
    notes = {hub.CACHED: "hub_cached", hub.DOWNLOADABLE: "hub_downloadable", hub.UNAVAILABLE: "hub_unavailable"}

    def state(key: str) -> str:
        spec = registry.spec(key)
        return hub.availability(spec.location) if spec.is_hub else hub.CACHED

    def update(choice):
        labelled = [(key if not registry.spec(key).is_hub else f"{key} · {APP.text(labels[state(key)])}", key)
                    for key in choices]
        spec = registry.spec(choice) if choice in choices else None
        now = state(choice) if spec else hub.CACHED
        text = ""
        if spec and spec.is_hub:
            alternative = registry.embedded_alternative(family)
            text = APP.text(notes[now], model=spec.key, size=thousands(round(spec.size_mb)),
                            alternative=alternative.key if alternative else "–")
        usable = gr.Button(interactive=now != hub.UNAVAILABLE)
        return gr.Dropdown(choices=labelled), text, *[usable for _ in buttons]

    gr.on(None, user_errors(update), inputs=dropdown, outputs=[dropdown, notice, *buttons], api_name=False,
          show_progress="hidden")


# Every tab's lesson presets, for tests: (tab, preset names, input components, rows of values, handler).
PRESETS: list[tuple[str, list[str], list, list[list], object]] = []


def lesson_presets(tab: str, label, inputs: list, presets: dict[str, list], handler) -> None:
    """Named settings with fixed seeds that show one point each; a click fills the inputs (nothing runs at start-up).

    Each name is "English · Deutsch". Gradio does not translate example labels, so there is one set of
    presets per language and the page's CSS (PRESETS_CSS) shows the one in its language.
    ``handler`` is the function the tab's button runs on these inputs (tests run every preset through it).
    """
    names, rows = list(presets), list(presets.values())
    group = len(PRESETS)
    PRESETS.append((tab, names, inputs, rows, handler))
    for half, lang in enumerate(("en", "de")):
        gr.Examples(rows, inputs, label=label, example_labels=[name.split(" · ")[half] for name in names],
                    cache_examples=False, examples_per_page=len(rows), elem_id=f"presets-{group}-{lang}")


# The set of lesson presets in the page's language (Gradio sets <html lang> from its locale).
PRESETS_CSS = """
html[lang^="de"] [id^="presets-"][id$="-en"], html:not([lang^="de"]) [id^="presets-"][id$="-de"] { display: none !important; }
"""


# Sans fonts as wide as Pillow's built-in one (so labels keep their room) that also have ä, ö, ü and ß,
# which the built-in font lacks (German captions): Liberation Sans or DejaVu Sans Condensed on Linux,
# Arial on macOS and Windows.
CAPTION_FONTS = ("LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "DejaVuSansCondensed.ttf")


PANEL_BACKGROUND = (30, 32, 44)


def panels_in_a_row(panels: list[Image.Image], head: int, gap: int = 16) -> tuple[Image.Image, list[int]]:
    """Panels side by side on one dark canvas with ``head`` px free above them for titles.

    Returns the canvas and each panel's left edge, where the caller writes its title.
    """
    width = sum(p.width for p in panels) + gap * (len(panels) + 1)
    canvas = Image.new("RGB", (width, head + max(p.height for p in panels) + gap), PANEL_BACKGROUND)
    lefts, left = [], gap
    for panel in panels:
        canvas.paste(panel, (left, head))
        lefts.append(left)
        left += panel.width + gap
    return canvas, lefts


@functools.cache
def caption_font(size: int) -> ImageFont.FreeTypeFont:
    """A scalable font for labels drawn into images: a system sans with umlauts, else Pillow's built-in one."""
    for name in CAPTION_FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


MAX_RECORDED_FRAMES = 120  # a live training's GIF: at most this many frames, spread over the whole run
NOTHING_RECORDED = "Nothing recorded yet: press Train first, then make the GIF."


class Recording:
    """A live training's frames for its GIF/MP4 export: bounded, evenly spread, kept small by the caller.

    When ``limit`` frames are kept, every other one is dropped and from then on only every other new
    frame is kept, so any run length ends up with between limit/2 and limit frames spread over all of
    it. The newest frame is always kept (the animation ends on the result). ``constant`` holds what
    every frame shares (the real points, the target shape), stored once.
    """

    def __init__(self, limit: int = MAX_RECORDED_FRAMES, **constant):
        self.limit, self.constant = limit, constant
        self.kept: list = []
        self.every, self.seen, self.last = 1, 0, None

    def add(self, frame) -> None:
        if self.seen % self.every == 0:
            self.kept.append(frame)
            if len(self.kept) >= self.limit:
                self.kept = self.kept[::2]
                self.every *= 2
        self.seen += 1
        self.last = frame

    @property
    def frames(self) -> list:
        if self.last is None:
            return []
        return self.kept if self.kept[-1] is self.last else self.kept + [self.last]


def recorded_frames(recording: Recording | None) -> list:
    """The frames a session's live training recorded, for its GIF; a clear message when there are none yet."""
    if recording is None or not recording.frames:
        raise UserInputError(NOTHING_RECORDED)
    return recording.frames


def to_pixels(points: np.ndarray, view: float, side: int) -> np.ndarray:
    """(n, 2) plot coordinates in [-view, view]^2 -> (k, 2) uint8 (column, row) pixels of a ``side``-wide
    square, row 0 at the top, for the k points inside the view (``side`` at most 256: a byte per coordinate)."""
    xy = (np.asarray(points, np.float32) + view) / (2 * view) * (side - 1)
    inside = np.isfinite(xy).all(1) & (xy >= 0).all(1) & (xy <= side - 1).all(1)
    xy = xy[inside].round()
    return np.stack([xy[:, 0], side - 1 - xy[:, 1]], 1).astype(np.uint8)


def draw_points(pixels: np.ndarray, at: np.ndarray, colour, offset: tuple[int, int] = (0, 0), scale: int = 1,
                radius: int = 1) -> None:
    """Paint small squares (2·radius+1 screen pixels) at ``at`` (from ``to_pixels``) into an (H, W, 3) uint8 array."""
    if not len(at):
        return
    x = at[:, 0].astype(int) * scale + scale // 2 + offset[0]
    y = at[:, 1].astype(int) * scale + scale // 2 + offset[1]
    h, w = pixels.shape[:2]
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            pixels[np.clip(y + dy, 0, h - 1), np.clip(x + dx, 0, w - 1)] = colour


def draw_legend(draw: ImageDraw.ImageDraw, x: int, y: int, items: list[tuple[object, str]], font, gap: int = 14) -> None:
    """A row of colour swatches with their words, from (x, y) to the right."""
    size = font.size
    for colour, words in items:
        draw.rectangle([x, y + 2, x + size - 4, y + size - 2], fill=colour)
        x += size + 2
        draw.text((x, y), words, fill="#222", font=font)
        x += int(draw.textlength(words, font=font)) + gap


def with_palette(image: Image.Image, colours) -> Image.Image:
    """``image`` mapped without dithering onto ``colours`` plus a ramp of greys (for text): flat colour
    areas keep GIFs of many frames small and every frame's colours the same."""
    greys = [(v, v, v) for v in range(0, 256, 17)]
    flat = [int(c) for colour in list(colours) + greys for c in colour][: 256 * 3]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat)
    return image.convert("RGB").quantize(palette=palette, dither=Image.Dither.NONE)
