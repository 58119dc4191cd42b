"""Train the class-conditional digit GAN so that it is both faithful and varied.

The first shipped GAN (now ``assets/gan_collapsed``) drew every digit well but drew it the
same way for every noise vector: mode collapse inside each class (within-class diversity 0.17
of real digits, recall 0.0). This recipe uses what the field uses against that, each for a reason:

* **hinge loss** with a **spectral-norm projection discriminator** (Miyato et al. 2018): the
  discriminator stays Lipschitz, so its gradients keep telling the generator *where* real digits
  are instead of saturating once it wins;
* **minibatch standard deviation** (Karras et al. 2018, ``--minibatch-std`` = group size):
  each batch is laid out in groups of one digit, and the discriminator sees how much each
  group varies, so a generator that repeats one picture per digit is caught;
* **mode-seeking regularisation** (Mao et al. 2019, ``--mode-seeking`` = weight): two noise
  vectors for the same digit must give images as far apart as the noise vectors are, which
  targets exactly the within-class collapse of conditional GANs. Weight 0.25: in 6-minute trials
  (same seed), weight 1 slowed learning the digit classes about twofold (validation Fréchet 164
  vs 94 after 620 steps), and weight 0 (minibatch std alone) still collapsed inside classes
  (within-class diversity 0.33, recall 0.0 after 372 steps);
* **differentiable translation** (DiffAugment, Zhao et al. 2020): real and generated digits are
  shifted by up to 2 px before the discriminator sees them, so it cannot memorise 4,000 digits;
* an **EMA of the generator** (decay ``EMA_DECAY``, warmed up over the first steps) is what
  ships: steadier than the last step.

The checkpoint is chosen on the **validation digits** (``digits.validation()``, 500 digits carved
from the training split and left out of training): at each snapshot the EMA generator draws
``CHECK_SAMPLES`` digits, and of the snapshots that meet every one of ``TARGETS`` there
(recognizability, within-class diversity, recall, precision) the one with the lowest validation
Fréchet distance ships (while none meets them all, those that meet the most). The 500 test digits
are never looked at here; ``bench/quality.py`` reports on them.

Runs unchanged on one CPU or under Hugging Face Accelerate on several processes, GPUs or nodes
(``accelerate launch -m scripts.train gan``): data parallel, gradients averaged by Accelerate,
files written by the main process only.

Saves into ``--out`` (assets/gan): the DigitGAN (safetensors + config.json),
``timeline.npz`` (20 fixed-noise samples every snapshot and the G/D loss history: the tab's
training timeline, blobs to digits) and ``training.json`` (recipe, budget, every snapshot's
validation figures, the choice).
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
EMA_DECAY = 0.999
CHECK_SAMPLES = 500  # digits drawn at each snapshot (50 per class) to judge it on the validation digits
# A snapshot must reach every one of these on the validation digits to be chosen by Fréchet distance
# (the targets the project set for its digit GAN; within-class diversity relative to real digits).
TARGETS = {"recognizability": 0.95, "class_diversity": 0.8, "recall": 0.6, "precision": 0.7}
MAX_SHIFT = 2  # px of random translation before the discriminator (DiffAugment)


def add_arguments(parser) -> None:
    parser.add_argument("--fraction", type=float, default=1.0,
                        help="train on this share of the training digits left after the validation digits "
                             "are set aside, stratified (0.1 = 400 digits)")
    parser.add_argument("--batch", type=int, default=64, help="per process; a multiple of 2 x --minibatch-std")
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--minibatch-std", type=int, default=4, help="discriminator's group size (0 = off)")
    parser.add_argument("--mode-seeking", type=float, default=0.25, help="weight of the mode-seeking term (0 = off)")
    parser.add_argument("--minutes", type=float, default=None, help="stop after this much training time")
    parser.add_argument("--snapshot-every", type=int, default=2, help="epochs between snapshots")
    from scripts.train import add_data_arguments

    add_data_arguments(parser, hold_out_option=False)  # the GAN always leaves the validation digits out


def d_loss_fn(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    # hinge: real digits are pushed above +1, generated ones below -1, nothing further
    return F.relu(1 - real_logits).mean() + F.relu(1 + fake_logits).mean()


def g_loss_fn(fake_logits: torch.Tensor) -> torch.Tensor:
    return -fake_logits.mean()


def mode_seeking_loss(fake: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
    """Mao et al. 2019: small when the two halves' images differ as much as their noise does.

    ``fake`` and ``z`` hold pairs: row i of the first half and row i of the second half were asked
    for the same digit with different noise.
    """
    a, b = fake.chunk(2)
    za, zb = z.chunk(2)
    ratio = (a - b).abs().mean((1, 2, 3)) / (za - zb).abs().mean(1)  # (B/2,)
    return 1.0 / (ratio.mean() + 1e-5)


def translate(x: torch.Tensor, max_shift: int = MAX_SHIFT) -> torch.Tensor:
    """Shift each image by a random whole number of pixels (-max..max) in x and y, zero-filled; differentiable."""
    b, _, h, w = x.shape
    shift = torch.randint(-max_shift, max_shift + 1, (b, 2), device=x.device)
    padded = F.pad(x, [max_shift] * 4, value=-1.0)  # -1: the black background
    rows = torch.arange(h, device=x.device)[None, :] + max_shift - shift[:, :1]  # (B, H)
    cols = torch.arange(w, device=x.device)[None, :] + max_shift - shift[:, 1:]  # (B, W)
    batch = torch.arange(b, device=x.device)[:, None, None]
    return padded[:, 0][batch, rows[:, :, None], cols[:, None, :]].unsqueeze(1)  # (B, 1, H, W)


class ClassSampler:
    """Batches of real digits laid out in groups of one digit (size ``group``), shuffled each epoch."""

    def __init__(self, x: torch.Tensor, y: torch.Tensor, batch: int, group: int, seed: int, processes: int = 1):
        self.x, self.y, self.batch, self.group, self.processes = x, y, batch, group, processes
        self.by_class = [torch.nonzero(y == d).flatten() for d in range(10)]
        self.gen = torch.Generator().manual_seed(seed)

    def __len__(self) -> int:
        return len(self.y) // (self.batch * self.processes)  # all processes together see an epoch's worth of digits

    def __iter__(self):
        groups = self.batch // self.group
        for _ in range(len(self)):
            labels = self.y[torch.randint(len(self.y), (groups,), generator=self.gen)]  # digits as frequent as in the data
            idx = torch.cat([self.by_class[d][torch.randint(len(self.by_class[d]), (self.group,), generator=self.gen)]
                             for d in labels.tolist()])
            yield self.x[idx], self.y[idx]  # (B, 1, 28, 28), (B,) in groups of one digit


@torch.no_grad()
def _draw(generator: torch.nn.Module, z: torch.Tensor, y: torch.Tensor) -> np.ndarray:
    generator.eval()
    images = generator(z, y)[:, 0].float().cpu().numpy()
    generator.train()
    return digits.to_unit(images)  # (N, 28, 28) in [0, 1]


def _judge(generator: torch.nn.Module, z_dim: int, device, samples: int) -> dict:
    """The snapshot's figures against the validation digits: fidelity and diversity, never the test digits."""
    from engines import metrics

    gen = torch.Generator().manual_seed(FIXED_SEED + 1)
    z, y = torch.randn(samples, z_dim, generator=gen), torch.arange(samples) % 10
    report = metrics.report(_draw(generator, z.to(device), y.to(device)), y.numpy(), reference="validation")
    return {k: round(report[k], 4) for k in ("fid", "precision", "recall", "class_diversity", "recognizability")}


