"""Hub tier of the diffusion tab: a tiny random Stable Diffusion pipeline, published to the offline test hub."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers import AutoencoderKL, DDIMScheduler, StableDiffusionPipeline, UNet2DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

from engines.diffusion_hub import TextToImageEngine, latents_to_rgb, prepare_picture
from engines.errors import ModelUnavailable, UserInputError

REPO = "segmind/tiny-sd"  # allowlisted; the test publishes a tiny random pipeline under its id


def tiny_pipeline(folder: Path) -> StableDiffusionPipeline:
    torch.manual_seed(0)
    unet = UNet2DConditionModel(
        block_out_channels=(4, 8), layers_per_block=1, sample_size=8, in_channels=4, out_channels=4,
        down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"), up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=8, norm_num_groups=2, attention_head_dim=2,
    )
    vae = AutoencoderKL(
        block_out_channels=(4, 8), in_channels=3, out_channels=3, latent_channels=4, norm_num_groups=2,
        down_block_types=("DownEncoderBlock2D",) * 2, up_block_types=("UpDecoderBlock2D",) * 2, sample_size=16,
    )
    text_encoder = CLIPTextModel(CLIPTextConfig(
        bos_token_id=0, eos_token_id=1, pad_token_id=1, hidden_size=8, intermediate_size=16, num_attention_heads=2,
        num_hidden_layers=2, vocab_size=64, max_position_embeddings=77, projection_dim=8,
    ))
    # a character-level CLIP BPE vocabulary, written here: nothing is downloaded
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = {w: i for i, w in enumerate(["<|startoftext|>", "<|endoftext|>", *letters, *(c + "</w>" for c in letters)])}
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    tokenizer = CLIPTokenizer(vocab_file=str(folder / "vocab.json"), merges_file=str(folder / "merges.txt"), model_max_length=77)
    scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", clip_sample=False,
                              set_alpha_to_one=False, steps_offset=1)
    return StableDiffusionPipeline(unet=unet, vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, scheduler=scheduler,
                                   safety_checker=None, feature_extractor=None, requires_safety_checker=False)


@pytest.fixture(scope="module")
def published(fake_hub, tmp_path_factory):
    pipe = tiny_pipeline(tmp_path_factory.mktemp("tokenizer"))
    fake_hub(REPO, lambda folder: pipe.save_pretrained(folder, safe_serialization=True))
    return TextToImageEngine(REPO)


def test_text_to_image_streams_a_preview_per_step_then_the_picture(published):
    frames = list(published.stream(prompt="a red fox", steps=3, guidance=2.0, size=64, seed=1))
    assert [f.step for f in frames] == [0, 1, 2] and frames[-1].done
    assert all(f.preview.shape == (32, 32, 3) and f.preview.dtype == np.uint8 for f in frames)  # latents: 1/2 size here
    assert frames[-1].image.shape == (64, 64, 3) and frames[-1].image.dtype == np.uint8
    assert not np.array_equal(frames[0].preview, frames[1].preview)


def test_same_seed_same_picture(published):
    a = published.result(prompt="a red fox", steps=2, guidance=0.0, size=64, seed=5).image
    b = published.result(prompt="a red fox", steps=2, guidance=0.0, size=64, seed=5).image
    c = published.result(prompt="a red fox", steps=2, guidance=0.0, size=64, seed=6).image
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_latent_preview_colours():
    latents = torch.zeros(1, 4, 2, 3)
    assert (latents_to_rgb(latents) == 128).all()  # zero latent: mid grey
    latents[:, 3] = -1.0  # the 4th SD latent channel runs against blue
    red, green, blue = latents_to_rgb(latents)[0, 0, 0]
    assert blue > 200 and blue > red and blue > green


@pytest.mark.parametrize(
    "kwargs, message",
    [({"prompt": "  "}, "Prompt is empty"), ({"prompt": "x" * 400}, "too long"), ({"steps": 0}, "Steps"),
     ({"steps": 500}, "Steps"), ({"guidance": float("nan")}, "Guidance"), ({"size": 100}, "multiple of 64"),
     ({"size": 4096}, "Size")],
)
def test_bad_settings_get_a_clear_message(published, kwargs, message):
    with pytest.raises(UserInputError, match=message):
        next(published.stream(**{"prompt": "a fox", "steps": 2, "size": 64, **kwargs}))


def test_unlisted_and_absent_hub_ids_get_clear_messages():
    with pytest.raises(UserInputError, match="not on the diffusion allowlist"):
        TextToImageEngine("someone/sd-pickle").load()
    with pytest.raises(ModelUnavailable, match="stabilityai/sd-turbo.*Digit diffusion \\(embedded\\)"):
        TextToImageEngine("stabilityai/sd-turbo").load()  # allowlisted, but not in the offline cache


def test_image_to_image_runs_steps_times_strength_from_the_upload(published):
    rng = np.random.default_rng(0)
    picture = rng.integers(0, 256, (90, 120, 3), dtype=np.uint8)  # not square, not the output size
    frames = list(published.stream(prompt="a red fox", steps=4, guidance=0.0, size=64, seed=1, picture=picture, strength=0.5))
    assert [f.step for f in frames] == [0, 1] and frames[-1].total == 2 and frames[-1].done
    assert frames[-1].image.shape == (64, 64, 3)
    weak = published.result(prompt="a red fox", steps=4, size=64, seed=1, picture=picture, strength=0.25).image
    assert not np.array_equal(weak, frames[-1].image)  # a different amount of noise, a different picture


def test_image_to_image_without_an_upload_asks_for_one():
    with pytest.raises(UserInputError, match="Upload a picture"):
        prepare_picture(None, 64)


@pytest.mark.parametrize(
    "picture, strength, message",
    [(np.zeros((4, 4, 3), np.uint8), 0.5, "at least 8×8"), (np.zeros((64, 64, 3), np.uint8), 0.1, "leaves no step"),
     (np.zeros((64, 64, 3), np.uint8), 2.0, "Strength")],
)
def test_image_to_image_bad_uploads_get_a_clear_message(published, picture, strength, message):
    with pytest.raises(UserInputError, match=message):
        next(published.stream(prompt="a fox", steps=4, size=64, picture=picture, strength=strength))
