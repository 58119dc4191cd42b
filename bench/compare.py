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


def study_table(study: dict) -> str:
    """One row per study run: how it was trained (its training.json) and what it scored on the test digits."""
    from engines import stats

    def cell(est):
        lo, hi = stats.interval(est)
        return f"{est['value']:.3g} [{lo:.3g}, {hi:.3g}]"

    rows = []
    for r in study["runs"]:
        if r["family"] == "nerf":
            rows.append([r["name"], r["training"]["training_views"], f"{r['steps']:,}", f"{r['training']['seconds'] / 60:.1f}",
                         f"PSNR {cell(r['psnr'])} dB", "", "", ""])
        else:
            t = r["training"]
            rows.append([r["name"], f"{t['train_digits']:,}", f"{t['steps']:,} × batch {t['batch']}", f"{t['minutes']:.1f}",
                         cell(r["fid"]), cell(r["recall"]), cell(r["precision"]), cell(r["class_diversity"])])
    return markdown_table(["run", "training digits / views", "steps", "minutes", "Fréchet [95 %]", "recall", "precision",
                           "within-class diversity"], rows)


def readme_blocks(result: dict, study: dict | None) -> dict[str, str]:
    """The Compare section's tables, from the shipped files (nothing measured here)."""
    meta = (f"Measured by `python -m bench.compare --write` on {result['machine']}, {result['date']} (load average "
            f"{result['load_average']}; {result['seconds'] / 60:.1f} min)")
    if study:
        meta += (f"; the study by `python -m bench.study --jobs {study['jobs']}` on {study['machine']}, {study['date']} "
                 f"({len(study['runs'])} runs, two at a time on the 2 cores)")
    blocks = {"compare:meta": meta + ".",
              "compare:table": markdown_table(TABLE_COLUMNS, family_table(result["request"], result["measurements"])),
              "compare:claims": markdown_table(CLAIM_COLUMNS, claims_rows(result, study)),
              "compare:sweeps": markdown_table(list(SWEEP_KEYS), sweep_rows(result))}
    if study:
        blocks["compare:study"] = study_table(study)
    return blocks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digit", type=int, default=compare.DEFAULT_DIGIT)
    parser.add_argument("--n", type=int, default=compare.DEFAULT_N)
    parser.add_argument("--seed", type=int, default=compare.DEFAULT_SEED)
    parser.add_argument("--threads", type=int, default=None,
                        help="torch CPU threads (default: torch's own); 1 is much faster on a CPU other jobs keep busy")
    parser.add_argument("--no-sweeps", action="store_true", help="leave out the diffusion sweeps (the slow part)")
    parser.add_argument("--write", action="store_true", help=f"save the result as the shipped numbers ({compare.SHIPPED})")
    parser.add_argument("--readme", action="store_true",
                        help="measure nothing: rewrite README.md's Compare tables from the shipped files")
    args = parser.parse_args()
    if args.readme:
        from bench.readme import replace_blocks

        replace_blocks(readme_blocks(compare.load_shipped(), compare.load_study()))
        return
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
