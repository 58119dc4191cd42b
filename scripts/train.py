"""Train a model family: ``python -m scripts.train <family> [--seed S] [--epochs E] [--out DIR] [--quick]``.

Each family lives in ``scripts/train_<family>.py`` and exposes:
* ``DEFAULT_OUT``: the assets folder its shipped weights go to;
* ``train(args)``: trains, logs losses, saves safetensors + config.json (and a sample strip)
  into ``args.out``; with ``args.quick`` it runs in seconds so CI can check it still works;
* optionally ``add_arguments(parser)`` for family-specific options.

Every script runs unchanged under Hugging Face Accelerate, for data-parallel training on
several processes, GPUs or nodes (``accelerator_for``): ::

    accelerate launch --multi_gpu --num_processes 4 -m scripts.train gan      # 4 GPUs
    accelerate launch --multi_gpu --num_processes 2 -m scripts.train gan      # 2 processes on a CPU

On a machine without a GPU the processes share the CPU (gloo); a plain ``python -m`` run is
one process.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import time
from pathlib import Path

import scripts


def families() -> list[str]:
    return sorted(m.name.removeprefix("train_") for m in pkgutil.iter_modules(scripts.__path__) if m.name.startswith("train_"))


def accelerator_for(args):
    """The run's Accelerator: one process here, or the processes ``accelerate launch`` started.

    Each process trains on its own batches; ``accelerator.backward`` averages the gradients, so
    every copy of the model stays the same. Only ``accelerator.is_main_process`` writes files.
    """
    import torch
    from accelerate import Accelerator

    return Accelerator(cpu=not torch.cuda.is_available(), rng_types=[])


def process_batches(order, batch: int, accelerator) -> list:
    """This process's batches of one epoch, from an ``order`` that every process draws alike.

    Alone, a process takes every batch (the last one may be short), exactly as a plain loop
    would. Among P processes, process r takes batches r, r + P, r + 2P, ... of the full batches,
    each process as many (data parallel needs the same number of steps everywhere).
    """
    world, rank = accelerator.num_processes, accelerator.process_index
    if world == 1:
        return [order[i : i + batch] for i in range(0, len(order), batch)]
    usable = len(order) // (batch * world) * batch * world
    return [order[i : i + batch] for i in range(rank * batch, usable, batch * world)]


def add_data_arguments(parser, hold_out_option: bool = True) -> None:
    """The image scripts' shared options for equal-budget studies (``bench/study.py``)."""
    from engines import digits

    parser.add_argument("--steps", type=int, default=None,
                        help="stop after this many optimizer steps: one budget for every family (default: by epochs)")
    parser.add_argument("--corrupt", choices=digits.CORRUPTIONS, default=None,
                        help="train on corrupted digits (the poor-quality-data study)")
    if hold_out_option:
        parser.add_argument("--hold-out-validation", action="store_true",
                            help="leave the 500 validation digits out of training, as the GAN script always does")


def training_digits(args, hold_out_validation: bool | None = None):
    """The run's training digits (x (N, 28, 28) in [0, 1], y (N,)): ``--fraction`` of the split, corrupted if asked."""
    from engines import digits

    hold_out = getattr(args, "hold_out_validation", False) if hold_out_validation is None else hold_out_validation
    data = digits.fraction(args.fraction, hold_out_validation=hold_out)
    x = digits.corrupted(data.train_x, args.corrupt, args.seed) if getattr(args, "corrupt", None) else data.train_x
    return x, data.train_y


def budget_note(args) -> dict:
    """What training.json records about the data and budget options, so a study can say how each run was trained."""
    return {"step_budget": getattr(args, "steps", None), "corrupt": getattr(args, "corrupt", None),
            "hold_out_validation": bool(getattr(args, "hold_out_validation", False))}


def any_process(accelerator, flag: bool) -> bool:
    """True when ``flag`` is True on any process: a time budget ends the run on all of them at the same step."""
    import torch

    if accelerator.num_processes == 1:
        return flag
    return bool(accelerator.reduce(torch.tensor([float(flag)], device=accelerator.device), reduction="sum").item() > 0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="family", required=True)
    for name in families():
        module = importlib.import_module(f"scripts.train_{name}")
        p = sub.add_parser(name, help=(module.__doc__ or "").strip().splitlines()[0])
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--epochs", type=int, default=None, help="default: the family's own")
        p.add_argument("--out", type=Path, default=Path(module.DEFAULT_OUT))
        p.add_argument("--quick", action="store_true", help="a few seconds of training, for CI")
        p.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: all)")
        if hasattr(module, "add_arguments"):
            module.add_arguments(p)
        p.set_defaults(module=module)
    args = parser.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    started = time.monotonic()
    args.module.train(args)
    if os.environ.get("RANK", "0") == "0":  # under accelerate launch, the main process speaks for all
        print(f"[{args.family}] finished in {time.monotonic() - started:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
