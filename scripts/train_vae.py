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


@torch.no_grad()
def evaluate(model: DigitVAE, x: torch.Tensor) -> dict[str, float]:
    """Test-split reconstruction error and KL, using the mean code (what the app shows)."""
    model.eval()
    mean, logvar = model.encode(x)
    logits = model.decode_logits(mean)
    recon, kl = losses(logits, x, mean, logvar)
    mse = (torch.sigmoid(logits) - x).pow(2).mean()
    return {"recon_nats": recon.mean().item(), "kl_nats": kl.mean().item(), "mse_per_pixel": mse.item()}


def train_one(name: str, latent_dim: int, beta: float, data: digits.Split, epochs: int, seed: int, out: Path,
              quick: bool, accelerator) -> dict | None:
    from scripts.train import process_batches

    torch.manual_seed(seed)
    model = DigitVAE(latent_dim=latent_dim, beta=beta)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    trained, opt = accelerator.prepare(model, opt)
    main = accelerator.is_main_process
    x_train = torch.from_numpy(np.array(data.train_x))
    x_test = torch.from_numpy(np.array(data.test_x))
    if quick:
        x_train, x_test = x_train[:512], x_test[:128]
    generator = torch.Generator().manual_seed(seed)
    started = time.monotonic()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        total_recon = total_kl = 0.0
        batches = process_batches(order, BATCH, accelerator)
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
        if main and (epoch % 10 == 0 or epoch == epochs - 1):
            n = sum(len(idx) for idx in batches)
            print(f"[vae {name}] epoch {epoch + 1}/{epochs} recon {total_recon / n:.1f} kl {total_kl / n:.2f}", flush=True)
    seconds = time.monotonic() - started
    if not main:
        return None
    metrics = evaluate(model, x_test)
    on_train = evaluate(model, x_train)  # the gap to the test split shows overfitting on 4,500 digits
    metrics.update(train_recon_nats=on_train["recon_nats"], train_kl_nats=on_train["kl_nats"])
    folder = out / name
    copy.deepcopy(model).half().save_pretrained(folder)
    record = {"latent_dim": latent_dim, "beta": beta, "epochs": epochs, "train_seconds": round(seconds, 1),
              "parameters": sum(p.numel() for p in model.parameters()), **metrics}
    print(f"[vae {name}] test {json.dumps(record)}", flush=True)
    return record


def train(args) -> None:
    from scripts.train import accelerator_for

    accelerator = accelerator_for(args)
    data = digits.fraction(args.fraction)
    epochs = args.epochs or (2 if args.quick else EPOCHS)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    summary_path = out / "training.json"
    summary = json.loads(summary_path.read_text()) if summary_path.is_file() else {}
    summary.setdefault("models", {})
    for name in args.models:
        latent_dim, beta = VARIANTS[name]
        record = train_one(name, latent_dim, beta, data, epochs, args.seed, out, args.quick, accelerator)
        if record is None:  # not the main process: it helped train, the main process writes
            continue
        summary["models"][name] = record
        summary["machine"] = f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} torch thread(s), CPU only"
        summary["data"] = f"{len(data.train_x)} train / {len(data.test_x)} test digits (engines.digits.split)"
        summary_path.write_text(json.dumps(summary, indent=2) + "\n")  # after each model: partial runs still count
