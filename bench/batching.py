"""Many users on one model: continuous batching of diffusion runs (engines.batching), measured in one run.

Usage: python -m bench.batching [--users 8] [--others 16] [--fair 4] [--flood 20] [--identical 40] [--samples 16]
                                [--steps 25] [--url URL]

Engine (the shipped UNet, same work both ways): --users requests of --samples × --steps DDIM with guidance
one after another (each alone in its UNet calls, as before batching), then all at once through one
StepBatcher; the throughput ratio, and each request's first frame and completion.
Through the app (one light asyncio client, a warm session per student, Gradio's /call API; starts
`python app.py` unless --url):
- one request alone, end to end, against its own model time (its timing line) and the engine's alone;
- --users students start the same kind of request at one moment while --others students ask for GAN
  samples: first computed frame and completion of the diffusion requests, latency of the GAN ones;
- --fair students start runs, alone and then while one client fires --flood requests at that moment: their
  first computed frames with the flood ÷ without (the per-session limits refuse most of the flood);
- --identical students press the same preset within 5 s: one computation, every stream.
LLM: --users texts decoded one after another vs together (engines.llm_batching: one forward pass per
token, the tab's probability capture on), the throughput ratio and how many greedy tokens agree.
UNet: time per image of one call by batch size (the reason for engines.batching.MAX_IMAGES_PER_CALL).
Writes bench/results/batching.json. Timings are wall clock on whatever else the machine runs (the
load average is recorded); the ratios come from runs taken back to back.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.readme import replace_blocks

RESULTS = Path(__file__).parent / "results" / "batching.json"


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def settings(seed: int, args) -> dict:
    return dict(digit=seed % 10, n=args.samples, steps=args.steps, guidance=3.0, scheduler="DDIM", seed=seed)


def engine_figures(args, seeds: list[int]) -> dict:
    """Alone one after another vs together in one batcher: same requests, same weights."""
    from engines.base import get_engine
    from engines.batching import StepBatcher
    from engines.diffusion import DiffusionEngine

    engine = get_engine(DiffusionEngine)
    engine.result(**settings(10_000, args))  # warm
    alone = []
    for seed in seeds:
        started = time.perf_counter()
        engine.result(**settings(seed, args))
        alone.append(time.perf_counter() - started)

    batcher = StepBatcher(engine, max_per_owner=len(seeds))
    first, done = {}, {}
    started = time.perf_counter()

    def follow(seed):
        for frames in batcher.follow(**settings(seed + 1, args)):  # other seeds: nothing shared but the calls
            first.setdefault(seed, time.perf_counter() - started)
        done[seed] = time.perf_counter() - started

    threads = [threading.Thread(target=follow, args=(s,)) for s in seeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    together = max(done.values())
    return {"requests": len(seeds), "alone_each_s": statistics.median(alone), "one_after_another_s": sum(alone),
            "together_s": together, "throughput_ratio": sum(alone) / together, "unet_calls_together": batcher.calls,
            "first_frame_p95_s": pct(list(first.values()), 95), "completion_p95_s": pct(list(done.values()), 95)}


LLM_PROMPTS = ["The capital of France is", "Once upon a time, a small robot", "What is a GAN?", "Tokenization is",
               "The best way to learn physics is", "In the morning I usually", "A neural network is", "My favourite animal is"]


def llm_figures(users: int, tokens: int = 24) -> dict:
    """Issue 19's LLM question: ``users`` texts decoded one after another (``LLMEngine.stream``) vs together
    (``engines.llm_batching``: one forward pass per token), each step with the tab's probability capture."""
    from engines.base import get_engine
    from engines.llm import LLMEngine
    from engines.llm_batching import TokenBatcher

    engine = get_engine(LLMEngine)
    requests = [dict(prompt=p, max_new_tokens=tokens, temperature=0.0) for p in (LLM_PROMPTS * users)[:users]]
    list(engine.stream(**requests[0]))  # warm
    started = time.perf_counter()
    one_by_one = [[f.data["token_id"] for f in engine.stream(**r)] for r in requests]
    sequential = time.perf_counter() - started

    batcher, together = TokenBatcher(engine, max_per_owner=users), [None] * users
    first = {}

    def follow(i):
        together[i] = []
        for new in batcher.follow(**requests[i]):
            first.setdefault(i, time.perf_counter() - started)
            together[i] += [f.data["token_id"] for f in new]

    threads = [threading.Thread(target=follow, args=(i,)) for i in range(users)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    batched_s = time.perf_counter() - started
    made = sum(map(len, one_by_one))
    agree = sum(a == b for x, y in zip(one_by_one, together) for a, b in zip(x, y)) / made
    return {"users": users, "tokens_each": tokens, "one_after_another_s": sequential, "together_s": batched_s,
            "throughput_ratio": sequential / batched_s, "forward_passes_together": batcher.calls,
            "widest_pass": batcher.widest, "first_token_p95_s": pct(list(first.values()), 95),
            "same_greedy_tokens": agree}


def unet_batch_scan(sizes=(16, 32, 64, 128, 256), repeats: int = 3) -> dict:
    """Time per image of one UNet call by batch size: where batching stops paying (MAX_IMAGES_PER_CALL)."""
    import torch

    from engines.base import get_engine
    from engines.diffusion import DiffusionEngine

    unet = get_engine(DiffusionEngine).model.unet
    per_image = {}
    with torch.inference_mode():
        for size in sizes:
            x, t, y = torch.randn(size, 1, 28, 28), torch.randint(0, 1000, (size,)), torch.randint(0, 10, (size,))
            unet(x, t, class_labels=y)  # warm
            started = time.perf_counter()
            for _ in range(repeats):
                unet(x, t, class_labels=y)
            per_image[size] = (time.perf_counter() - started) / repeats / size * 1e6
    return {"microseconds_per_image": per_image}


async def watch(http, url: str, api_name: str, inputs: tuple, session: str, delay: float, out: dict,
                refusal_ok: bool = False) -> None:
    """Call an endpoint as a browser tab would (its session, Gradio's streamed events); record when the first
    update came, when the request ended (seconds since its submission) and its last outputs. With
    ``refusal_ok`` a refused request (the per-session limits) is recorded as ``out["refused"]``, not raised."""
    await asyncio.sleep(delay)
    url, api_name = url.rstrip("/"), api_name.removeprefix("/")
    started = time.monotonic()
    response = await http.post(f"{url}/gradio_api/call/{api_name}", json={"data": list(inputs), "session_hash": session})
    answer = response.json()
    if "event_id" not in answer:
        if refusal_ok:
            out["refused"] = answer
            return
        raise RuntimeError(f"{api_name} refused: {answer}")
    event_id = answer["event_id"]
    event = None
    async with http.stream("GET", f"{url}/gradio_api/call/{api_name}/{event_id}") as stream:
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                event = line.removeprefix("event:").strip()
                if event in ("generating", "complete"):
                    out.setdefault("first", time.monotonic() - started)
            elif line.startswith("data:") and event in ("complete", "error"):
                if event == "error" and refusal_ok:
                    out["refused"] = line
                    return
                if event == "error":
                    raise RuntimeError(f"{api_name} failed: {line}")
                out["done"], out["outputs"] = time.monotonic() - started, json.loads(line.removeprefix("data:"))
                return
    raise RuntimeError(f"{api_name}: the stream ended without a result")


def at_once(url: str, jobs: list[tuple[str, str, tuple, float]], refusal_ok: bool = False) -> list[dict]:
    """Run (session, api_name, inputs, delay) jobs from one moment on, each one's times from its own submit.

    One light asyncio client for every student: a browser's work happens on its own machine, so the
    benchmark's clients must not take the server's cores (40 gradio_client threads did, and polled).
    """
    import httpx

    async def run() -> list[dict]:
        results = [{} for _ in jobs]
        async with httpx.AsyncClient(timeout=600, limits=httpx.Limits(max_connections=None)) as http:
            await asyncio.gather(*(watch(http, url, api, inputs, session, delay, out, refusal_ok)
                                   for (session, api, inputs, delay), out in zip(jobs, results)))
        return results

    return asyncio.run(run())


def diffusion_inputs(seed: int, args) -> tuple:
    s = settings(seed, args)
    return (s["digit"], s["n"], s["steps"], s["guidance"], s["scheduler"], s["seed"])


def model_seconds(outputs: list) -> float:
    """The run's own model time, from the timing line its stream ends with ("… in 3.66 s …")."""
    return float(re.search(r" in ([0-9.]+) s", outputs[-1]).group(1))


def app_figures(url: str, args, engine: dict, rng: random.Random) -> dict:
    sessions = [f"student-{i}-{rng.randrange(10**9)}" for i in range(max(args.users + args.others, args.identical))]
    # Students have the page open: each session made once (Gradio builds a session's state on its first
    # request, ~80 ms of the event loop for this app), every model loaded, every code path warm.
    for session in sessions:
        at_once(url, [(session, "/diffusion_forward", (0, 500), 0)])
    for api_name, inputs in (("/diffusion_generate", diffusion_inputs(rng.randrange(10**6), args)), ("/gan_generate", (3, 16, 0))):
        at_once(url, [(sessions[0], api_name, inputs, 0)])
    alone = [at_once(url, [(sessions[0], "/diffusion_generate", diffusion_inputs(rng.randrange(10**6), args), 0)])[0]
             for _ in range(3)]
    alone_e2e = statistics.median(r["done"] for r in alone)
    own_ratio = statistics.median(r["done"] / model_seconds(r["outputs"]) for r in alone)

    # What one GAN request costs the server alone: 16 digits, each shown with a real one (two galleries of 16
    # files Gradio writes), in a warm session and in a new one (Gradio builds the new session's state first).
    gan_alone = {kind: statistics.median(
        at_once(url, [(session, "/gan_generate", (3, 16, k), 0)])[0]["done"]
        for k, session in enumerate(sessions[:5] if kind == "warm" else [f"new-{rng.randrange(10**9)}" for _ in range(5)]))
        for kind in ("warm", "new")}

    jobs = [(sessions[i], "/diffusion_generate", diffusion_inputs(rng.randrange(10**6), args), 0) for i in range(args.users)]
    jobs += [(sessions[args.users + i], "/gan_generate", (rng.randrange(10), 16, rng.randrange(1000)), 0) for i in range(args.others)]
    mixed = at_once(url, jobs)
    diffusion, gan = mixed[: args.users], mixed[args.users :]

    # Fairness: a few students start runs, alone and then while one client fires --flood requests at that moment.
    students = sessions[: args.fair]
    calm = at_once(url, [(s, "/diffusion_generate", diffusion_inputs(rng.randrange(10**6), args), 0) for s in students])
    flooder = f"flood-{rng.randrange(10**9)}"
    flood = at_once(url, [(flooder, "/diffusion_generate", diffusion_inputs(rng.randrange(10**6), args), 0) for _ in range(args.flood)]
                    + [(s, "/diffusion_generate", diffusion_inputs(rng.randrange(10**6), args), 0.05) for s in students], refusal_ok=True)
    flooded, others = flood[: args.flood], flood[args.flood :]
    if any("refused" in r for r in others):
        raise RuntimeError(f"a student was refused beside the flood: {others}")

    preset = diffusion_inputs(rng.randrange(10**6), args)  # a seed no cache has seen
    same = at_once(url, [(sessions[i], "/diffusion_generate", preset, rng.uniform(0, 5)) for i in range(args.identical)])
    timings = {r["outputs"][-1] for r in same}  # the timing line each stream ends with
    return {
        "client": "one asyncio httpx client, Gradio's /call API, a warm session per student",
        "alone_end_to_end_s": alone_e2e, "alone_model_s": engine["alone_each_s"],
        "end_to_end_over_model": alone_e2e / engine["alone_each_s"],
        "end_to_end_over_own_model_time": own_ratio,
        "alone_first_frame_s": statistics.median(r["first"] for r in alone),
        "mixed": {"diffusion_requests": args.users, "gan_requests": args.others,
                  "diffusion_first_frame_p95_s": pct([r["first"] for r in diffusion], 95),
                  "diffusion_completion_p95_s": pct([r["done"] for r in diffusion], 95),
                  "ideal_s": engine["together_s"],
                  "completion_over_ideal": pct([r["done"] for r in diffusion], 95) / engine["together_s"],
                  "gan_latency_p95_s": pct([r["done"] for r in gan], 95),
                  "gan_alone_warm_session_s": gan_alone["warm"], "gan_alone_new_session_s": gan_alone["new"]},
        "fairness": {"students": args.fair, "flood_requests": args.flood,
                     "flood_admitted": sum("refused" not in r for r in flooded),
                     "first_frame_p95_calm_s": pct([r["first"] for r in calm], 95),
                     "first_frame_p95_flooded_s": pct([r["first"] for r in others], 95),
                     "first_frame_flooded_over_calm": pct([r["first"] for r in others], 95) / pct([r["first"] for r in calm], 95)},
        "identical": {"requests": args.identical, "arrival_window_s": 5, "distinct_computations": len(timings),
                      "latency_p95_s": pct([r["done"] for r in same], 95),
                      "latency_max_over_alone": max(r["done"] for r in same) / alone_e2e},
    }


# Issue 19's figures before any of this (bench.load and bench.diffusion, 2026-11-24, 2-core CPU), for the table.
BEFORE = {"alone": "11.5 s ÷ 5.49 s = 2.1×", "first": "35.3 s p50 / 50.4 s p95 (bench.load, model actions)",
          "gan": "45 s p50 (bench.load, behind diffusion in one queue)", "identical": "40 separate runs, one after another",
          "diffusion_ratio": "no batching", "llm_ratio": "no batching"}


def readme_block(result: dict) -> str:
    """README's table (block "load:batching"): the issue's targets, before, and this run."""
    from engines.batching import MAX_IMAGES_PER_CALL

    engine, llm, app = result["engine"], result["llm"], result["app"]
    mixed, same, fair = app["mixed"], app["identical"], app["fairness"]
    scan = engine["unet_batch_scan"]["microseconds_per_image"]
    rows = [
        ("one 16 × 25 diffusion request alone: end to end ÷ model time", "≤ 1.2", BEFORE["alone"],
         f"{app['end_to_end_over_own_model_time']:.2f}× its own model time ({app['alone_end_to_end_s']:.2f} s end to end; "
         f"{app['end_to_end_over_model']:.2f}× the engine alone, {app['alone_model_s']:.2f} s, timed earlier in the run)"),
        (f"{mixed['diffusion_requests']} diffusion requests at once: first computed frame p95", "≤ 2 s", BEFORE["first"],
         f"{mixed['diffusion_first_frame_p95_s']:.1f} s"),
        (f"… meanwhile {mixed['gan_requests']} GAN requests: latency p95", "≤ 1 s", BEFORE["gan"],
         f"{mixed['gan_latency_p95_s']:.1f} s (one alone: {mixed['gan_alone_warm_session_s']:.2f} s; "
         f"{mixed['gan_alone_new_session_s']:.2f} s as a session's first request)"),
        ("… diffusion completion p95 ÷ ideal (all their work ÷ batched throughput)", "≤ 1.3", "–",
         f"{mixed['diffusion_completion_p95_s']:.1f} s ÷ {mixed['ideal_s']:.1f} s = {mixed['completion_over_ideal']:.2f}×"),
        (f"{same['requests']} identical presets within {same['arrival_window_s']} s: slowest ÷ one alone", "≤ 1.3",
         BEFORE["identical"], f"{same['distinct_computations']} computation; {same['latency_max_over_alone']:.1f}×"),
        (f"{fair['students']} students' first computed frame p95 while one client fires {fair['flood_requests']} requests "
         "÷ without it", "≤ 1.5", "–",
         f"{fair['first_frame_p95_flooded_s']:.1f} s ÷ {fair['first_frame_p95_calm_s']:.1f} s = {fair['first_frame_flooded_over_calm']:.2f}× "
         f"({fair['flood_admitted']} of the {fair['flood_requests']} admitted, the rest refused with a message)"),
        (f"diffusion throughput, {engine['requests']} requests batched ÷ one after another (engine)", "–",
         BEFORE["diffusion_ratio"], f"{engine['throughput_ratio']:.2f}× ({engine['one_after_another_s']:.1f} s vs {engine['together_s']:.1f} s)"),
        (f"LLM throughput, {llm['users']} texts × {llm['tokens_each']} tokens decoded together ÷ one after another", "≥ 1.3 to build it",
         BEFORE["llm_ratio"], f"{llm['throughput_ratio']:.1f}× (greedy tokens identical: {llm['same_greedy_tokens']:.0%})"),
    ]
    lines = [f"`python -m bench.batching`, {result['date']}, {result['cpus']} CPUs, 1-min load average {result['load_average_1min']:.1f} "
             f"at the end ({result['seconds']} s in all; {result['samples']} samples × {result['steps']} {result['scheduler']} steps, "
             f"guidance {result['guidance']:g}):", "",
             "| figure | target | before | now |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines += ["", f"Clients: {app['client']} (students with the page open; a browser's own work is not on the server's cores).",
              "", "One UNet call, µs per image by batch size: " + ", ".join(f"{k}: {v:,.0f}" for k, v in scan.items())
              + f" (a call takes at most `MAX_IMAGES_PER_CALL` = {MAX_IMAGES_PER_CALL} images; more runs take turns)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--others", type=int, default=16)
    parser.add_argument("--identical", type=int, default=40)
    parser.add_argument("--fair", type=int, default=4)
    parser.add_argument("--flood", type=int, default=20)
    parser.add_argument("--samples", type=int, default=16)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--url")
    args = parser.parse_args()
    rng = random.Random(time.time_ns())
    started = time.monotonic()
    scan = unet_batch_scan()
    engine = engine_figures(args, [rng.randrange(10**6) for _ in range(args.users)])
    engine["unet_batch_scan"] = scan
    print(json.dumps({"engine": engine}, indent=2), flush=True)
    llm = llm_figures(args.users)
    print(json.dumps({"llm": llm}, indent=2), flush=True)

    from bench.load import start_app

    proc, url = (None, args.url) if args.url else start_app()
    try:
        app = app_figures(url, args, engine, rng)
    finally:
        if proc:
            proc.terminate()
            proc.wait()
    result = {"date": datetime.now(timezone.utc).isoformat(timespec="minutes"), "load_average_1min": os.getloadavg()[0],
              "cpus": os.cpu_count(), "samples": args.samples, "steps": args.steps, "scheduler": "DDIM", "guidance": 3.0,
              "seconds": round(time.monotonic() - started), "engine": engine, "llm": llm, "app": app}
    print(json.dumps({"app": app}, indent=2))
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    replace_blocks({"load:batching": readme_block(result)})
    print(f"written {RESULTS} and README's load:batching block")


if __name__ == "__main__":
    main()
