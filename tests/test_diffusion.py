"""Diffusion engine and tab figures on a tiny random UNet: fast, no shipped weights needed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from engines.diffusion import SCHEDULERS, DiffusionEngine, check_inputs, clip_prediction
from engines.errors import UserInputError
from engines.registry import ASSETS


@pytest.fixture(scope="module")
def engine(tiny_diffusion) -> DiffusionEngine:
    return tiny_diffusion


def run(engine, **kw):
    params = dict(digit=3, n=3, steps=2, guidance=3.0, scheduler="DDIM", seed=0) | kw
    return list(engine.stream(**params))


@pytest.mark.parametrize("scheduler", list(SCHEDULERS))
def test_every_scheduler_streams_one_frame_per_step(engine, scheduler):
    frames = run(engine, scheduler=scheduler)
    assert [f.step for f in frames] == [0, 1] and frames[-1].done and not frames[0].done
    for f in frames:
        assert f.image.shape == f.preview.shape == (3, 28, 28)
        assert 0.0 <= f.image.min() and f.image.max() <= 1.0
        assert 0.0 <= f.preview.min() and f.preview.max() <= 1.0
        assert np.isfinite(f.image).all() and np.isfinite(f.preview).all()
    assert frames[0].metrics["t"] == 999  # every sampler starts from pure noise
    assert frames[0].metrics["t"] > frames[1].metrics["t"]


def test_same_seed_same_digits_other_seed_other_digits(engine):
    for scheduler in ("DDPM", "DDIM"):  # DDPM draws fresh noise each step: that must follow the seed too
        a, b = run(engine, scheduler=scheduler, seed=7)[-1], run(engine, scheduler=scheduler, seed=7)[-1]
        np.testing.assert_array_equal(a.image, b.image)
        np.testing.assert_array_equal(a.preview, b.preview)
    assert not np.allclose(run(engine, seed=7)[-1].image, run(engine, seed=8)[-1].image)


def test_scheduler_swap_changes_the_path_not_the_start(engine):
    ddim, ddpm = run(engine, scheduler="DDIM"), run(engine, scheduler="DDPM")
    np.testing.assert_allclose(ddim[0].preview, ddpm[0].preview, atol=1e-6)  # same noise, same first guess
    assert not np.allclose(ddim[-1].image, ddpm[-1].image)  # DDPM adds fresh noise on the way


def test_guidance_and_digit_change_the_prediction(engine):
    base = run(engine, guidance=3.0)[0].preview
    assert not np.allclose(base, run(engine, guidance=0.0)[0].preview)
    assert not np.allclose(base, run(engine, digit=4)[0].preview)


def test_sdedit_starts_from_the_noised_drawing(engine):
    drawing = np.zeros((28, 28), dtype=np.float32)
    drawing[4:24, 12:16] = 1.0  # a rough "1"
    frames = list(engine.stream(digit=1, n=2, steps=10, guidance=3.0, scheduler="DDIM", seed=0,
                                init_image=drawing, strength=0.3))
    assert len(frames) == 3 and frames[0].metrics["t"] < 400  # only the last 30 % of the steps


def test_forward_process_and_schedule(engine):
    sched = engine.schedule()
    assert np.all(np.diff(sched["alpha_bar"]) < 0) and sched["alpha_bar"][0] > 0.999 and sched["alpha_bar"][-1] < 1e-3
    x0 = np.zeros((28, 28), dtype=np.float32)
    x0[8:20, 8:20] = 1.0
    assert np.abs(engine.add_noise(x0, 0) - x0).mean() < 0.02
    late = engine.add_noise(x0, 999)
    assert abs(np.corrcoef(late.ravel(), x0.ravel())[0, 1]) < 0.2
    with pytest.raises(UserInputError, match="t must be between"):
        engine.add_noise(x0, 1000)


@pytest.mark.parametrize(
    "bad, message",
    [
        (dict(digit=10), "Digit"), (dict(digit=-1), "Digit"), (dict(digit="x"), "Digit"),
        (dict(n=0), "Number of samples"), (dict(n=10_000), "Number of samples"),
        (dict(steps=0), "Steps"), (dict(steps=1001), "Steps"),
        (dict(guidance=-1.0), "Guidance"), (dict(guidance=float("nan")), "Guidance"),
        (dict(scheduler="PLMS"), "Scheduler"), (dict(seed=-3), "Seed"),
    ],
)
def test_bad_settings_are_refused_clearly(engine, bad, message):
    params = dict(digit=3, n=4, steps=25, guidance=3.0, scheduler="DDIM", seed=0) | bad
    with pytest.raises(UserInputError, match=message):
        check_inputs(**params)
    with pytest.raises(UserInputError, match=message):
        next(engine.stream(**params))


def test_tab_figures_from_frames(engine):
    from ui import diffusion as tab

    frames = run(engine, n=5, steps=3)
    step = tab.compose_step(frames[0])
    assert step.width >= 2 * tab.grid(frames[0].image).width  # x_t and x̂0 side by side
    strip = tab.filmstrip(frames)
    assert strip.width >= 3 * 84 and strip.height >= 8 * 84  # 3 steps; 4 samples as x_t and as x̂0
    gif = Image.open(tab.denoising_gif([tab.compose_step(f) for f in frames]))
    assert gif.n_frames == 3
    fig = tab.schedule_figure(engine.schedule(), 250)
    assert len(fig.data) == 4 and fig.data[-1].x[0] == 250


def test_the_line_under_the_samples_measures_them_in_the_page_language():
    from engines import digits, metrics
    from ui import diffusion as tab
    from ui.i18n import speaking

    data = digits.split()
    threes = data.test_x[data.test_y == 3][:8]  # real threes: about as varied as real threes
    count = round(8 * metrics.recognizability(threes, 3)["share"])
    line = tab.measured_line(threes, 3)
    assert f"recognizes **{count} of 8** as a 3" in line and count >= 6 and "(1 = as varied as the real 3s" in line
    variety = float(line.split("variety among them **")[1].split("**")[0])
    assert 0.7 < variety < 1.3 and "% of the pictures" in line
    with speaking("de"):
        line = tab.measured_line(threes, 3)
        assert f"**{count} von 8** als eine 3" in line and f"**{variety:.2f}**".replace(".", ",") in line and " % der Bilder" in line
        first = "ja" if metrics.recognizability(threes[:1], 3)["share"] else "nein"
        assert tab.measured_line(threes[:1], 3).endswith(f"als eine 3: **{first}**.")
        assert tab.schedule_figure(_schedule(), 300).layout.separators == ",."


def _schedule() -> dict:
    alpha_bar = np.linspace(1, 0, 1000)
    return {"t": np.arange(1000), "alpha_bar": alpha_bar, "snr": alpha_bar / np.maximum(1 - alpha_bar, 1e-12)}


def test_training_machine_in_german():
    from ui.i18n import machine_words

    words = "x86_64 2-core CPU shared with other jobs (load 7-16), 1 torch thread, no GPU"
    assert machine_words(words, "en") == words
    assert machine_words(words, "de") == "x86_64 2-Kern-CPU mit anderen Aufgaben geteilt (Last 7-16), 1 Torch-Thread, keine GPU"
    assert machine_words("x86_64 CPU, 4 torch thread(s), no GPU", "de") == "x86_64 CPU, 4 Torch-Thread(s), keine GPU"


def test_quick_training_writes_loadable_weights(tmp_path):
    from scripts.train import main

    main(["diffusion", "--quick", "--out", str(tmp_path), "--threads", "1"])
    assert {"config.json", "diffusion_pytorch_model.safetensors", "scheduler_config.json", "samples.png"} <= {
        p.name for p in tmp_path.iterdir()
    }
    frames = list(DiffusionEngine.from_folder(tmp_path).stream(digit=0, n=1, steps=2, guidance=1.0, scheduler="Euler", seed=0))
    assert frames[-1].image.shape == (1, 28, 28)


def test_sweep_and_sketch_handlers(engine, monkeypatch):
    from ui import diffusion as tab
    from ui.i18n import speaking

    monkeypatch.setattr(tab, "engine", lambda: engine)
    monkeypatch.setattr(tab, "SWEEP_SAMPLES", 2)
    monkeypatch.setattr(tab, "STEPS_SWEEP", (1, 2, 3))
    updates = list(tab.diffusion_steps_sweep(4, 0))  # a row per setting as it comes: Stop can end the sweep there
    assert len(updates) == 3 and updates[0][0].height < updates[1][0].height < updates[2][0].height
    picture, figure = updates[-1]
    assert picture.height > 3 * 28 and [round(x) for x in figure.data[0].x] == [1, 2, 3]
    assert all(y >= 0 for y in figure.data[0].y) and figure.data[0].name.startswith("sharpness")
    assert list(figure.layout.xaxis.tickvals) == [1, 2, 3]  # the log axis names the settings, not "8 9 1 2 3"
    assert figure.layout.title.text.startswith("1 → 3 steps: recognizable")
    *_, (picture, figure) = tab.diffusion_guidance_sweep(4, 0)
    assert list(figure.data[0].x) == list(tab.GUIDANCE_SWEEP)
    assert figure.layout.title.text.startswith("w = 0 → 8: recognizable") and figure.layout.separators == ".,"
    with speaking("de"):  # a German page: German words, decimal commas, German separators on the axes
        *_, (picture, figure) = tab.diffusion_steps_sweep(4, 0)
    assert figure.layout.separators == ",." and "Schritte: erkennbar" in figure.layout.title.text
    assert "," in figure.layout.title.text.split("Zeit")[1] and "." not in figure.layout.title.text

    drawing = np.full((280, 280, 3), 255, dtype=np.uint8)
    drawing[40:240, 120:160] = 0  # a dark "1" on white paper, as the sketchpad gives it
    updates = list(tab.diffusion_sketch({"composite": drawing}, 7, 0.5, 8, 0))
    assert 2 <= len(updates) <= 4 + 1 and updates[-1][1].width > 0  # the newest of 4 steps, at most 5 a second, then the result grid
    import gradio as gr

    with pytest.raises(gr.Error, match="blank"):
        list(tab.diffusion_sketch({"composite": np.full((280, 280, 3), 255, dtype=np.uint8)}, 7, 0.5, 8, 0))
    with pytest.raises(gr.Error, match="Strength"):
        list(tab.diffusion_sketch({"composite": drawing}, 7, 1.5, 8, 0))


def test_forward_view_of_a_drawing(engine, monkeypatch):
    import gradio as gr

    from ui import diffusion as tab

    monkeypatch.setattr(tab, "engine", lambda: engine)
    drawing = np.full((280, 280, 3), 255, dtype=np.uint8)
    drawing[40:240, 120:160] = 0
    picture, figure, caption = tab.diffusion_forward_drawing({"composite": drawing}, 250)
    assert picture.width > 6 * 28 and caption == "Your drawing at t = 250" and figure.data
    with pytest.raises(gr.Error, match="blank"):
        tab.diffusion_forward_drawing({"composite": np.full((280, 280, 3), 255, dtype=np.uint8)}, 250)
    with pytest.raises(gr.Error, match="t must be between"):
        tab.diffusion_forward_drawing({"composite": drawing}, 1000)


def test_handler_turns_bad_settings_into_messages(engine, monkeypatch):
    import gradio as gr

    from ui import diffusion as tab

    monkeypatch.setattr(tab, "engine", lambda: engine)
    with pytest.raises(gr.Error, match="Guidance scale must be a finite number"):
        next(tab.diffusion_generate(3, 4, 5, float("nan"), "DDIM", 0))
    with pytest.raises(gr.Error, match="Steps must be between 1 and 1000"):
        next(tab.diffusion_generate(3, 4, 1001, 3.0, "DDIM", 0))


def test_loading_the_unet_leaves_models_built_meanwhile_in_other_threads_intact():
    """The app warms several tabs at once: a diffusers load must not give another thread's model empty weights."""
    import threading

    from torch import nn

    built, done = [], threading.Event()

    def build_while_loading():
        while not done.is_set():
            built.append(nn.Linear(4, 4).weight.device.type)

    thread = threading.Thread(target=build_while_loading)
    thread.start()
    try:
        for _ in range(3):
            DiffusionEngine.from_folder(ASSETS / "diffusion").load()
    finally:
        done.set()
        thread.join()
    assert built and "meta" not in built