def _targets_met(snapshot: dict) -> int:
    return sum(snapshot["validation"][key] >= bar for key, bar in TARGETS.items())


def _chosen(snapshots: list[dict]) -> dict:
    """The lowest validation Fréchet distance among the snapshots that meet the most TARGETS (all, once any does)."""
    most = max(_targets_met(s) for s in snapshots)
    return min((s for s in snapshots if _targets_met(s) == most), key=lambda s: s["validation"]["fid"])


def train(args) -> None:
    from scripts.train import accelerator_for, any_process, training_digits

    accelerator = accelerator_for(args)
    main = accelerator.is_main_process
    torch.manual_seed(args.seed)
    out = Path(args.out)
    group = args.minibatch_std or 2
    if args.batch % (2 * group):
        raise SystemExit(f"--batch must be a multiple of {2 * group} (pairs for mode seeking, groups for minibatch std)")
    epochs = args.epochs or (1 if args.quick else 200)
    train_x, train_y = training_digits(args, hold_out_validation=True)
    x_all = torch.from_numpy(digits.to_signed(train_x)).unsqueeze(1)  # (4000, 1, 28, 28)
    y_all = torch.from_numpy(train_y.copy())
    model = DigitGAN(minibatch_std=args.minibatch_std)
    shipped = copy.deepcopy(model).requires_grad_(False)  # its generator: the EMA of G; discriminator: a copy of D
    G, D = model.generator, model.discriminator
    opt_g = torch.optim.Adam(G.parameters(), args.lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), args.lr, betas=(0.5, 0.999))
    G, D, opt_g, opt_d = accelerator.prepare(G, D, opt_g, opt_d)
    device = accelerator.device
    shipped.to(device)
    # each process draws its own batches (its own seed); Accelerate averages the gradients
    sampler = ClassSampler(x_all, y_all, args.batch, group, args.seed * 1000 + accelerator.process_index,
                           accelerator.num_processes)
    noise_gen = torch.Generator().manual_seed(args.seed * 1000 + 500 + accelerator.process_index)
    fixed = torch.Generator().manual_seed(FIXED_SEED)
    fixed_z = torch.randn(len(FIXED_LABELS), model.z_dim, generator=fixed).to(device)
    fixed_y = torch.from_numpy(FIXED_LABELS).to(device)

    history = {"step": [], "d_loss": [], "g_loss": [], "d_real": [], "d_fake": []}
    timeline = [_draw(shipped.generator, fixed_z, fixed_y)]
    snapshots: list[dict] = []
    snapshot_epochs, snapshot_steps, states = [0], [0], {}
    step, started, window = 0, time.monotonic(), []
    max_batches = 5 if args.quick else None
    check = 50 if args.quick else CHECK_SAMPLES
    budget_spent = False
    for epoch in range(1, epochs + 1):
        for b, (real, y) in enumerate(sampler):
            if max_batches is not None and b >= max_batches:
                break
            if args.steps is not None and step >= args.steps:
                budget_spent = True
                break
            real, y = real.to(device), y.to(device)
            half = len(y) // 2
            y_fake = torch.cat([y[:half], y[:half]])  # pairs: row i and row i + half ask for the same digit
            z = torch.randn(len(y), model.z_dim, generator=noise_gen).to(device)
            fake = G(z, y_fake)  # (B, 1, 28, 28)
            # detective step: one pass over real and generated digits together (one forward per backward)
            logits = D(translate(torch.cat([real, fake.detach()])), torch.cat([y, y_fake]))
            real_logits, fake_logits = logits.chunk(2)
            loss_d = d_loss_fn(real_logits, fake_logits)
            opt_d.zero_grad(set_to_none=True)
            accelerator.backward(loss_d)
            opt_d.step()
            # artist step: fool the updated detective, and keep different noise giving different digits
            loss_g = g_loss_fn(D(translate(fake), y_fake))
            if args.mode_seeking:
                loss_g = loss_g + args.mode_seeking * mode_seeking_loss(fake, z)
            opt_g.zero_grad(set_to_none=True)
            accelerator.backward(loss_g)
            opt_g.step()
            opt_d.zero_grad(set_to_none=True)  # the artist's pass left gradients on D; they must not leak
            step += 1
            decay = min(EMA_DECAY, (1 + step) / (10 + step))  # warms up: early snapshots are not the random init
            with torch.no_grad():
                trained = accelerator.unwrap_model(G).state_dict()
                for name, avg in shipped.generator.state_dict().items():
                    avg.copy_(avg.lerp(trained[name], 1 - decay) if avg.is_floating_point() else trained[name])
            window.append([loss_d.item(), loss_g.item(), torch.sigmoid(real_logits).mean().item(),
                           torch.sigmoid(fake_logits).mean().item()])
            if len(window) == 10 or (max_batches is not None and b == max_batches - 1):
                history["step"].append(step)
                for key, value in zip(("d_loss", "g_loss", "d_real", "d_fake"), np.mean(window, axis=0)):
                    history[key].append(round(float(value), 4))
                window = []
        minutes = (time.monotonic() - started) / 60
        budget_spent = budget_spent or (args.steps is not None and step >= args.steps)
        out_of_time = any_process(accelerator, args.minutes is not None and minutes >= args.minutes) or budget_spent
        if epoch % args.snapshot_every and epoch != epochs and not out_of_time:
            continue
        accelerator.wait_for_everyone()
        if main:
            shipped.discriminator.load_state_dict(accelerator.unwrap_model(D).state_dict())
            timeline.append(_draw(shipped.generator, fixed_z, fixed_y))
            snapshot_epochs.append(epoch)
            snapshot_steps.append(step)
            snapshots.append({"epoch": epoch, "step": step, "minutes": round(minutes, 2),
                              "validation": _judge(shipped.generator, model.z_dim, device, check)})
            states[epoch] = {k: v.detach().cpu().clone() for k, v in shipped.state_dict().items()}
            choice = _chosen(snapshots)
            chosen = copy.deepcopy(shipped).cpu()
            chosen.load_state_dict(states[choice["epoch"]])
            chosen.save_pretrained(out)  # rewritten at every snapshot: a stopped run leaves the best so far
            _save(out, timeline, snapshot_epochs, snapshot_steps, history, snapshots, choice, step, args, accelerator,
                  time.monotonic() - started)
            v = snapshots[-1]["validation"]
            print(f"epoch {epoch}/{epochs} step {step} d {np.mean(history['d_loss'][-7:]):.3f} "
                  f"g {np.mean(history['g_loss'][-7:]):.3f} | validation fid {v['fid']:.1f} recall {v['recall']:.2f} "
                  f"precision {v['precision']:.2f} class diversity {v['class_diversity']:.2f} "
                  f"recognized {v['recognizability']:.2f} | chosen epoch {choice['epoch']} | {minutes:.1f} min", flush=True)
        accelerator.wait_for_everyone()
        if out_of_time:
            break


