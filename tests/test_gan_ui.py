"""The GAN tab's figures and its API, driven as a user (gradio_client) would."""

from __future__ import annotations

import numpy as np
import pytest

from engines import gan_lab


def test_lab_figure_has_surface_points_mapping_and_losses():
    from ui.gan import lab_figure, lab_status

    lab = gan_lab.Lab(gan_lab.LabConfig(target="Two moons"))
    frame = next(lab.stream(20, 20))
    fig = lab_figure(frame)
    kinds = [t.type for t in fig.data]
    assert kinds[0] == "heatmap" and np.asarray(fig.data[0].z).shape == (gan_lab.GRID, gan_lab.GRID)
    names = [t.name for t in fig.data]
    assert {"real", "generated", "D loss", "G loss"} <= set(names)
    assert "step 20 / 20" in lab_status(frame, 5.0)


def test_lab_handler_turns_a_nan_learning_rate_into_a_clear_message():
    import gradio as gr

    from ui.gan import lab_train

    with pytest.raises(gr.Error, match="finite"):
        next(lab_train(gan_lab.TARGETS[0], "", "non-saturating", float("nan"), 1e-3, 1, 100, 0))


@pytest.mark.slow
def test_generate_api_returns_gallery_then_scores(client):
    gallery, table, real, plot, summary = client.predict(digit=3, n=6, seed=1, api_name="/gan_generate")
    assert len(gallery) == 6 and all("D " in item["caption"] for item in gallery)
    rows = table["data"]
    assert len(rows) == 6 and all(r[1] == 3 and 0 <= r[4] <= 1 for r in rows)
    assert len(real) == 6 and "ms" in summary


@pytest.mark.slow
@pytest.mark.parametrize("digit, n, seed", [(10, 4, 0), (3, 0, 0), (3, 500, 0), (3, 4, -5), (3, 4, 2**40)])
def test_generate_api_refuses_bad_input_and_keeps_serving(client, digit, n, seed):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError):
        client.predict(digit=digit, n=n, seed=seed, api_name="/gan_generate")
    gallery, *_ = client.predict(digit=-1, n=2, seed=0, api_name="/gan_generate")
    assert len(gallery) == 2


@pytest.mark.slow
def test_walk_and_timeline_api(client):
    strip, gif, note = client.predict(seed_a=1, seed_b=2, digit_a=3, digit_b=8, frames=6, api_name="/gan_walk")
    assert str(gif).endswith(".gif") and "6 frames" in note
    image, plot = client.predict(index=1, api_name="/gan_timeline")
    assert image


@pytest.mark.slow
def test_lab_train_api_streams_frames_and_refuses_bad_input(client):
    from gradio_client.exceptions import AppError

    job = client.submit(gan_lab.TARGETS[2], "", "least squares", 1e-3, 1e-3, 1, 100, 0, api_name="/gan_lab_train")
    outputs = list(job)
    assert len(outputs) == 5  # 100 steps, a frame every 20
    assert "step 100 / 100" in outputs[-1][1]
    for args, match in [((gan_lab.TARGETS[0], "", "non-saturating", 5.0, 1e-3, 1, 100, 0), "between"),
                        ((gan_lab.TARGETS[3], "1,2", "non-saturating", 1e-3, 1e-3, 1, 100, 0), "at least 3"),
                        ((gan_lab.TARGETS[3], "", "non-saturating", 1e-3, 1e-3, 1, 100, 0), "empty"),
                        ((gan_lab.TARGETS[3], "0,0\nfoo,bar\n1,1", "non-saturating", 1e-3, 1e-3, 1, 100, 0), "Line 2")]:
        with pytest.raises(AppError, match=match):
            client.predict(*args, api_name="/gan_lab_train")
    fig, status, *_ = client.predict(gan_lab.TARGETS[3], "0,0\n1,1\n2,0\n3,1", "non-saturating", 1e-3, 1e-3, 2, 100, 0,
                                     api_name="/gan_lab_train")
    assert "step 100" in status


@pytest.mark.slow
def test_lab_train_can_be_stopped_and_the_server_keeps_serving(client):
    job = client.submit(gan_lab.TARGETS[0], "", "non-saturating", 1e-3, 1e-3, 1, gan_lab.MAX_STEPS, 0, api_name="/gan_lab_train")
    for _ in job:  # the first frame arrives, then the user presses Stop
        break
    job.cancel()
    gallery, *_ = client.predict(digit=0, n=2, seed=0, api_name="/gan_generate")
    assert len(gallery) == 2


@pytest.mark.slow
def test_measure_api_puts_gan_samples_next_to_real_digits(client):
    table = client.predict(api_name="/gan_measure")
    rows = {r[0]: r for r in table["data"]}
    assert rows["recognizability"][1] >= 0.85 and rows["memorized share"][1] <= 0.05
    assert rows["FID (classifier features)"][2] < rows["FID (classifier features)"][1]  # real digits are the floor
    assert rows["recall"][1] >= 0.3 and rows["within-class diversity"][1] >= 0.6  # fidelity and diversity both measured


@pytest.mark.slow
def test_collapse_api_shows_the_collapsed_gan_beside_ours_on_the_same_noise(client):
    from PIL import Image

    image, table, note = client.predict(digit=7, seed=0, api_name="/gan_collapse")
    rows = {r[0]: r for r in table["data"]}
    ours, collapsed, real = rows["our GAN"], rows["a collapsed GAN"], rows["real digits (training)"]
    # columns: model, within-class diversity, recall, precision, recognized
    assert collapsed[1] < 0.4 < ours[1] and collapsed[2] < 0.1 < ours[2] and real[2] > 0.5
    assert collapsed[3] >= 0.8  # the collapsed GAN looks real: high precision, no variety
    picture = Image.open(image)
    assert picture.width > 2 * picture.height * 0.8  # two panels side by side
    left, right = (np.asarray(picture.convert("L"))[40:, i * picture.width // 2:(i + 1) * picture.width // 2] for i in (0, 1))
    assert left.std() > 20 and right.std() > 20  # digits drawn in both panels, not blank
    assert "64 samples of the digit 7" in note


@pytest.mark.slow
@pytest.mark.parametrize("digit, seed", [(-1, 0), (10, 0), (3.5, 0), (3, -1)])
def test_collapse_api_refuses_bad_input(client, digit, seed):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError):
        client.predict(digit=digit, seed=seed, api_name="/gan_collapse")


def test_charts_name_their_axes_and_write_numbers_as_the_page_does():
    """Loss curves say what their y axis is; German pages get decimal commas in captions and charts, and one word
    (Fälscher) for the artist."""
    from ui import gan
    from ui.i18n import speaking

    timeline = gan._timeline()
    frame = next(gan_lab.Lab(gan_lab.LabConfig()).stream(20, 20))
    for lang, separators, caption in (("en", ".,", "D 0.25 · reads 3"), ("de", ",.", "D 0,25 · liest 3")):
        with speaking(lang):
            figures = [gan.score_figure(np.array([0.2, 0.4]), np.array([0.6, 0.8])), gan.loss_figure(timeline), gan.lab_figure(frame)]
            assert gan._captions(np.array([3]), np.array([0.25]), np.array([3])) == [caption]
            assert "Künstler" not in gan.loss_figure(timeline).layout.annotations[0].text
        assert {fig.layout.separators for fig in figures} == {separators}
    _, losses, lab = figures
    assert losses.layout.yaxis.title.text == "Verlust" and losses.layout.yaxis2.title.text == "mittlerer D-Wert"
    assert lab.layout.yaxis2.title.text == "Verlust"
