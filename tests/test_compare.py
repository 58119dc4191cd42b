"""The Compare tab's engine and figures: measured columns, verdicts from the numbers, every family and claim."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch

from engines import claims, compare
from engines.errors import UserInputError
from tests.test_claims import MEASURED
from ui import compare as ui

FAMILY_NAMES = ["VAE", "GAN", "Diffusion", "LLM (transformer)", "NeRF"]


def _row(key: str, family: str, ms: float, passes: int, params: int, image: bool = True) -> dict:
    row = {"family": family, "key": key, "model": f"{family} model", "output": "28×28 image" if image else "text",
           "ms_per_output": ms, "passes": passes, "parameters": params, "weights_mb": params * 4 / 2**20, "peak_mb": 1.5}
    if image:
        row.update(recognized=0.9, confidence=0.8, diversity=10.0, class_diversity=0.9, precision=0.8, recall=0.7,
                   sharpness=0.1, fid_digit=50.0, memorized=0.0, nearest_train=4.0)
    return row


def fake_result() -> dict:
    """A measure_all result with made-up numbers: the figures and tables must show whatever they are."""
    rows = [_row("vae", "VAE", 0.05, 1, 236_688), _row("gan", "GAN", 0.4, 1, 948_225),
            _row("diffusion", "Diffusion", 60.0, 40, 1_114_209)]
    rows[1]["sharpness"] = 0.2
    llm = {**_row("llm", "LLM (transformer)", 2000.0, 20, 134_515_008, image=False), "prompt": "Describe a handwritten seven.",
           "text": "A seven has a bar and a slanted stroke.", "tokens": 20, "ms_per_token": 100.0}
    nerf = _row("nerf", "NeRF", 400.0, 480_000, 16_068, image=False)
    images = {r["key"]: np.random.default_rng(0).random((4, 28, 28)).astype(np.float32) for r in rows}
    measurements = {**MEASURED, "frechet_floor": 20.0, **{f"{f}.ms_per_train_step": 10.0 for f in ("vae", "gan", "diffusion", "nerf", "llm")}}
    return {"machine": "test machine", "date": "2026-11-23T23:00+00:00", "load_average": 1.0, "seconds": 60.0,
            "request": {"digit": 7, "n": 4, "seed": 0, "rows": rows, "llm": llm, "nerf": nerf},
            "images": images, "measurements": measurements}


def test_table_has_one_row_per_family_with_every_measured_column():
    result = fake_result()
    table = ui.family_table(result["request"], result["measurements"])
    assert [r[0] for r in table] == FAMILY_NAMES
    assert all(len(r) == len(ui.TABLE_COLUMNS) for r in table)
    column = {name: i for i, name in enumerate(ui.TABLE_COLUMNS)}
    assert [r[column["ms per output"]] for r in table] == [0.05, 0.4, 60.0, 2000.0, 400.0]
    assert table[2][column["network passes per output"]].startswith("40 UNet passes")
    assert all(r[column["training step (ms)"]] == 10.0 for r in table)
    assert table[3][column["recognized"]] is None  # no digit metrics for text or a 3D view


def test_every_claim_is_in_the_claims_table_and_verdicts_follow_the_numbers():
    m = fake_result()["measurements"]
    rows = ui.claims_rows(m)
    assert [r[0] for r in rows] == [c.text for c in claims.CLAIMS]
    verdict = ui.CLAIM_COLUMNS.index("verdict")
    assert all(r[verdict] == claims.SUPPORTED for r in rows)
    # Small data: the VAE's Fréchet distance grows the most -> not supported; measurement text changes too.
    flipped = ui.claims_rows({**m, "vae_small.frechet": 100.0})
    assert flipped[3][verdict] == claims.NOT_SUPPORTED and flipped[3][2] != rows[3][2]
    # Speed: the GAN slower than diffusion -> the "GANs faster" claim fails, NeRF still slowest.
    flipped = ui.claims_rows({**m, "gan.ms_per_sample": 100.0})
    assert flipped[1][verdict] == claims.NOT_SUPPORTED and flipped[6][verdict] == claims.SUPPORTED


def test_figures_show_every_family():
    result = fake_result()
    picture = ui.side_by_side(result["images"], result["request"]["rows"], 7)
    one = ui.side_by_side({"vae": result["images"]["vae"]}, result["request"]["rows"][:1], 7)
    assert picture.width > 2.5 * one.width - 50 and picture.height == one.height  # a column per family
    columns = np.asarray(picture.convert("L"))[80:].mean(0)
    assert (columns > 40).sum() > 0.3 * picture.width  # digits drawn, not a blank canvas
    radar = ui.quality_figure(result["request"]["rows"])
    assert [t.name for t in radar.data] == ["VAE", "GAN", "Diffusion"]
    assert max(max(t.r) for t in radar.data) == pytest.approx(1.0)
    cost = ui.cost_figure(result["request"], result["measurements"])
    assert len(cost.data) == 2 and len(cost.data[0].y) == 5 and cost.layout.yaxis.type == "log"
    text = ui.llm_markdown(result["request"], live=True)
    assert "A seven has a bar" in text and "135 M parameters" in text and "just now" in text
    assert "Shipped" in ui.llm_markdown(result["request"], live=False)


def test_status_names_the_machine_and_date():
    line = ui.status_markdown(fake_result(), live=False)
    assert "test machine" in line and "2026-11-23" in line and "Shipped" in line
    assert "Re-run" in ui.status_markdown(None, live=False)


def test_shipped_numbers_cover_every_claim():
    shipped = compare.load_shipped()
    assert shipped is not None, "assets/compare/measurements.json is missing: python -m bench.compare --write"
    assert shipped["machine"] and shipped["date"]
    verdicts = [r["verdict"] for r in claims.judge_all(shipped["measurements"])]
    assert claims.NOT_MEASURED not in verdicts
    assert [r["family"] for r in shipped["request"]["rows"]] == FAMILY_NAMES[:3]
    assert all(shipped["images"][k].shape[1:] == (28, 28) for k in compare.FAMILIES)


def test_peak_memory_sees_tensor_allocations():
    x = torch.randn(512, 512)

    def work():
        for _ in range(3):
            y = x @ x  # 1 MB result, freed each round
            del y

    peak = compare.peak_tensor_mb(work)
    assert 0.9 < peak < 2.5  # one result alive at a time, not three


@pytest.mark.parametrize("digit, n, seed", [(10, 4, 0), (-1, 4, 0), (3, 1, 0), (3, 33, 0), (3, 4, -5), ("x", 4, 0)])
def test_bad_requests_are_refused(digit, n, seed):
    with pytest.raises(UserInputError):
        compare.check_request(digit, n, seed)


@pytest.mark.slow
def test_the_vae_draws_the_digit_asked_for_from_its_class_gaussian():
    from engines import classifier

    for key in ("vae", "vae_small"):
        for digit in (0, 7):
            images = compare.sample(key, digit, 16, seed=1)
            labels, _ = classifier.classify(images)
            assert images.shape == (16, 28, 28) and (labels == digit).mean() >= 0.6, (key, digit)
    a, b = compare.sample("vae", 3, 4, seed=1), compare.sample("vae", 3, 4, seed=2)
    assert np.allclose(a, compare.sample("vae", 3, 4, seed=1)) and not np.allclose(a, b)


@pytest.mark.slow
def test_measure_all_fills_every_claim(monkeypatch):
    """The full measurement at the smallest sizes: every claim gets a verdict, every family a row."""
    for name, value in {"FID_PER_DIGIT": 1, "STEP_SWEEP_PER_DIGIT": 1, "GUIDANCE_SWEEP_PER_DIGIT": 2, "STEPS": 2,
                        "FEW_STEPS": 1, "MANY_STEPS": 2, "GUIDANCE_SWEEP_STEPS": 1, "LLM_TOKENS": 2,
                        "LLM_TRAIN_TOKENS": 4}.items():
        monkeypatch.setattr(compare, name, value)
    monkeypatch.setattr(compare, "TRAIN_BATCH", {"vae": 4, "gan": 4, "diffusion": 2})
    seen = []
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # on a shared 2-core CPU, two threads wait for each other
    try:
        result = compare.measure_all(3, 2, 0, progress=lambda f, label: seen.append(f))
    finally:
        torch.set_num_threads(threads)
    assert seen[0] == 0 and seen[-1] == 1.0 and seen == sorted(seen)
    verdicts = [r["verdict"] for r in claims.judge_all(result["measurements"])]
    assert claims.NOT_MEASURED not in verdicts
    table = ui.family_table(result["request"], result["measurements"])
    assert [r[0] for r in table] == FAMILY_NAMES
    assert all(r[3] > 0 and float(r[5].removesuffix(" M")) > 0 for r in table)  # time and parameters, every family
    assert result["request"]["llm"]["text"]
    copy.deepcopy(result)  # plain data


def test_the_little_data_split_is_a_stratified_tenth_of_the_training_digits():
    from engines import digits

    full, small = digits.split(), digits.fraction(0.1)
    assert small.train_x.shape == (450, 28, 28) and np.bincount(small.train_y).tolist() == [45] * 10
    assert small.test_x is full.test_x  # judged on the same real digits
    flat = {img.tobytes() for img in full.train_x}
    assert all(img.tobytes() in flat for img in small.train_x)
    assert digits.fraction(1.0) is full
    with pytest.raises(UserInputError):
        digits.fraction(0.0)