def _save(out, timeline, epochs, steps, history, snapshots, choice, step, args, accelerator, seconds) -> None:
    from scripts.train import budget_note

    np.savez_compressed(
        out / "timeline.npz",
        samples=(np.stack(timeline) * 255).round().astype(np.uint8),  # (S, 20, 28, 28): the same noise each time
        labels=FIXED_LABELS,
        epochs=np.array(epochs),
        steps=np.array(steps),
        **{f"history_{k}": np.array(v, dtype=np.float32) for k, v in history.items()},
    )
    device = accelerator.device
    machine = (torch.cuda.get_device_name(device) if device.type == "cuda"
               else f"{platform.machine()} CPU, {torch.get_num_threads()} torch thread(s), no GPU")
    info = {
        "epochs": snapshots[-1]["epoch"], "steps": step, "seconds": round(seconds, 1),
        "batch_per_process": args.batch, "processes": accelerator.num_processes, "lr": args.lr, "seed": args.seed,
        "train_digits": len(digits.fraction(args.fraction, hold_out_validation=True).train_y),
        "validation_digits": len(digits.validation().y), "machine": machine, "quick": bool(args.quick),
        "loss": "hinge, spectral-norm projection discriminator, Adam betas (0.5, 0.999)",
        "minibatch_std_group": args.minibatch_std, "mode_seeking_weight": args.mode_seeking,
        "augment": f"random translation up to {MAX_SHIFT} px of real and generated digits", "ema_decay": f"min({EMA_DECAY}, (1 + step) / (10 + step))",
        "selection": "lowest validation Fréchet among the snapshots that meet every selection target on the validation "
                     f"digits (else the most), {CHECK_SAMPLES if not args.quick else 50} samples per snapshot",
        **budget_note(args), "selection_targets": TARGETS, "shipped_epoch": choice["epoch"], "shipped_validation": choice["validation"], "snapshots": snapshots,
    }
    (out / "training.json").write_text(json.dumps(info, indent=1) + "\n")
