"""Diffusion: a class-conditional UNet that learns to remove noise from MNIST digits.

Training follows DDPM (Ho et al. 2020): take a real digit x0, pick a random step t,
mix in Gaussian noise eps as x_t = sqrt(ᾱ_t)·x0 + sqrt(1-ᾱ_t)·eps, and teach the UNet to
predict eps from (x_t, t, digit). 12% of the time the digit label is replaced by the
"unconditional" class 10, so one network learns both p(x | digit) and p(x): that is what
classifier-free guidance mixes at sampling time.

Weights (EMA of the trained weights) are saved to ``assets/diffusion`` every few epochs,
so a run stopped at any time leaves the latest model. Nothing is chosen by a score: the run
trains for a fixed budget (``--epochs`` or ``--minutes``) and ships its last EMA, so the test
digits that bench/diffusion.py reports on never influenced the weights.

Runs unchanged under Hugging Face Accelerate (``accelerate launch -m scripts.train diffusion``):
each process trains on its own share of every epoch's batches, Accelerate averages the
gradients, and only the main process writes files.
"""

from __future__ import annotations

import copy
import json
import math
import platform
import shutil
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from diffusers import DDIMScheduler, DDPMScheduler, UNet2DModel
from PIL import Image

from engines import digits
from engines.hub import DIFFUSERS_PRETRAINED

DEFAULT_OUT = "assets/diffusion"
UNCONDITIONAL = 10  # the extra class id meaning "no digit given"
LABEL_DROPOUT = 0.12
MIN_SNR_GAMMA = 5.0  # Min-SNR loss weighting (Hang et al. 2023): faster, steadier convergence


def unet_config(quick: bool = False) -> dict:
    """The shipped architecture: ~1.1 M parameters, 28x28 -> 14 -> 7 with attention at 7x7."""
    if quick:
        return dict(
            sample_size=28, in_channels=1, out_channels=1, layers_per_block=1,
            block_out_channels=(8, 16), down_block_types=("DownBlock2D", "DownBlock2D"),
            up_block_types=("UpBlock2D", "UpBlock2D"), norm_num_groups=4, add_attention=False,
            num_class_embeds=UNCONDITIONAL + 1,
        )
    return dict(
        sample_size=28, in_channels=1, out_channels=1, layers_per_block=1,
        block_out_channels=(32, 64, 64),
        down_block_types=("DownBlock2D", "DownBlock2D", "AttnDownBlock2D"),
        up_block_types=("AttnUpBlock2D", "UpBlock2D", "UpBlock2D"),
        norm_num_groups=8, attention_head_dim=32, num_class_embeds=UNCONDITIONAL + 1,
    )


def noise_scheduler() -> DDPMScheduler:
    # The cosine schedule keeps more signal at mid t than the linear one: better for 28x28 images.
    return DDPMScheduler(num_train_timesteps=1000, beta_schedule="squaredcos_cap_v2", prediction_type="epsilon")


def add_arguments(parser) -> None:
    parser.add_argument("--fraction", type=float, default=1.0,
                        help="train on this share of the training split, stratified (0.1 = 450 digits)")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--minutes", type=float, default=None, help="stop after this much training time")
    parser.add_argument("--save-every", type=int, default=4, help="epochs between checkpoints")
    parser.add_argument("--init", type=Path, default=None,
                        help="start from saved weights (e.g. assets/diffusion) to continue a run")
    parser.add_argument("--progress-dir", type=Path, default=None, help="keep each checkpoint's sample strip here")
    from scripts.train import add_data_arguments

    add_data_arguments(parser)


@torch.no_grad()
def sample_strip(unet: UNet2DModel, scheduler_config: dict, steps: int = 25, guidance: float = 3.0) -> np.ndarray:
    """Digits 0-9 from fixed noise with DDIM + classifier-free guidance: (28, 280) in [0, 1]."""
    ddim = DDIMScheduler.from_config(scheduler_config)
    ddim.set_timesteps(steps)
    generator = torch.Generator().manual_seed(1234)
    x = torch.randn(10, 1, 28, 28, generator=generator)
    labels = torch.cat([torch.arange(10), torch.full((10,), UNCONDITIONAL)])
    for t in ddim.timesteps:
        eps_cond, eps_uncond = unet(torch.cat([x, x]), t, class_labels=labels).sample.chunk(2)
        eps = eps_uncond + guidance * (eps_cond - eps_uncond)
        x = ddim.step(eps, t, x, use_clipped_model_output=True).prev_sample  # as the engine samples
    images = digits.to_unit(x[:, 0].numpy())
    return np.concatenate(list(images), axis=1)


