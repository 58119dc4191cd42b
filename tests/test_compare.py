"""The Compare tab's engine and figures: measured columns, verdicts from the numbers, every family and claim."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch

from engines import claims, compare
from engines.errors import UserInputError
from tests.test_claims import MEASURABLE, inputs
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
    estimates = {}
    for claim in MEASURABLE:  # made-up estimates under which every claim is supported
        estimates.update({k: v for k, v in inputs(claim.key, +1).items() if not k.startswith("study.")})
    for sweep, settings in (("steps", claims.STEP_SWEEP), ("guidance", claims.GUIDANCE_SWEEP)):
        for i, x in enumerate(settings):
            for metric, value in (("ms", 10.0 + 20 * i), ("fid", 100.0 - 10 * i), ("precision", 0.5), ("recall", 0.4),
                                  ("class_diversity", 1.0 - 0.05 * i), ("recognizability", 0.5 + 0.05 * i)):
                estimates.setdefault(f"diffusion.{sweep}{x:g}.{metric}", inputs("gan_sharper", 0)["vae.sharpness"] | {"value": value})
    measurements = {k: v["value"] for k, v in estimates.items()}
    for r in rows:  # the evaluation's numbers, unlike the request's (the table and the charts must show these)
        measurements.update({f"{r['key']}.ms_per_sample": 10 * r["ms_per_output"], f"{r['key']}.recognizability": 0.95,
                             f"{r['key']}.fid": 40.0, f"{r['key']}.memorized": 0.01, f"{r['key']}.recall": 0.6})
    measurements.update({"llm.ms_per_output": 3000.0, "llm.ms_per_token": 150.0, "nerf.ms_per_output": 90.0})
    measurements.update({f"{f}.ms_per_train_step": 10.0 for f in ("vae", "gan", "diffusion", "nerf", "llm")})
    return {"machine": "test machine", "date": "2026-11-23T23:00+00:00", "load_average": 1.0, "seconds": 60.0,
            "request": {"digit": 7, "n": 4, "seed": 0, "rows": rows, "llm": llm, "nerf": nerf},
            "images": images, "measurements": measurements, "estimates": estimates}


def fake_study() -> dict:
    """A bench/study.py result with made-up runs under which the study's claims are supported."""
    def run(name, family, **values):
        setting, seed = name.split("-")[1], int(name.rsplit("seed", 1)[1])
        return {"name": name, "family": family, "seed": seed, "fraction": 0.1 if setting == "small" else 1.0,
                "corrupt": "noise" if setting == "noisy" else None, **values,
                "training": {"steps": 600, "minutes": 1.5, "train_digits": 400 if setting == "small" else 4000, "batch": 64},
                "curve": [{"step": 124 * k, "validation": {"recognizability": (0.12 if family == "gan" else 0.2) * k, "recall": 0.15 * k}}
                          for k in range(1, 6)]}  # the GAN gets to the targets later

    little, noisy = inputs("vae_little_data", +1), inputs("vae_noisy_data", +1)
    spread = {"vae": 0.02, "gan": 0.3, "diffusion": 0.02}  # the GAN varies most from seed to seed
    runs = []
    for family in claims.IMAGE_FAMILIES:
        for seed in range(3):
            scale = 1 + spread[family] * (seed - 1)  # the mean over seeds stays the same
            fid, recall = little[f"study.{family}.full.fid"], little[f"study.{family}.full.recall"]
            fid, recall = fid | {"value": fid["value"] * scale}, recall | {"value": recall["value"] * scale}
            runs.append(run(f"{family}-full-seed{seed}", family, fid=fid, recall=recall, precision=recall,
                            recognizability=recall, class_diversity=recall | {"value": 1.0}))
        for seed in range(2):
            runs.append(run(f"{family}-small-seed{seed}", family, fid=little[f"study.{family}.small.fid"],
                            recall=little[f"study.{family}.small.recall"], precision=little[f"study.{family}.small.recall"],
                            recognizability=little[f"study.{family}.small.recall"], class_diversity=little[f"study.{family}.small.recall"]))
        runs.append(run(f"{family}-noisy-seed0", family, fid=noisy[f"study.{family}.noisy.fid"], recall=noisy[f"study.{family}.noisy.recall"],
                        precision=noisy[f"study.{family}.noisy.recall"], recognizability=noisy[f"study.{family}.noisy.recall"],
                        class_diversity=noisy[f"study.{family}.noisy.recall"]))
    views = inputs("nerf_few_views", +1)
    for v in (5, 10, 20, 40, 80):
        psnr = views.get(f"study.nerf.views{v}.psnr", views["study.nerf.views80.psnr"])
        runs.append({"name": f"nerf-views{v}", "family": "nerf", "views": v, "steps": 2000, "psnr": psnr, "training": {}})
    return {"machine": "test machine", "date": "2026-12-02T03:00+00:00", "budget_steps": 600, "nerf_steps": 2000, "eval_samples": 200,
            "small_fraction": 0.1, "corruption": "noise, sigma 0.3", "diffusion_eval": {"steps": 20, "guidance": 3.0, "scheduler": "DDIM"},
            "jobs": 2, "seconds": 1.0, "runs": runs}