def test_clipped_prediction_stays_in_range_and_agrees_with_x_t():
    torch.manual_seed(0)
    x_t, eps = torch.randn(4, 1, 28, 28), 3 * torch.randn(4, 1, 28, 28)  # a guided eps, far off
    for alpha_bar in (torch.tensor(2.4e-9), torch.tensor(0.5), torch.tensor(0.999)):
        x0_hat, eps_clipped = clip_prediction(x_t, eps, alpha_bar)
        assert x0_hat.abs().max() <= 1
        rebuilt = alpha_bar.sqrt() * x0_hat + (1 - alpha_bar).sqrt() * eps_clipped  # the forward formula
        assert torch.allclose(rebuilt, x_t, atol=1e-4)
    x0 = torch.rand(4, 1, 28, 28) * 2 - 1  # already in range: nothing changes
    alpha_bar = torch.tensor(0.3)
    noisy = alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * eps
    x0_hat, eps_clipped = clip_prediction(noisy, eps, alpha_bar)
    assert torch.allclose(x0_hat, x0, atol=1e-5) and torch.allclose(eps_clipped, eps, atol=1e-4)


# ---- the tab's measured facts come from the files that measured them --------------------------------


def _both(data) -> tuple[str, str]:
    """A ``T.filled`` value as its (English, German) strings."""
    from ui.locales.diffusion import T

    return T.table[data.key.split(".", 1)[1]]


