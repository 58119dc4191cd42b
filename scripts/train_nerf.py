"""NeRF (MLP): positional encoding + MLP trained on the duck photos by volume rendering.

``python -m scripts.train nerf [--minutes 80] [--steps 20000] [--threads 1]`` trains on the
80 training views of assets/nerf/duck.npz and keeps the checkpoint with the best PSNR on the
4 validation views in assets/nerf/mlp (safetensors + config.json, loadable with
NerfMLP.from_pretrained), plus training.json with the validation PSNR curve, steps, seconds,
machine and, once training ends, the chosen checkpoint's PSNR on the 8 test views (which no
choice ever saw). Under ``accelerate launch`` each process renders its own rays and
Accelerate averages the gradients; the main process evaluates and writes.
Rays only sample the object's bounding box, and skip cells that the photos' silhouettes rule
out (visual hull); after a warm-up, also cells the MLP itself finds empty (an occupancy grid
as in Instant-NGP: it speeds training up without changing the picture).
"""

from __future__ import annotations

import json
import math
import platform
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from engines.nerf import NerfMLP, Occupancy, RayBatches, load_dataset, render_rays, heldout_psnr, heldout_psnrs

DEFAULT_OUT = "assets/nerf/mlp"


def add_arguments(parser) -> None:
    parser.add_argument("--minutes", type=float, default=80.0, help="wall-clock budget")
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--rays", type=int, default=1024, help="rays per step")
    parser.add_argument("--samples", type=int, default=64, help="samples per ray inside the box")
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--freqs", type=int, default=8, help="positional-encoding frequencies")
    parser.add_argument("--lr", type=float, default=5e-3)
    parser.add_argument("--eval-every", type=int, default=500)
    parser.add_argument("--views", type=int, default=None,
                        help="train on only this many of the 80 training views, spread evenly (the views study)")


def train(args) -> None:
    if args.quick:
        args.minutes, args.steps, args.width, args.depth, args.eval_every, args.rays = 1.0, 20, 16, 2, 10, 256
        if args.out == Path(DEFAULT_OUT):  # never overwrite the shipped weights with a smoke test
            args.out = Path(tempfile.mkdtemp(prefix="nerf-quick-"))
    from scripts.train import accelerator_for, any_process

    accelerator = accelerator_for(args)
    torch.manual_seed(args.seed)
    device = accelerator.device
    data = load_dataset()
    if args.views:
        data = data.with_training_views(args.views)
    model = NerfMLP(bbox=data.bbox.tolist(), n_freqs=args.freqs, width=args.width, depth=args.depth).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    # lr decays 10x over the planned steps
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: 0.1 ** min(s / args.steps, 1.0))
    trained, optimiser = accelerator.prepare(model, optimiser)
    batches = RayBatches(data, device, torch.Generator().manual_seed(args.seed * 1000 + accelerator.process_index))
    # Start by skipping what the photos' silhouettes already rule out; later also what the MLP finds empty.
    hull = Occupancy.visual_hull(data).to(device)
    occupancy, best, curve = hull, -math.inf, []
    started = time.monotonic()
    step = 0
    info: dict = {}
    out_of_time = False
    while step < args.steps and not out_of_time:
        if step >= 500 and step % 100 == 0:  # every process derives the same grid from the same weights
            learnt = Occupancy.from_field(model.eval())
            occupancy = Occupancy(learnt.grid & hull.grid, hull.bbox)
            model.train()
        origins, dirs, target = batches(args.rays)
        out = render_rays(trained, origins, dirs, args.samples, perturb=True, occupancy=occupancy)
        loss = F.mse_loss(out["colour"], target)
        optimiser.zero_grad(set_to_none=True)
        accelerator.backward(loss)
        optimiser.step()
        schedule.step()
        step += 1
        if not (step % args.eval_every == 0 or step == args.steps):
            continue
        # the time budget is checked at evaluation steps, by all processes together
        out_of_time = any_process(accelerator, time.monotonic() - started >= args.minutes * 60)
        if accelerator.is_main_process:
            model.eval()
            value = heldout_psnr(model, data, args.samples, split="validation", occupancy=occupancy)
            model.train()
            elapsed = time.monotonic() - started
            curve.append({"step": step, "seconds": round(elapsed, 1), "loss": loss.item(), "validation_psnr": round(value, 3)})
            print(f"step {step} {elapsed:.0f}s loss {loss.item():.5f} validation PSNR {value:.2f} dB"
                  f" occupied {occupancy.fraction if occupancy else 1.0:.2f}", flush=True)
            if value > best:
                best = value
                model.save_pretrained(args.out)
                info = {
                    "validation_psnr": round(value, 3), "validation_views": data.validation.stop - data.validation.start,
                    "training_views": data.n_train,
                    "step": step, "seconds": round(elapsed, 1), "processes": accelerator.num_processes,
                    "machine": f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} torch thread(s), "
                    + (torch.cuda.get_device_name() if device.type == "cuda" else "CPU, no GPU"),
                    "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "module"},
                }
            info["curve"] = curve
            (Path(args.out) / "training.json").write_text(json.dumps(info, indent=1))
        accelerator.wait_for_everyone()
    if accelerator.is_main_process:
        _report_test(args, data, info)


def _report_test(args, data, info: dict) -> None:
    """Once the choice is made: the chosen checkpoint's PSNR on the test views, which no choice saw."""
    chosen = NerfMLP.from_pretrained(args.out).eval()
    hull = Occupancy.visual_hull(data)
    occupancy = Occupancy(Occupancy.from_field(chosen).grid & hull.grid, hull.bbox)
    per_view = heldout_psnrs(chosen, data, args.samples, split="test", occupancy=occupancy)
    info["test_psnr"] = round(float(sum(per_view) / len(per_view)), 3)
    info["test_psnrs"] = [round(v, 3) for v in per_view]
    info["test_views"] = data.test.stop - data.test.start
    (Path(args.out) / "training.json").write_text(json.dumps(info, indent=1))
    print(f"chosen step {info['step']}: validation PSNR {info['validation_psnr']:.2f} dB, "
          f"test PSNR {info['test_psnr']:.2f} dB -> {args.out}")
