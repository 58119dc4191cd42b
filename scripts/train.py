"""Train a model family: ``python -m scripts.train <family> [--seed S] [--epochs E] [--out DIR] [--quick]``.

Each family lives in ``scripts/train_<family>.py`` and exposes:
* ``DEFAULT_OUT``: the assets folder its shipped weights go to;
* ``train(args)``: trains, logs losses, saves safetensors + config.json (and a sample strip)
  into ``args.out``; with ``args.quick`` it runs in seconds so CI can check it still works;
* optionally ``add_arguments(parser)`` for family-specific options.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import time
from pathlib import Path

import scripts


def families() -> list[str]:
    return sorted(m.name.removeprefix("train_") for m in pkgutil.iter_modules(scripts.__path__) if m.name.startswith("train_"))


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
    print(f"[{args.family}] finished in {time.monotonic() - started:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
