"""VAEs on the shared MNIST split: a 2-D latent (the map), 16-D (quality), and the 2-D model at beta 0.5 / 1 / 4.

Loss per image = reconstruction error (Bernoulli NLL, nats) + beta * KL(q(z|x) || N(0, I)).
Each model goes to ``<out>/<name>/`` (config.json + model.safetensors, stored as float16 to keep
assets small); ``<out>/training.json`` records each model's reconstruction error and KL on the
test split and on the training digits (the beta trade-off chart reads them), its training time and the machine.
Nothing is chosen on the test digits: each model trains a fixed number of epochs and ships its last
weights; the test figures are reported, not used. Runs unchanged under ``accelerate launch``
(data parallel; the main process writes).
"""

from __future__ import annotations

import copy
import json
import platform
import time
from pathlib import Path

import numpy as np
import torch

from engines import digits
from engines.vae_model import DigitVAE, losses

DEFAULT_OUT = "assets/vae"

# name -> (latent size, beta). "2d-beta1" is both the latent-map model and the beta = 1 point.
VARIANTS = {
    "2d-beta1": (2, 1.0),
    "16d": (16, 1.0),
    "2d-beta0.5": (2, 0.5),
    "2d-beta4": (2, 4.0),
}
EPOCHS = 150
BATCH = 128
LR = 1e-3


def add_arguments(parser) -> None:
    parser.add_argument("--fraction", type=float, default=1.0,
                        help="train on this share of the training split, stratified (0.1 = 450 digits)")
    parser.add_argument("--models", nargs="+", choices=sorted(VARIANTS), default=list(VARIANTS),
                        help="which variants to train (default: all)")
    parser.add_argument("--check-every", type=int, default=None,
                        help="every this many steps, judge the model's samples on the validation digits (recorded in training.json)")
    from scripts.train import add_data_arguments

    add_data_arguments(parser)


@torch.no_grad()
def evaluate(model: DigitVAE, x: torch.Tensor) -> dict[str, float]:
    """Test-split reconstruction error and KL, using the mean code (what the app shows)."""
    model.eval()
    mean, logvar = model.encode(x)
    logits = model.decode_logits(mean)
    recon, kl = losses(logits, x, mean, logvar)
    mse = (torch.sigmoid(logits) - x).pow(2).mean()
    return {"recon_nats": recon.mean().item(), "kl_nats": kl.mean().item(), "mse_per_pixel": mse.item()}


CHECK_SAMPLES = 500  # samples (50 per digit) a --check-every snapshot is judged on


@torch.no_grad()
def judge_samples(model: DigitVAE, x_train: torch.Tensor, y_train: np.ndarray, samples: int = CHECK_SAMPLES) -> dict:
    """Samples of every digit (the class-code Gaussians, as the Compare tab draws them) against the validation digits."""
    from engines import metrics
    from engines.vae_model import samples_per_digit

    model.eval()
    per_digit = samples // 10
    images = samples_per_digit(model, x_train, y_train, per_digit, seed=1234)
    model.train()
    report = metrics.report(images, np.repeat(np.arange(10), per_digit), reference="validation")
    return {k: round(report[k], 4) for k in ("fid", "precision", "recall", "class_diversity", "recognizability")}


def train_one(name: str, latent_dim: int, beta: float, data: tuple[np.ndarray, np.ndarray], test_x: np.ndarray, epochs: int,
              seed: int, out: Path, quick: bool, accelerator, max_steps: int | None = None, check_every: int | None = None) -> dict | None:
    from scripts.train import process_batches

    torch.manual_seed(seed)
    model = DigitVAE(latent_dim=latent_dim, beta=beta)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    trained, opt = accelerator.prepare(model, opt)
    main = accelerator.is_main_process
    x_train = torch.from_numpy(np.array(data[0]))
    y_train = np.asarray(data[1])
    x_test = torch.from_numpy(np.array(test_x))
    if quick:
        x_train, y_train, x_test = x_train[:512], y_train[:512], x_test[:128]
    generator = torch.Generator().manual_seed(seed)
    started = time.monotonic()
    step, epochs_done, snapshots, check_seconds = 0, 0, [], 0.0
    for epoch in range(epochs):
        if max_steps is not None and step >= max_steps:
            break
        epochs_done += 1
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        total_recon = total_kl = 0.0
        batches = process_batches(order, BATCH, accelerator)
        if max_steps is not None:
            batches = batches[: max_steps - step]
        for idx in batches:
            x = x_train[idx]
            logits, mean, logvar = trained(x, generator=generator)
            recon, kl = losses(logits, x, mean, logvar)
            loss = (recon + beta * kl).mean()
            opt.zero_grad()
            accelerator.backward(loss)
            opt.step()
            total_recon += recon.sum().item()
            total_kl += kl.sum().item()
            step += 1
            if check_every and main and step % check_every == 0:
                checked = time.monotonic()
                snapshots.append({"step": step, "epoch": epoch + 1,
                                  "minutes": round((checked - started - check_seconds) / 60, 2),  # training time only
                                  "validation": judge_samples(model, x_train, y_train)})
                check_seconds += time.monotonic() - checked
        if main and (epoch % 10 == 0 or epoch == epochs - 1):
            n = sum(len(idx) for idx in batches)
            print(f"[vae {name}] epoch {epoch + 1}/{epochs} recon {total_recon / n:.1f} kl {total_kl / n:.2f}", flush=True)
    seconds = time.monotonic() - started - check_seconds
    if not main:
        return None
    metrics = evaluate(model, x_test)
    on_train = evaluate(model, x_train)  # the gap to the test split shows overfitting on 4,500 digits
    metrics.update(train_recon_nats=on_train["recon_nats"], train_kl_nats=on_train["kl_nats"])
    folder = out / name
    copy.deepcopy(model).half().save_pretrained(folder)
    record = {"latent_dim": latent_dim, "beta": beta, "epochs": epochs_done, "steps": step, "batch": BATCH,
              "train_digits": len(x_train), "train_seconds": round(seconds, 1),
              "parameters": sum(p.numel() for p in model.parameters()), **metrics}
    if snapshots:
        record["snapshots"] = snapshots
    print(f"[vae {name}] test {json.dumps(record)}", flush=True)
    return record


def train(args) -> None:
    from scripts.train import accelerator_for, budget_note, training_digits

    accelerator = accelerator_for(args)
    data = training_digits(args)
    test_x = digits.split().test_x
    epochs = args.epochs or (2 if args.quick else EPOCHS)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    summary_path = out / "training.json"
    summary = json.loads(summary_path.read_text()) if summary_path.is_file() else {}
    summary.setdefault("models", {})
    for name in args.models:
        latent_dim, beta = VARIANTS[name]
        record = train_one(name, latent_dim, beta, data, test_x, epochs, args.seed, out, args.quick, accelerator,
                           max_steps=args.steps, check_every=args.check_every)
        if record is None:  # not the main process: it helped train, the main process writes
            continue
        summary["models"][name] = record
        summary["machine"] = f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} torch thread(s), CPU only"
        summary["data"] = f"{len(data[0])} train / {len(test_x)} test digits (engines.digits.split)"
        summary.update(budget_note(args), seed=args.seed)
        summary_path.write_text(json.dumps(summary, indent=2) + "\n")  # after each model: partial runs still count