def save(unet: UNet2DModel, scheduler: DDPMScheduler, out: Path, info: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    unet.save_pretrained(out, safe_serialization=True)
    scheduler.save_pretrained(out)
    strip = sample_strip(unet, scheduler.config, steps=4 if info.get("quick") else 25)
    Image.fromarray((strip * 255).round().astype(np.uint8)).save(out / "samples.png")
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n")


def train(args) -> None:
    from scripts.train import accelerator_for, any_process, budget_note, process_batches, training_digits

    accelerator = accelerator_for(args)
    torch.manual_seed(args.seed)
    train_x, train_y = training_digits(args)
    x_all = torch.from_numpy(digits.to_signed(train_x)).unsqueeze(1)  # (4500, 1, 28, 28) in [-1, 1]
    y_all = torch.tensor(train_y)  # a copy: the shared split is read-only
    if args.quick:
        x_all, y_all = x_all[:256], y_all[:256]

    if args.init:  # continue training: the saved (EMA) weights become the starting point
        unet = UNet2DModel.from_pretrained(args.init, **DIFFUSERS_PRETRAINED)
    else:
        unet = UNet2DModel(**unet_config(args.quick))
    ema = copy.deepcopy(unet).eval().requires_grad_(False)
    scheduler = noise_scheduler()
    alphas_cumprod = scheduler.alphas_cumprod  # ᾱ_t, (1000,)
    snr = alphas_cumprod / (1 - alphas_cumprod)
    loss_weight = torch.clamp(snr, max=MIN_SNR_GAMMA) / snr  # Min-SNR-γ for epsilon prediction

    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.lr, weight_decay=0.0)
    epochs = args.epochs or (1 if args.quick else 400)
    max_steps = 3 if args.quick else args.steps
    batch = 32 if args.quick else args.batch
    steps_per_epoch = math.ceil(len(x_all) / batch)
    started = time.monotonic()

    def progress(step: int) -> float:
        """How far through the run we are (0..1): by the clock under --minutes, else by steps."""
        if args.minutes:
            return min(1.0, (time.monotonic() - started) / 60 / args.minutes)
        return min(1.0, step / (max_steps or epochs * steps_per_epoch))

    warmup = 200

    def lr_at(step: int) -> float:
        # Linear warm-up, then cosine decay to 10%: the last epochs polish instead of jitter.
        return min(1.0, (step + 1) / warmup) * (0.1 + 0.45 * (1 + math.cos(math.pi * progress(step))))

    lr_schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)
    params = sum(p.numel() for p in unet.parameters())
    trained, optimizer = accelerator.prepare(unet, optimizer)
    device = accelerator.device
    ema.to(device)
    world = accelerator.num_processes
    order_gen = torch.Generator().manual_seed(args.seed)  # the same epoch order on every process; each takes its share
    noise_gen = torch.Generator().manual_seed(args.seed * 1000 + accelerator.process_index)
    main = accelerator.is_main_process
    if main:
        print(f"[diffusion] UNet {params / 1e6:.2f} M parameters, {len(x_all)} training digits, batch {batch} "
              f"x {world} process(es)", flush=True)

    step = 0
    info: dict = {}
    for epoch in range(1, epochs + 1):
        losses = []
        for idx in process_batches(torch.randperm(len(x_all), generator=order_gen), batch, accelerator):
            x0, y = x_all[idx].to(device), y_all[idx].clone()
            y[torch.rand(len(y), generator=noise_gen) < LABEL_DROPOUT] = UNCONDITIONAL
            noise = torch.randn(x0.shape, generator=noise_gen).to(device)
            t = torch.randint(0, scheduler.config.num_train_timesteps, (len(x0),), generator=noise_gen)
            x_t = scheduler.add_noise(x0, noise, t.to(device))
            predicted = trained(x_t, t.to(device), class_labels=y.to(device)).sample
            per_image = F.mse_loss(predicted, noise, reduction="none").mean(dim=(1, 2, 3))
            loss = (per_image * loss_weight[t].to(device)).mean()
            optimizer.zero_grad(set_to_none=True)
            accelerator.backward(loss)
            accelerator.clip_grad_norm_(trained.parameters(), 1.0)
            optimizer.step()
            lr_schedule.step()
            step += 1
            decay = min(0.999, (1 + step) / (10 + step))  # EMA warms up so early checkpoints are usable
            with torch.no_grad():
                for e, p in zip(ema.parameters(), unet.parameters()):
                    e.lerp_(p, 1 - decay)
            losses.append(loss.item())
            if max_steps and step >= max_steps:
                break
        minutes = (time.monotonic() - started) / 60
        if main:
            print(f"[diffusion] epoch {epoch} step {step} loss {np.mean(losses):.4f} ({minutes:.1f} min)", flush=True)
        out_of_time = any_process(accelerator, args.minutes is not None and minutes >= args.minutes)
        done = bool(max_steps and step >= max_steps)
        if main and (epoch % args.save_every == 0 or epoch == epochs or out_of_time or done or args.quick):
            info = {
                "epochs": epoch, "steps": step, "batch": batch, "loss": round(float(np.mean(losses)), 5),
                "train_minutes": round(minutes, 1), "parameters": params, "train_digits": len(x_all), "seed": args.seed,
                "processes": world,
                "machine": (torch.cuda.get_device_name(device) if device.type == "cuda"
                            else f"{platform.machine()} CPU, {torch.get_num_threads()} torch thread(s), no GPU"),
                "quick": bool(args.quick), "continued_from": str(args.init) if args.init else None,
                "lr": args.lr, "lr_schedule": f"{warmup}-step linear warm-up, cosine decay to 10% over the run",
                **budget_note(args),
            }
            save(copy.deepcopy(ema).cpu(), scheduler, args.out, info)  # the sample strip is drawn on the CPU
            if args.progress_dir:
                args.progress_dir.mkdir(parents=True, exist_ok=True)
                shutil.copy(args.out / "samples.png", args.progress_dir / f"samples_epoch{epoch:03d}.png")
            print(f"[diffusion] saved checkpoint at epoch {epoch} -> {args.out}", flush=True)
        if out_of_time or done:
            break
    if args.quick and main and not math.isfinite(info.get("loss", float("nan"))):
        raise RuntimeError("quick training produced a non-finite loss")
