"""The Compare tab's numbers, headless: ``python -m bench.compare [--write] [--threads N] [--digit 7 --n 8 --seed 0]``.

Measures every family on this machine (engines.compare.measure_all: the same code the tab's
"Re-run" button runs, plus the diffusion sweeps, about ten minutes on a 2-core CPU), prints the
per-family table, the sweeps and the claims with their verdicts, intervals and n (the training
studies come from ``python -m bench.study``, assets/compare/study.json). ``--write`` replaces
the shipped numbers the tab shows on page load (assets/compare/measurements.json): re-run it
after swapping in new weights.
"""

from __future__ import annotations

import argparse
import time

import torch

from engines import compare
from ui.compare import CLAIM_COLUMNS, SWEEP_KEYS, TABLE_COLUMNS, claims_rows, family_table, sweep_rows


def markdown_table(headers: list[str], rows: list[list]) -> str:
    def cell(v) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:,.3g}" if abs(v) < 1000 else f"{v:,.0f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v).replace("|", "/")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digit", type=int, default=compare.DEFAULT_DIGIT)
    parser.add_argument("--n", type=int, default=compare.DEFAULT_N)
    parser.add_argument("--seed", type=int, default=compare.DEFAULT_SEED)
    parser.add_argument("--threads", type=int, default=None,
                        help="torch CPU threads (default: torch's own); 1 is much faster on a CPU other jobs keep busy")
    parser.add_argument("--no-sweeps", action="store_true", help="leave out the diffusion sweeps (the slow part)")
    parser.add_argument("--write", action="store_true", help=f"save the result as the shipped numbers ({compare.SHIPPED})")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    from tqdm import tqdm

    started = time.perf_counter()
    bar = tqdm(total=1000, bar_format="{l_bar}{bar}| {elapsed} {desc}")

    def progress(fraction: float, label: str) -> None:
        bar.update(round(1000 * fraction) - bar.n)
        bar.set_description_str(label)

    for key in (*compare.FAMILIES, "vae_small", "gan_small", "diffusion_small"):  # loading is not measured
        compare._warm(key)
    result = compare.measure_all(args.digit, args.n, args.seed, progress=progress, sweeps=not args.no_sweeps)
    bar.close()
    m = result["measurements"]
    print(f"\nmachine: {result['machine']}; {result['date']}; load average {result['load_average']}; "
          f"measuring took {result['seconds']:.0f} s ({(time.perf_counter() - started) / 60:.1f} min with loading)\n")
    print(f"Every family, digit {args.digit}, n = {args.n}, seed {args.seed}:\n")
    print(markdown_table(TABLE_COLUMNS, family_table(result["request"], m)))
    print(f"\nLLM: {result['request']['llm']['prompt']!r} -> {result['request']['llm']['text'].strip()!r}\n")
    if not args.no_sweeps:
        print(markdown_table(list(SWEEP_KEYS), sweep_rows(result)) + "\n")
    study = compare.load_study()
    print(markdown_table(CLAIM_COLUMNS, claims_rows(result, study)))
    if study is None:
        print("\n(no training study: python -m bench.study trains and measures it)")
    if args.write:
        print(f"\nwrote {compare.save_shipped(result)}")


if __name__ == "__main__":
    main()
