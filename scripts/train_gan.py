"""Train the class-conditional digit GAN on the shared MNIST split (non-saturating loss, spectral norm).

Saves, into ``--out`` (assets/gan): the DigitGAN (safetensors + config.json, rewritten at every
snapshot so a stopped run still leaves usable weights), ``timeline.npz`` (fixed-noise samples
every few epochs and the G/D loss history, for the tab's training timeline) and ``training.json``.
"""

from __future__ import annotations

import copy
import json
import platform
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from engines import digits
from engines.gan_model import DigitGAN

DEFAULT_OUT = "assets/gan"
FIXED_SEED = 1234  # the timeline's fixed noise: the same 20 draws at every snapshot
FIXED_LABELS = np.tile(np.arange(10), 2)
EMA_DECAY = 0.995  # the shipped generator is a running average of the trained one: steadier samples
CHECK_SAMPLES = 500  # digits generated at each snapshot to pick the best epoch by recognizability


def add_arguments(parser) -> None:
    parser.add_argument("--fraction", type=float, default=1.0,
                        help="train on this share of the training split, stratified (0.1 = 450 digits)")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--snapshot-every", type=int, default=2, help="epochs between timeline snapshots")


def d_loss_fn(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    # -log D(real) - log(1 - D(fake)), written with softplus for numerical stability
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def g_loss_fn(fake_logits: torch.Tensor) -> torch.Tensor:
    # non-saturating: the generator maximises log D(fake) instead of minimising log(1 - D(fake))
    return F.softplus(-fake_logits).mean()


def _fixed_samples(model: DigitGAN, z: torch.Tensor, y: torch.Tensor) -> np.ndarray:
    model.eval()
    with torch.no_grad():
        images = model.generator(z, y)[:, 0].numpy()
    model.train()
    return (digits.to_unit(images) * 255).round().astype(np.uint8)  # (20, 28, 28)


def _recognizability(model: DigitGAN) -> float:
    """Share of CHECK_SAMPLES fresh digits the project's classifier reads as the digit asked for."""
    from engines import classifier

    gen = torch.Generator().manual_seed(FIXED_SEED + 1)
    z, y = torch.randn(CHECK_SAMPLES, model.z_dim, generator=gen), torch.arange(CHECK_SAMPLES) % 10
    model.eval()
    with torch.no_grad():
        images = digits.to_unit(model.generator(z, y)[:, 0].numpy())
    model.train()
    labels, _ = classifier.classify(images)
    return float((labels == y.numpy()).mean())


def train(args) -> None:
    torch.manual_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    epochs = args.epochs or (1 if args.quick else 60)
    data = digits.fraction(args.fraction)
    x_all = torch.from_numpy(digits.to_signed(data.train_x)).unsqueeze(1)  # (4500, 1, 28, 28)
    y_all = torch.from_numpy(data.train_y.copy())
    model = DigitGAN()
    G, D = model.generator, model.discriminator
    shipped = copy.deepcopy(model)  # its generator is the EMA of G; its discriminator a copy of D
    opt_g = torch.optim.Adam(G.parameters(), args.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), args.lr, betas=(0.5, 0.999))
    gen = torch.Generator().manual_seed(FIXED_SEED)
    fixed_z = torch.randn(len(FIXED_LABELS), model.z_dim, generator=gen)
    fixed_y = torch.from_numpy(FIXED_LABELS)

    history = {"step": [], "d_loss": [], "g_loss": [], "d_real": [], "d_fake": []}
    snapshots, snapshot_epochs, snapshot_steps = [_fixed_samples(model, fixed_z, fixed_y)], [0], [0]
    best = {"recognizability": -1.0, "epoch": 0}
    step, started = 0, time.monotonic()
    window: list[list[float]] = []
    max_batches = 5 if args.quick else None
    for epoch in range(1, epochs + 1):
        order = torch.randperm(len(x_all))
        for b, start in enumerate(range(0, len(order) - args.batch + 1, args.batch)):
            if max_batches is not None and b >= max_batches:
                break
            idx = order[start : start + args.batch]
            real, y = x_all[idx], y_all[idx]
            z = torch.randn(len(idx), model.z_dim)
            fake = G(z, y)
            # detective step: tell real from fake
            real_logits, fake_logits = D(real, y), D(fake.detach(), y)
            loss_d = d_loss_fn(real_logits, fake_logits)
            opt_d.zero_grad(set_to_none=True)
            loss_d.backward()
            opt_d.step()
            # artist step: fool the (just updated) detective
            loss_g = g_loss_fn(D(fake, y))
            opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            opt_g.step()
            with torch.no_grad():
                for avg, cur in zip(shipped.generator.state_dict().values(), G.state_dict().values()):
                    avg.copy_(avg * EMA_DECAY + cur * (1 - EMA_DECAY) if avg.is_floating_point() else cur)
            step += 1
            window.append([loss_d.item(), loss_g.item(), torch.sigmoid(real_logits).mean().item(), torch.sigmoid(fake_logits).mean().item()])
            if len(window) == 10 or (max_batches is not None and b == max_batches - 1):
                means = np.mean(window, axis=0)
                history["step"].append(step)
                for key, value in zip(("d_loss", "g_loss", "d_real", "d_fake"), means):
                    history[key].append(round(float(value), 4))
                window = []
        if epoch % args.snapshot_every == 0 or epoch == epochs:
            shipped.discriminator.load_state_dict(D.state_dict())
            snapshots.append(_fixed_samples(shipped, fixed_z, fixed_y))
            snapshot_epochs.append(epoch)
            snapshot_steps.append(step)
            score = _recognizability(shipped)
            if score >= best["recognizability"]:  # keep the weights of the best epoch so far
                best = {"recognizability": score, "epoch": epoch}
                shipped.save_pretrained(out)
            _save(out, snapshots, snapshot_epochs, snapshot_steps, history, epoch, step, best, time.monotonic() - started, args)
            print(f"epoch {epoch}/{epochs} step {step} d_loss {np.mean(history['d_loss'][-7:]):.3f} "
                  f"g_loss {np.mean(history['g_loss'][-7:]):.3f} recognizability {score:.3f} "
                  f"{time.monotonic() - started:.0f} s", flush=True)


def _save(out, snapshots, epochs, steps, history, epoch, step, best, seconds, args) -> None:
    np.savez_compressed(
        out / "timeline.npz",
        samples=np.stack(snapshots),  # (S, 20, 28, 28) uint8: the same noise at each snapshot
        labels=FIXED_LABELS,
        epochs=np.array(epochs),
        steps=np.array(steps),
        **{f"history_{k}": np.array(v, dtype=np.float32) for k, v in history.items()},
    )
    info = {
        "epochs": epoch, "steps": step, "shipped_epoch": best["epoch"],
        "shipped_recognizability_500": round(best["recognizability"], 3), "seconds": round(seconds, 1), "batch": args.batch, "lr": args.lr,
        "seed": args.seed, "train_digits": round(4500 * args.fraction), "threads": torch.get_num_threads(), "machine": f"{platform.machine()} CPU, no GPU",
        "loss": "non-saturating (BCE), spectral-norm projection discriminator, Adam betas (0.5, 0.999)",
        "selection": f"generator EMA (decay {EMA_DECAY}); weights of the snapshot whose {CHECK_SAMPLES} samples "
                     "the project's classifier recognized best",
    }
    (out / "training.json").write_text(json.dumps(info, indent=1))