def test_intro_and_strengths_read_training_json_and_quality_json(monkeypatch, tmp_path):
    import json

    from ui import diffusion as tab

    en, de = _both(tab.intro_md())  # the shipped files, as they are
    info, quality = tab.training_info(), tab.measured_quality()
    assert f"{info['train_minutes']:.0f} minutes" in en and f"{info['train_minutes']:.0f} Minuten" in de
    assert f"{info['steps']:,} steps" in en and f"{info['steps']:,}".replace(",", ".") + " Schritte" in de
    assert f"of {quality['samples']} samples" in en and f"{quality['samples']} Samples" in de

    # Another training record and another measurement: the texts follow them.
    monkeypatch.setattr(tab, "training_info", lambda: {
        "parameters": 2_345_678, "train_minutes": 12.0, "epochs": 7, "steps": 1234, "batch": 64, "train_digits": 450,
        "machine": "test machine"})
    results = tmp_path / "quality.json"
    results.write_text(json.dumps({"models": {"diffusion": {"recognizability": 0.9, "samples": 200}},
                                   "settings": "50 samples per digit; diffusion 10 DDIM steps at guidance 2.5"}))
    monkeypatch.setattr(tab, "QUALITY_RESULTS", results)
    en, de = _both(tab.intro_md())
    assert "(2.3 M parameters) trained for 12 minutes (7 epochs, 1,234 steps of 64 digits) on 450 MNIST digits" in en
    assert "(2,3 Mio. Parameter), 12 Minuten lang (7 Epochen, 1.234 Schritte mit je 64 Ziffern) mit 450 MNIST-Ziffern" in de
    assert "test machine" in en and "test machine" in de
    assert "At guidance 2.5 (10 DDIM steps) our digit classifier recognizes 180 of 200 samples (90.0%)" in en
    assert "Bei Guidance 2,5 (10 DDIM-Schritte) erkennt unser Ziffern-Klassifikator 180 von 200 Samples (90,0 %)" in de
    assert "86" not in en + de and "500" not in en + de
    en, de = _both(tab.strengths_md())
    assert "2.3 M-parameter model" in en and "12 minutes of training" in en
    assert "2,3 Mio. Parametern" in de and "12 Minuten Training" in de and "1,1" not in de

    # Files missing: neutral sentences, no figures.
    monkeypatch.setattr(tab, "training_info", lambda: {})
    monkeypatch.setattr(tab, "QUALITY_RESULTS", tmp_path / "absent.json")
    en, de = _both(tab.intro_md())
    assert "training record is missing" in en and "Trainingsaufzeichnung fehlt" in de
    assert "measured live under *Trade-offs*" in en and "live gemessen" in de
    assert not any(ch.isdigit() for ch in en.split("loses its noise.")[1])
    en, de = _both(tab.strengths_md())
    assert "from a small model" in en and "von einem kleinen Modell" in de


