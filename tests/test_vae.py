"""VAE engine on tiny random models: shapes, reparameterisation, seeds, saving; the hub tier on tiny local autoencoders."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engines import digits, vae
from engines.errors import ModelUnavailable, UserInputError
from engines.vae_model import DigitVAE, losses


def tiny_engine(latent_dim: int = 2) -> vae.VAEEngine:
    torch.manual_seed(0)
    engine = vae.VAEEngine("tiny")
    engine._model = DigitVAE(latent_dim=latent_dim, widths=(8,)).eval()  # skips _load: no weights needed
    return engine


def test_shapes_and_ranges():
    engine = tiny_engine(latent_dim=3)
    x = digits.split().test_x[:5]
    mean, logvar = engine.encode(x)
    assert mean.shape == logvar.shape == (5, 3)
    out = engine.decode(mean)
    assert out.shape == (5, 28, 28) and out.min() >= 0 and out.max() <= 1
    cloud = engine.cloud(x[0], k=4, seed=1)
    assert cloud.z.shape == (4, 3) and cloud.samples.shape == (4, 28, 28) and (cloud.variance > 0).all()
    assert engine.interpolate(x[0], x[1], steps=5).shape == (5, 28, 28)


def test_reparameterisation_is_mean_plus_sigma_noise_and_differentiable():
    mean = torch.tensor([[1.0, -2.0]], requires_grad=True)
    logvar = torch.tensor([[0.0, float(np.log(4.0))]], requires_grad=True)
    noise = torch.tensor([[0.5, 1.0]])
    z = DigitVAE.reparameterize(mean, logvar, noise)
    assert torch.allclose(z, torch.tensor([[1.5, 0.0]]))  # sigma = 1 and 2
    z.sum().backward()
    assert mean.grad is not None and logvar.grad is not None and logvar.grad.abs().sum() > 0


def test_cloud_samples_spread_as_the_variance_says():
    engine = tiny_engine()
    cloud = engine.cloud(digits.split().test_x[0], k=64, seed=3)
    empirical = cloud.z.std(0)
    assert np.allclose(cloud.z.mean(0), cloud.mean, atol=4 * np.sqrt(cloud.variance.max() / 64) + 1e-6)
    assert np.allclose(empirical, np.sqrt(cloud.variance), rtol=0.35)


def test_kl_is_zero_exactly_at_the_prior():
    x = torch.rand(2, 28, 28)
    recon, kl = losses(torch.zeros(2, 28, 28), x, torch.zeros(2, 4), torch.zeros(2, 4))
    assert torch.allclose(kl, torch.zeros(2)) and (recon > 0).all()


def test_seed_determinism():
    engine = tiny_engine()
    a, za = engine.prior_samples(6, seed=7)
    b, zb = engine.prior_samples(6, seed=7)
    c, _ = engine.prior_samples(6, seed=8)
    assert np.array_equal(a, b) and np.array_equal(za, zb) and not np.array_equal(a, c)
    x = digits.split().test_x[0]
    assert np.array_equal(engine.cloud(x, 4, 2).samples, engine.cloud(x, 4, 2).samples)


def test_manifold_grid_orientation():
    engine = tiny_engine()
    grid = engine.manifold(n=3, extent=2.0)
    assert grid.shape == (84, 84)
    assert np.allclose(grid[:28, :28], engine.decode(np.array([[-2.0, 2.0]]))[0])  # top-left = (x min, y max)
    assert np.allclose(grid[56:, 56:], engine.decode(np.array([[2.0, -2.0]]))[0])


@pytest.mark.parametrize("call", [
    lambda e: e.prior_samples(0, 0),
    lambda e: e.prior_samples(vae.MAX_SAMPLES + 1, 0),
    lambda e: e.prior_samples(4, -1),
    lambda e: e.decode_point(0, vae.LATENT_LIMIT + 1),
    lambda e: e.decode_point(float("nan"), 0),
    lambda e: e.interpolate(np.zeros((28, 28)), np.zeros((28, 28)), steps=1),
])
def test_bad_requests_get_clear_errors(call):
    with pytest.raises(UserInputError):
        call(tiny_engine())


def test_16d_model_has_no_map():
    with pytest.raises(UserInputError, match="2-D"):
        tiny_engine(latent_dim=16).decode_point(0, 0)


def test_save_and_load_roundtrip_in_float16(tmp_path):
    model = tiny_engine().model
    model.half().save_pretrained(tmp_path)
    loaded = DigitVAE.from_pretrained(str(tmp_path), strict=True).float()
    assert loaded.latent_dim == 2 and loaded.beta == 1.0
    for (name, a), (_, b) in zip(model.state_dict().items(), loaded.state_dict().items()):
        assert torch.equal(a.float(), b), name


def test_nearest_training_finds_an_exact_copy():
    data = digits.split()
    images, idx = vae.nearest_training(data.train_x[[10, 2000]])
    assert list(idx) == [10, 2000] and np.array_equal(images, data.train_x[[10, 2000]])


def test_training_script_quick(tmp_path):
    from scripts import train

    train.main(["vae", "--quick", "--threads", "1", "--out", str(tmp_path), "--models", "2d-beta4"])
    loaded = DigitVAE.from_pretrained(str(tmp_path / "2d-beta4"), strict=True)
    assert loaded.beta == 4.0
    import json

    record = json.loads((tmp_path / "training.json").read_text())["models"]["2d-beta4"]
    assert record["kl_nats"] >= 0 and record["recon_nats"] > 0


def test_unknown_model_refused():
    with pytest.raises(UserInputError):
        vae.get_vae("no such vae")


# -- hub tier ---------------------------------------------------------------------------------------


def _tiny_kl(folder):
    from diffusers import AutoencoderKL

    torch.manual_seed(0)
    AutoencoderKL(block_out_channels=(4, 8), down_block_types=("DownEncoderBlock2D",) * 2,
                  up_block_types=("UpDecoderBlock2D",) * 2, latent_channels=4, norm_num_groups=4,
                  sample_size=32).save_pretrained(folder, safe_serialization=True)


def _tiny_taesd(folder):
    from diffusers import AutoencoderTiny

    torch.manual_seed(0)
    AutoencoderTiny(encoder_block_out_channels=(4, 4), decoder_block_out_channels=(4, 4), num_encoder_blocks=(1, 1),
                    num_decoder_blocks=(1, 1), latent_channels=4).save_pretrained(folder, safe_serialization=True)


@pytest.mark.parametrize("repo_id, save", [("stabilityai/sd-vae-ft-mse", _tiny_kl), ("madebyollin/taesd", _tiny_taesd)])
def test_photo_autoencoder_from_the_local_hub(fake_hub, repo_id, save):
    fake_hub(repo_id, save)
    engine = vae.get_photo_autoencoder(repo_id)
    photo = (np.random.default_rng(0).random((50, 70, 4)) * 255).astype(np.uint8)  # RGBA, odd size
    result = engine.roundtrip(photo)
    assert result.image.shape == (48, 72, 3)  # multiples of 8
    c, h, w = result.latents.shape
    assert c == 4 and result.reconstruction.shape == result.image.shape
    assert result.ratio == pytest.approx(48 * 72 * 3 / (c * h * w))
    assert np.isfinite(result.psnr)


def test_photo_autoencoder_refuses_unlisted_and_reports_missing_models(monkeypatch):
    from engines import registry

    with pytest.raises(UserInputError, match="allowlist"):
        vae.get_photo_autoencoder("someone/evil-vae")
    absent = registry.ModelSpec("genai-lab/absent-vae", "vae", "hub", "genai-lab/absent-vae", "MIT", "test", 0)
    monkeypatch.setattr(registry, "MODELS", registry.MODELS + (absent,))
    with pytest.raises(ModelUnavailable, match="internet"):
        vae.PhotoAutoencoderEngine(absent.key).load()


def test_photo_prepare_handles_grey_and_tiny():
    assert vae.PhotoAutoencoderEngine.prepare(np.zeros((600, 300), np.uint8)).shape == (512, 256, 3)
    with pytest.raises(UserInputError, match="too small"):
        vae.PhotoAutoencoderEngine.prepare(np.zeros((4, 300, 3), np.uint8))


# -- the embedded weights ---------------------------------------------------------------------------


@pytest.mark.slow
def test_embedded_16d_reconstructions_pass_the_bar():
    from engines import metrics

    data = digits.split()
    engine = vae.get_vae(vae.QUALITY_MODEL)
    assert engine.latent_dim == 16
    assert metrics.recognizability(engine.reconstruct(data.test_x), data.test_y)["share"] >= 0.90  # all 500


@pytest.mark.slow
def test_embedded_models_load_and_sample_new_digits():
    for key in vae.embedded_models():
        engine = vae.get_vae(key)
        samples, _ = engine.prior_samples(64, 0)
        q = vae.sample_quality(samples)
        assert q["memorized_share"] == 0.0 and q["coverage"] >= 0.8, key
        assert q["recognizable"] >= 0.3, key  # well above noise (0%), below real digits (98%): blurry, see bench/vae.py


@pytest.mark.slow
def test_embedded_beta_models_trade_reconstruction_for_kl():
    """Measured on the shipped weights, not read from training.json: a larger β buys a smaller KL with a
    worse reconstruction. On all 4,500 training digits, what β weighs in training: on the first 500 the
    β = 0.5 and β = 1 reconstructions swap (0.4 nats apart), on the test digits β = 4 overfits least and
    reconstructs best."""
    x = torch.from_numpy(digits.split().train_x.copy())
    recon, kl = [], []
    for beta, key in sorted(vae.BETA_MODELS.items()):
        model = vae.get_vae(key).model
        assert model.beta == beta, key
        with torch.no_grad():
            mean, logvar = model.encode(x)
            r, k = losses(model.decode_logits(mean), x, mean, logvar)  # the mean code, as the app shows
        recon.append(r.mean().item())
        kl.append(k.mean().item())
    assert recon[0] < recon[1] < recon[2] and kl[0] > kl[1] > kl[2], (recon, kl)


# -- the Generate tab's verdict follows the measured near copies -------------------------------------


def test_generate_verdict_follows_the_measured_memorized_share(monkeypatch):
    from ui import vae as tab
    from ui.i18n import speaking

    engine = tiny_engine(latent_dim=16)
    monkeypatch.setattr(vae, "get_vae", lambda key: engine)
    monkeypatch.setattr(tab, "_real_sharpness", lambda: 0.25)
    monkeypatch.setattr(tab, "_gan_sharpness", lambda n, seed: 0.25)
    measured = {"memorized_share": 0.0}
    real_quality = vae.sample_quality

    def quality(images):
        return {**real_quality(images), **measured}

    monkeypatch.setattr(vae, "sample_quality", quality)

    def summary(lang: str = "en") -> str:
        with speaking(lang):
            return tab.vae_generate(n=8, seed=0, progress=lambda *a, **k: None)[2]

    assert real_quality(engine.prior_samples(8, 0)[0])["memorized_share"] == 0.0  # what the text says unpatched
    assert summary().startswith("**New, not copied.** None of the 8 samples")
    assert summary("de").startswith("**Neu, nicht kopiert.** Keines der 8 Samples")
    measured["memorized_share"] = 0.125
    assert "not copied" not in summary() and "1 of the 8 samples is a near copy" in summary()
    assert "nicht kopiert" not in summary("de") and "eines der 8 Samples ist eine Fast-Kopie" in summary("de")
    measured["memorized_share"] = 0.375
    assert "not copied" not in summary() and "3 of the 8 samples (38%) are near copies" in summary()
    assert "3 der 8 Samples (38 %) sind Fast-Kopien" in summary("de")


# -- the encoder's numbers and the β figures, readable and in the page's language ----------------------


def test_code_table_and_beta_figures_in_the_page_language():
    from types import SimpleNamespace

    from ui import vae as tab
    from ui.i18n import speaking

    mean, variance = np.array([0.5021, -2.561]), np.array([0.00251, 0.0056])
    table = tab.code_table(mean, variance)
    assert "| z₁ | z₂ |" in table and "| μ | 0.50 | -2.56 |" in table and "| σ² | 0.0025 | 0.0056 |" in table
    wide = tab.code_table(np.zeros(16), np.full(16, 0.98765))
    assert wide.count("| μ |") == 2 and "z₁₆" in wide and "| 0.988 |" in wide  # two rows of eight, three places
    summary = vae.training_summary()
    with speaking("de"):
        assert "| μ | 0,50 | -2,56 |" in tab.code_table(mean, variance)
        chart = tab.beta_chart(summary)
        *_, table = tab.vae_beta(0, progress=SimpleNamespace(tqdm=lambda items, **kw: items))
    assert chart.layout.separators == ",." and "β = 0,5" in chart.data[0].text
    assert "| 0,5 |" in table and "Schärfe" in table and "0." not in table