def test_table_has_one_row_per_family_with_every_measured_column():
    result = fake_result()
    table = ui.family_table(result["request"], result["measurements"])
    assert [r[0] for r in table] == FAMILY_NAMES
    assert all(len(r) == len(ui.TABLE_COLUMNS) for r in table)
    column = {name: i for i, name in enumerate(ui.TABLE_COLUMNS)}
    # the measured numbers the claims use, not the request's (0.05, 0.4, 60, 2000, 400 ms; recognized 0.9)
    assert [r[column["ms per output"]] for r in table] == [0.5, 4.0, 600.0, 3000.0, 90.0]
    assert [r[column["recognized"]] for r in table] == [0.95, 0.95, 0.95, None, None]  # no digit metrics for text or a view
    assert [r[column["memorized"]] for r in table][:3] == [0.01] * 3
    assert table[2][column["network passes per output"]].startswith("40 UNet passes")
    assert all(r[column["training step (ms)"]] == 10.0 for r in table)


def test_every_claim_is_in_the_claims_table_with_difference_interval_n_and_rule():
    result, study = fake_result(), fake_study()
    rows = ui.claims_rows(result, study)
    column = {name: i for i, name in enumerate(ui.CLAIM_COLUMNS)}
    assert len(rows) == len(claims.CLAIMS) and all(len(r) == len(ui.CLAIM_COLUMNS) for r in rows)
    assert [r[0] for r in rows] == [ui.T.en(f"claim_{c.key}") for c in claims.CLAIMS]
    verdicts = [r[column["verdict"]] for r in rows]
    assert verdicts[:-1] == ["supported"] * (len(rows) - 1) and verdicts[-1] == "pending"
    for row in rows[:-1]:
        lo, hi = (float(x.replace(",", "")) for x in row[column["95 % interval"]].split(" … "))
        assert 0 < lo <= hi and row[column["n"]] > 0 and row[column["rule"]].startswith("supported if")
    # Change a number: the verdict and the measurement text follow.
    worse = {**result, "estimates": {**result["estimates"], "gan.sharpness": inputs("gan_sharper", -1)["gan.sharpness"]}}
    flipped = ui.claims_rows(worse, study)
    assert flipped[0][column["verdict"]] == "refuted" and flipped[0][column["measurement"]] != rows[0][column["measurement"]]
    assert ui.claims_rows(result, None)[3][column["verdict"]] == "not measured"  # the little-data claim needs the study


def test_sweeps_and_studies_are_drawn_from_the_files():
    result, study = fake_result(), fake_study()
    steps = ui.sweep_figure(result, "steps")
    assert [t.name for t in steps.data][:2] == ["Fréchet distance", "ms per sample (right axis)"]
    assert list(steps.data[0].x) == list(claims.STEP_SWEEP) and steps.layout.xaxis2.type == "log"
    assert all(t.error_y.array is not None for t in steps.data)  # every point with its interval
    assert list(ui.sweep_figure(result, "guidance").data[0].x) == list(claims.GUIDANCE_SWEEP)
    assert ui.sweep_figure({"estimates": {}}, "steps") is None
    rows = ui.sweep_rows(result)
    assert len(rows) == len(claims.STEP_SWEEP) + len(claims.GUIDANCE_SWEEP) and all(len(r) == len(ui.SWEEP_KEYS) for r in rows)
    bars = ui.study_figure(study)
    assert [t.name for t in bars.data] == ["all digits", "10 % of the digits", "noisy digits"] and len(bars.data[0].y) == 3
    assert list(ui.views_figure(study).data[0].x) == [5, 10, 20, 40, 80]
    note = ui.study_markdown(study)
    assert "600 optimizer steps" in note and "seeds 0, 1, 2" in note and "4,000" in note and "400 digits" in note


def test_figures_show_every_family():
    result = fake_result()
    picture = ui.side_by_side(result["images"], result["request"]["rows"], 7)
    one = ui.side_by_side({"vae": result["images"]["vae"]}, result["request"]["rows"][:1], 7)
    assert picture.width > 2.5 * one.width - 50 and picture.height == one.height  # a column per family
    columns = np.asarray(picture.convert("L"))[80:].mean(0)
    assert (columns > 40).sum() > 0.3 * picture.width  # digits drawn, not a blank canvas
    radar = ui.quality_figure(result["request"]["rows"], result["measurements"])
    assert [t.name for t in radar.data] == ["VAE", "GAN", "Diffusion"]
    assert max(max(t.r) for t in radar.data) == pytest.approx(1.0)
    cost = ui.cost_figure(result["request"], result["measurements"])
    assert len(cost.data) == 2 and list(cost.data[0].y) == [0.5, 4.0, 600.0, 3000.0, 90.0] and cost.layout.yaxis.type == "log"
    assert cost.layout.legend.y < 0  # under the plot, never over a bar's label
    answer = copy.deepcopy(result["request"])
    answer["llm"]["text"] = "Seven: a bar and a stroke."
    text = ui.llm_markdown(answer, result)
    # the answer asked for now, the numbers of the measurements (3000 ms; the VAE at 0.5 ms is the fastest)
    assert "Seven: a bar and a stroke." in text and "135 M parameters" in text and "**3.00 s**" in text and "**0.50 ms**" in text
    assert "6,000×" in text