def test_followers_of_one_run_share_its_pictures_and_files(engine, monkeypatch):
    """A class pressing one preset: every picture and file is made once per language, not once per student."""
    import threading

    from engines.batching import batcher_for
    from ui import diffusion as tab
    from ui.i18n import speaking

    monkeypatch.setattr(tab, "engine", lambda: engine)
    outputs = batcher_for(engine).outputs
    settings, results = (2, 4, 5, 3.0, "DDIM", 77), []

    def student(lang):
        with speaking(lang):
            results.append((lang, list(tab.diffusion_generate(*settings))))

    made = outputs.made
    students = [threading.Thread(target=student, args=(lang,)) for lang in ["en"] * 4 + ["de"]]
    for t in students:
        t.start()
    for t in students:
        t.join(60)
    finished = {lang: updates[-1] for lang, updates in results}
    assert len(results) == 5 and all(updates[-1] == finished[lang] for lang, updates in results)  # the same files
    pictures = {update[0] for _, updates in results for update in updates}
    # one picture per step and language at most, one finished set per language (5 followers would make 5 times that)
    assert outputs.made - made <= 2 * (5 + 1) and len(pictures) <= 2 * 5
    live, gallery, strip, gif, timing = finished["en"]
    assert Image.open(live).mode == "L" and len(gallery) == 4 and Image.open(gallery[0][0]).size == (28, 28)
    assert Image.open(gif).n_frames == 5 and "4 samples × 5 steps" in timing and "4 Samples × 5 Schritte" in finished["de"][4]
    for path in [live, strip, gif] + [item[0] for item in gallery]:
        Path(path).unlink()  # the hourly clean-up removed them; the run is still kept for replay
    again = list(tab.diffusion_generate(*settings))[-1]
    assert again[4] == timing and all(Path(p).exists() for p in [again[0], again[2], again[3]] + [i[0] for i in again[1]])
