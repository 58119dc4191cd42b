"""Copy the browser tests' screenshots (tests/screenshots) into docs/screenshots for the README, small.

Run after `python -m pytest tests/test_browser_*.py`: each picked screenshot is cropped to its top,
scaled to 900 px wide and reduced to a palette of at most 128 colours (each file under 150 kB).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE, TARGET = ROOT / "tests" / "screenshots", ROOT / "docs" / "screenshots"
# README name: (browser test screenshot, height to keep in its 1400-px-wide pixels)
PICKS = {
    "overview": ("overview.png", 1500), "data": ("digits_tab.png", 1400), "llm": ("llm_generate.png", 1500),
    "diffusion": ("diffusion_tab.png", 1500), "gan": ("gan_tab.png", 1500), "vae": ("vae_interpolate.png", 1500),
    "nerf": ("nerf_new_view.png", 1000), "compare": ("compare_tab.png", 1500), "gan-de": ("i18n-gan-de.png", 1000),
}
WIDTH, COLOURS, LIMIT = 900, 128, 150_000


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, (source, keep) in PICKS.items():
        image = Image.open(SOURCE / source).convert("RGB")
        image = image.crop((0, 0, image.width, min(keep, image.height)))
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
        path = TARGET / f"{name}.png"
        for colours in (COLOURS, 64, 32):  # fewer colours until it fits (photos and noise need more bytes)
            image.quantize(colours, dither=Image.Dither.NONE).save(path, optimize=True)
            size = path.stat().st_size
            if size <= LIMIT:
                break
        print(f"{path.relative_to(ROOT)}: {image.width}x{image.height}, {size / 1000:.0f} kB")
        assert size <= LIMIT, f"{path} is {size} bytes"


if __name__ == "__main__":
    main()
