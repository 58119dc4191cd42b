"""Hub tier of the diffusion family: text-to-image and image-to-image with allowlisted Stable Diffusion pipelines.

The pipeline (diffusers ``AutoPipelineForText2Image``, safetensors only, via ``engines.hub``) runs
its own denoising loop; ``callback_on_step_end`` hands us the latents after every step, and a
cheap linear latent→RGB map turns them into a preview (decoding with the VAE each step would cost
as much as the step itself). The pipeline runs in a worker thread so its steps can be streamed.
Image-to-image (SDEdit) reuses the loaded components through ``AutoPipelineForImage2Image.from_pipe``:
the picture is encoded, noised to ``strength`` and denoised for ``steps × strength`` steps.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

import numpy as np
import torch

from engines import validate
from engines.base import Engine, Frame
from engines.device import pick_device
from engines.errors import UserInputError
from engines.hub import DIFFUSERS_PRETRAINED, load_from_hub

FAMILY = "diffusion"
MAX_PROMPT_CHARS = 300
MAX_STEPS = 50
MAX_GUIDANCE = 20.0
MIN_SIZE, MAX_SIZE = 64, 768  # pixels, a multiple of 64 (the VAE and UNet halve it several times)

# Stable Diffusion 1.x/2.x latents (4 channels) -> approximate RGB: a least-squares fit of decoded
# colours on latents, the factors ComfyUI and others use for live previews.
LATENT_RGB = torch.tensor([
    [0.3512, 0.2297, 0.3227],
    [0.3250, 0.4974, 0.2350],
    [-0.2829, 0.1762, 0.2721],
    [-0.2120, -0.2616, -0.7177],
])


def latents_to_rgb(latents: torch.Tensor) -> np.ndarray:
    """(B, 4, h, w) latents -> (B, h, w, 3) uint8 preview colours."""
    rgb = torch.einsum("bchw,cr->bhwr", latents.float().cpu(), LATENT_RGB)
    return ((rgb + 1) / 2).clamp(0, 1).mul(255).round().to(torch.uint8).numpy()


def _size(value) -> int:
    size = validate.integer("Size", value, MIN_SIZE, MAX_SIZE)
    if size % 64:
        raise UserInputError(f"Size must be a multiple of 64 pixels, got {size}.")
    return size


def prepare_picture(picture, size: int) -> np.ndarray:
    """An uploaded picture (H, W[, C]) -> (size, size, 3) float in [0, 1]: centre-cropped square, resized."""
    from PIL import Image

    if picture is None:
        raise UserInputError("Upload a picture first (PNG or JPEG).")
    array = np.asarray(picture)
    if array.ndim not in (2, 3) or min(array.shape[:2]) < 8:
        raise UserInputError("That upload is not a usable picture: it needs at least 8×8 pixels.")
    image = Image.fromarray(array.astype(np.uint8)).convert("RGB")
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side)).resize((size, size), Image.LANCZOS)
    return np.asarray(image, dtype=np.float32) / 255


def check_inputs(prompt, steps, guidance, size, seed) -> tuple[str, int, float, int, int]:
    return (
        validate.text("Prompt", prompt, MAX_PROMPT_CHARS),
        validate.integer("Steps", steps, 1, MAX_STEPS),
        validate.number("Guidance scale", guidance, 0.0, MAX_GUIDANCE),
        _size(size),
        validate.seed(seed),
    )


class TextToImageEngine(Engine):
    """One allowlisted hub pipeline (``model_key`` is its hub id)."""

    family = FAMILY

    def _load(self):
        from diffusers import AutoPipelineForText2Image

        device = pick_device()
        dtype = torch.float16 if device.type == "cuda" else torch.float32

        def load(repo_id: str):
            return AutoPipelineForText2Image.from_pretrained(repo_id, dtype=dtype, **DIFFUSERS_PRETRAINED)

        pipe = load_from_hub(load, self.model_key, FAMILY)
        pipe.set_progress_bar_config(disable=True)
        return pipe.to(device)

    def image_to_image(self):
        """The image-to-image pipeline over the same loaded components (no second copy of the weights)."""
        from diffusers import AutoPipelineForImage2Image

        text_to_image = self.model  # loads first, outside the lock (load() takes it too)
        with self._lock:
            if not hasattr(self, "_img2img"):
                self._img2img = AutoPipelineForImage2Image.from_pipe(text_to_image)
                self._img2img.set_progress_bar_config(disable=True)
        return self._img2img

    def stream(self, prompt: str = "a watercolour fox", steps: int = 4, guidance: float = 0.0, size: int = 512,
               seed: int = 0, picture: np.ndarray | None = None, strength: float = 0.5) -> Iterator[Frame]:
        """Yield one Frame per denoising step (``preview``: latent→RGB, (h, w, 3) uint8); the last
        frame's ``image`` is the decoded picture, (size, size, 3) uint8.

        With ``picture`` (an upload, any size) it is image-to-image: only the last ``steps × strength``
        steps run, starting from the picture noised to that level."""
        prompt, steps, guidance, size, seed = check_inputs(prompt, steps, guidance, size, seed)
        extra = {}
        if picture is not None:
            strength = validate.number("Strength", strength, 0.05, 1.0)
            if int(steps * strength) < 1:
                raise UserInputError(f"{steps} steps × strength {strength:g} leaves no step to run: "
                                     "raise the steps or the strength.")
            extra = {"image": torch.from_numpy(prepare_picture(picture, size)).permute(2, 0, 1)[None], "strength": strength}
            pipe = self.image_to_image()
            steps_run = int(steps * strength)
        else:
            pipe, steps_run = self.model, steps
        updates: queue.Queue = queue.Queue()

        def on_step_end(_pipe, i, t, kwargs):
            updates.put(("step", i, float(t), latents_to_rgb(kwargs["latents"])[0]))
            return kwargs

        def run():
            try:
                generator = torch.Generator().manual_seed(seed)
                size_kwargs = {} if extra else {"height": size, "width": size}
                out = pipe(prompt, num_inference_steps=steps, guidance_scale=guidance, generator=generator,
                           callback_on_step_end=on_step_end, callback_on_step_end_tensor_inputs=["latents"],
                           output_type="np", **size_kwargs, **extra)
                updates.put(("done", np.asarray(out.images[0])))
            except Exception as exc:  # re-raised in the caller's thread
                updates.put(("error", exc))

        threading.Thread(target=run, daemon=True, name="text-to-image").start()
        preview = None
        while True:
            kind, *payload = updates.get()
            if kind == "error":
                raise payload[0]
            if kind == "done":
                image = (np.clip(payload[0], 0, 1) * 255).round().astype(np.uint8)
                yield Frame(steps_run - 1, steps_run, image=image, preview=preview,
                            data={"prompt": prompt, "model": self.model_key})
                return
            i, t, preview = payload
            if i + 1 < steps_run:  # the last step's frame comes with the decoded image
                yield Frame(i, steps_run, preview=preview, metrics={"t": t}, data={"prompt": prompt, "model": self.model_key})