def test_status_names_the_machine_and_date_and_what_was_drawn_now():
    line = ui.status_markdown(fake_result(), live=False)
    assert "test machine" in line and "2026-11-23" in line and "Shipped" in line and "just made" not in line
    drawn = ui.status_markdown(fake_result(), live=False, drawn={"digit": 3, "n": 5, "seed": 2})
    assert drawn.startswith(line) and "just made for digit 3 (n = 5, seed 2)" in drawn
    assert "Re-run" in ui.status_markdown(None, live=False)


def test_shipped_numbers_and_study_cover_every_claim():
    shipped, study = compare.load_shipped(), compare.load_study()
    assert shipped is not None, "assets/compare/measurements.json is missing: python -m bench.compare --write"
    assert study is not None, "assets/compare/study.json is missing: python -m bench.study"
    assert shipped["machine"] and shipped["date"] and study["machine"] and study["date"]
    verdicts = [r["verdict"] for r in compare.claims_table(shipped, study)]
    assert claims.NOT_MEASURED not in verdicts and verdicts.count(claims.PENDING) == 1
    assert all(r["training"]["steps"] == study["budget_steps"] for r in study["runs"] if r["family"] != "nerf")  # one budget
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
def test_measure_all_fills_every_measured_claim(monkeypatch):
    """The full measurement at the smallest sizes: every claim not from the study gets a verdict, every family a row."""
    for name, value in {"EVAL_PER_DIGIT": 2, "SWEEP_PER_DIGIT": 2, "STEPS": 2, "TIMING_REPEATS": 2, "TIMING_SAMPLES": 2,
                        "REQUEST_REPEATS": 1, "TRAIN_REPEATS": 1, "LLM_TOKENS": 2, "LLM_TRAIN_TOKENS": 4}.items():
        monkeypatch.setattr(compare, name, value)
    monkeypatch.setattr(claims, "STEP_SWEEP", claims.STEP_SWEEP[:: len(claims.STEP_SWEEP) - 1])  # the two ends the claim reads
    monkeypatch.setattr(claims, "GUIDANCE_SWEEP", claims.GUIDANCE_SWEEP[:: len(claims.GUIDANCE_SWEEP) - 1])
    monkeypatch.setattr(compare, "TRAIN_BATCH", {"vae": 4, "gan": 4, "diffusion": 2})
    seen = []
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # on a shared 2-core CPU, two threads wait for each other
    try:
        result = compare.measure_all(3, 2, 0, progress=lambda f, label: seen.append(f))
    finally:
        torch.set_num_threads(threads)
    assert seen[0] == 0 and seen[-1] == 1.0 and seen == sorted(seen)
    rows = {r["claim"]: r["verdict"] for r in compare.claims_table(result, None)}
    from_samples = ("gan_sharper", "gan_faster", "diffusion_faithful", "steps_quality", "guidance_tradeoff", "nerf_slow", "gan_outliers")
    assert all(rows[k] in (claims.stats.SUPPORTED, claims.stats.REFUTED, claims.stats.UNDECIDED) for k in from_samples), rows
    assert all(e["n"] > 0 and len(e["boot"]) == claims.stats.BOOTSTRAP for e in result["estimates"].values())
    table = ui.family_table(result["request"], result["measurements"])
    assert [r[0] for r in table] == FAMILY_NAMES
    column = {name: i for i, name in enumerate(ui.TABLE_COLUMNS)}
    assert all(r[column["ms per output"]] > 0 and float(r[column["parameters"]].removesuffix(" M")) > 0 for r in table)
    assert all(0 <= r[column["memorized"]] <= 1 for r in table[:3])
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


def test_a_rerun_measures_for_the_session_that_asked(monkeypatch):
    """Re-run on this machine: that session sees its numbers; every other visitor keeps the shipped ones."""
    import app

    shipped = compare.load_shipped()
    remeasured = copy.deepcopy(shipped) | {"machine": "the teacher's laptop"}
    remeasured["images"] = {k: (np.asarray(v) * 255).astype(np.uint8) for k, v in shipped["images"].items()}
    monkeypatch.setattr(compare, "measure_all", lambda *a, **kw: copy.deepcopy(remeasured))
    *views, mine = ui.compare_rerun(3, 8, 0, mine=None, progress=lambda *a, **kw: None)
    status = views[6]
    assert mine["machine"] == "the teacher's laptop" and "the teacher's laptop" in status and "for you only" in status
    assert "the teacher's laptop" not in ui.shipped()[6]  # a new visitor's page
    assert ui.measurements_for(None)["machine"] == shipped["machine"]  # another session's claims and sweeps
    rerun = next(fn for fn in app.demo.fns.values() if fn.api_name == "compare_rerun")
    assert rerun.concurrency_id == "compare-rerun" and rerun.concurrency_limit == 1
