"""Train the embedded digit classifier (the yardstick of the image families).

``python -m scripts.train classifier [--seed 0] [--epochs 30] [--out assets/classifier] [--quick]``

Adam on the 4,500 training digits with light augmentation (random shifts of up to
2 pixels), then the held-out accuracy on the 500 test digits (reported, never used to choose:
the run trains a fixed number of epochs and ships the last weights). Writes
model.safetensors + config.json, and train_log.json with the losses and accuracy. Runs
unchanged under ``accelerate launch`` (data parallel; the main process writes).
"""

from __future__ import annotations

import json
import time

import numpy as np
import torch
import torch.nn.functional as F

from engines import digits
from engines.classifier import DigitClassifier

DEFAULT_OUT = "assets/classifier"
EPOCHS = 30
QUICK_EPOCHS = 2
QUICK_STRIDE = 9  # --quick trains on every 9th digit (500, all classes: the file is sorted by label)
BATCH = 64
LR = 2e-3
MAX_SHIFT = 2


def add_arguments(parser) -> None:
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--max-shift", type=int, default=MAX_SHIFT, help="augmentation: random shift in pixels")


def random_shift(x: torch.Tensor, max_shift: int, gen: torch.Generator) -> torch.Tensor:
    """Shift each (B, 1, 28, 28) image by up to ``max_shift`` pixels, padding with black."""
    if max_shift == 0:
        return x
    b, _, h, w = x.shape
    padded = F.pad(x, (max_shift,) * 4)
    dy, dx = torch.randint(0, 2 * max_shift + 1, (2, b), generator=gen)
    return torch.stack([padded[i, :, dy[i] : dy[i] + h, dx[i] : dx[i] + w] for i in range(b)])


def accuracy(model: DigitClassifier, x: np.ndarray, y: np.ndarray) -> float:
    model.eval()
    with torch.inference_mode():
        pred = model(torch.tensor(x).unsqueeze(1)).argmax(1).numpy()
    return float((pred == y).mean())


def train(args) -> DigitClassifier:
    from scripts.train import accelerator_for, process_batches

    accelerator = accelerator_for(args)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    data = digits.split()
    train_x, train_y = data.train_x, data.train_y
    if args.quick:
        train_x, train_y = train_x[::QUICK_STRIDE], train_y[::QUICK_STRIDE]
    epochs = args.epochs or (QUICK_EPOCHS if args.quick else EPOCHS)
    x = torch.tensor(train_x).unsqueeze(1)  # (N, 1, 28, 28), a copy: the shared split is read-only
    y = torch.tensor(train_y)

    model = DigitClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps = epochs * ((len(x) + BATCH - 1) // BATCH)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps)
    trained, opt = accelerator.prepare(model, opt)
    main = accelerator.is_main_process
    log = {"seed": args.seed, "epochs": epochs, "quick": bool(args.quick), "train_size": len(x), "losses": []}
    started = time.monotonic()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        total = 0.0
        batches = process_batches(order, BATCH, accelerator)
        for idx in batches:
            loss = F.cross_entropy(trained(random_shift(x[idx], args.max_shift, gen)), y[idx])
            opt.zero_grad()
            accelerator.backward(loss)
            opt.step()
            for _ in range(accelerator.num_processes):  # P processes take 1/P of the batches: the schedule still spans the run
                if sched.last_epoch < steps:
                    sched.step()
            total += loss.item() * len(idx)
        seen = sum(len(idx) for idx in batches)
        log["losses"].append(total / seen)
        if main:
            acc = accuracy(model, data.test_x, data.test_y)
            print(f"[classifier] epoch {epoch + 1}/{epochs}  loss {total / seen:.4f}  test accuracy {acc:.2%}", flush=True)

    if not main:
        return model.eval()
    log["test_accuracy"] = accuracy(model, data.test_x, data.test_y)
    log["train_seconds"] = round(time.monotonic() - started, 1)
    log["threads"] = torch.get_num_threads()
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out)
    (args.out / "README.md").unlink(missing_ok=True)  # the mixin's generic hub model card; ours is the main README
    (args.out / "train_log.json").write_text(json.dumps(log, indent=1))
    print(f"[classifier] held-out accuracy {log['test_accuracy']:.2%} on {len(data.test_y)} test digits")
    return model.eval()
