"""Classroom load: N students use the app at once through gradio_client, for a bounded time.

Usage: python -m bench.load [--users 40] [--seconds 120] [--classes 1] [--settle 40] [--think 2,8] [--arrive 30] [--only light] [--url URL]
Without --url it starts `python app.py` on a free port (and stops it at the end), so it can
also read the server's memory. Traffic goes to loopback only; every loop is bounded in time.

First every scenario runs once (so every model is loaded), then the students click for --seconds.
Reports requests, failures, p50/p95 latency and queue wait (all, cheap actions, model actions, each
action), the server's peak memory, and its memory growth from the moment every student has opened
a session (every model loaded) to the last answer and --settle seconds later. --classes 2 runs a second
class on the same server: what a first class adds once (heaps sized for its peak) is not a leak; what
every class adds is.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LEVELS = ["little", "moderate", "lots"]
DIGIT_PNG = Path(tempfile.gettempdir()) / "genai-lab-load-digit.png"


def _drawing(r: random.Random) -> dict:
    """A sketchpad value as the browser sends it: the composite of a drawn digit, uploaded."""
    from gradio_client import handle_file

    return {"background": None, "layers": [], "composite": handle_file(str(DIGIT_PNG)), "id": None}


# What a class does, tab by tab: (api_name, weight = how often, args for a random generator).
# Cheap views (advisor, data, cached figures, forward noise) are clicked most; model runs are kept
# to classroom settings (a few samples, few steps, short texts); live trainings are rarer and short.
SCENARIOS: list[tuple[str, float, object]] = [
    ("/advise", 3.0, lambda r: (r.choice(["text", "image", "audio", "video", "3D"]), r.choice(LEVELS), r.choice(LEVELS),
                                r.random() < 0.5, r.random() < 0.5, r.random() < 0.2)),
    ("/digits_sample", 2.0, lambda r: (r.choice(["All digits", str(r.randrange(10))]), r.randrange(1000))),
    ("/digits_classify", 1.0, lambda r: (_drawing(r),)),
    ("/llm_tokenize", 1.0, lambda r: (r.choice(["The capital of France is", "Tokenization is unbelievably", "What is a GAN?"]),)),
    ("/llm_generate", 2.0, lambda r: (r.choice(["The capital of France is", "Once upon a time, a small robot"]),
                                      r.randint(6, 12), 0.7, 50, 0.95, r.randrange(100))),
    ("/llm_attention", 1.0, lambda r: ("The cat chased the mouse because it was hungry", r.randrange(30), -1)),
    ("/diffusion_generate", 2.0, lambda r: (r.randrange(10), 4, 10, 3.0, r.choice(["DDIM", "DPM++"]), r.randrange(100))),
    ("/diffusion_forward", 1.5, lambda r: (r.randrange(500), r.randrange(1000))),
    ("/diffusion_toy", 0.5, lambda r: (r.choice(["Swiss roll", "Two moons"]), "", 300, r.randrange(100))),
    ("/gan_generate", 2.0, lambda r: (r.randrange(-1, 10), 16, r.randrange(1000))),
    ("/gan_walk", 1.0, lambda r: (r.randrange(100), r.randrange(100), r.randrange(10), r.randrange(10), 8)),
    ("/gan_timeline", 1.0, lambda r: (r.randrange(20),)),
    ("/gan_lab_train", 1.0, lambda r: (r.choice(["Ring of 8 gaussians", "Two moons"]), "", "non-saturating", 1e-3, 1e-3, 1,
                                       300, r.randrange(100))),
    ("/vae_encode_test", 1.0, lambda r: (r.randrange(500), "VAE 2-D latent (embedded)", 8, r.randrange(100))),
    ("/vae_decode_point", 1.5, lambda r: (r.uniform(-3, 3), r.uniform(-3, 3), "VAE 2-D latent (embedded)")),
    ("/vae_generate", 1.0, lambda r: (16, r.randrange(100), "VAE 16-D latent (embedded)")),
    ("/nerf_render", 1.0, lambda r: (r.uniform(-180, 180), r.uniform(-30, 60), 1.0)),
    ("/nerf_ray", 0.5, lambda r: (r.randrange(92), r.randrange(100), r.randrange(100))),
    ("/nerf_train", 0.3, lambda r: (5, r.randrange(100))),
]
# Cheap actions must stay quick whatever the model queue holds; reported apart.
CHEAP = {"/advise", "/digits_sample", "/diffusion_forward", "/gan_timeline", "/llm_tokenize"}
# One-pass model actions (ui.common.QUICK): with the cheap ones, the "light" mix (--only light), which
# gets through hundreds of requests in minutes and so shows whether memory creeps up.
LIGHT = CHEAP | {"/digits_classify", "/vae_decode_point", "/vae_encode_test", "/gan_walk", "/gan_generate", "/vae_generate",
                 "/nerf_render", "/nerf_ray"}

# Generation endpoints (the first frame counts) and one-pass ones (the whole answer counts): issue 19's bars.
GENERATION = {"/diffusion_generate", "/llm_generate", "/nerf_render", "/gan_generate", "/vae_generate", "/diffusion_toy",
              "/gan_lab_train", "/nerf_train"}
ONE_PASS = {"/gan_generate", "/vae_generate", "/vae_decode_point", "/gan_walk", "/digits_classify"}

PROCESSING = {"PROCESSING", "ITERATING", "PROGRESS", "FINISHED"}


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    waits: dict[str, list[float]] = field(default_factory=dict)
    firsts: dict[str, list[float]] = field(default_factory=dict)  # until the first update (a streamed frame, else the result)
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, latency: float, wait: float, first: float) -> None:
        with self.lock:
            self.latencies.setdefault(name, []).append(latency)
            self.waits.setdefault(name, []).append(wait)
            self.firsts.setdefault(name, []).append(first)

    def done(self) -> int:
        return sum(map(len, self.latencies.values()))

    def all(self, which: dict[str, list[float]], names=None) -> list[float]:
        return [v for k, vs in which.items() if names is None or k in names for v in vs]


def rss_kb(pid: int, key: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def run_one(client, name: str, args: tuple) -> tuple[float, float, float]:
    """Submit one request, wait for its result; (latency, queue wait, first update) in seconds. Raises on failure.

    The first update of a streaming action is its first frame computed by a model (the handlers stream no
    starting noise); for any other action it is the result.
    """
    started = time.monotonic()
    job = client.submit(*args, api_name=name)
    wait = first = None
    while not job.done():
        if wait is None and job.status().code.name in PROCESSING:
            wait = time.monotonic() - started
        if first is None and job.outputs():
            first = time.monotonic() - started
        time.sleep(0.02)
    job.result()  # raises the app's error, if any
    latency = time.monotonic() - started
    return latency, latency if wait is None else wait, latency if first is None else first


def student(url: str, start: threading.Barrier, clock: dict, seed: int, arrive: float, think: tuple[float, float],
            tally: Tally) -> None:
    from gradio_client import Client

    rng = random.Random(seed)
    names, weights = [s[0] for s in SCENARIOS], [s[1] for s in SCENARIOS]
    args_for = {s[0]: s[2] for s in SCENARIOS}
    time.sleep(rng.uniform(0, arrive))  # the class opens the page over the first few seconds
    try:
        # A browser waits for a slow page; gradio_client's default timeout (5 s) would not.
        client = Client(url, verbose=False, httpx_kwargs={"timeout": 120})
        run_one(client, "/advise", args_for["/advise"](rng))  # opens this student's session (not counted)
    except Exception as exc:
        with tally.lock:
            tally.failures.append(f"opening the page: {type(exc).__name__}: {str(exc)[:200]}")
        start.wait()
        return
    start.wait()  # the whole class is in; the clock starts
    time.sleep(rng.uniform(0, think[1]))  # students do not all click in the same second
    while time.monotonic() < clock["deadline"]:
        name = rng.choices(names, weights)[0]
        try:
            latency, wait, first = run_one(client, name, args_for[name](rng))
        except Exception as exc:  # a failed request is what we count, whatever it is
            with tally.lock:
                tally.failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
        else:
            tally.add(name, latency, wait, first)
        time.sleep(rng.uniform(*think))  # a student reads the result before the next click


SERVER_LOG = Path(tempfile.gettempdir()) / "genai-lab-load-server.log"


def start_app() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False")
    with open(SERVER_LOG, "wb") as log:  # the server's own account of any failure
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("app.py did not start")


def warm_up(url: str) -> None:
    """Every scenario once, so every model is loaded before the memory baseline is taken."""
    from gradio_client import Client

    client, rng = Client(url, verbose=False), random.Random(0)
    for name, _, args in SCENARIOS:
        run_one(client, name, args(rng))


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100)[q - 1]


def line(label: str, values: list[float], waits: list[float]) -> str:
    return (f"{label:24s} {len(values):5d}  latency p50 {pct(values, 50):6.2f} s  p95 {pct(values, 95):6.2f} s  "
            f"queue wait p50 {pct(waits, 50):6.2f} s  p95 {pct(waits, 95):6.2f} s")


def run_class(url: str, proc, args, think: tuple[float, float], first_seed: int) -> dict:
    """One class: --users students open the page, click for --seconds; requests, latencies and memory."""
    samples: list[tuple[int, int]] = []  # (requests done, server RSS kB) every 2 s
    tally, clock = Tally(), {}

    def all_in() -> None:  # every student has opened a session: memory baseline, then the clock
        clock["baseline"] = rss_kb(proc.pid) if proc else 0
        clock["deadline"] = time.monotonic() + args.seconds

    start = threading.Barrier(args.users, action=all_in)
    threads = [threading.Thread(target=student, args=(url, start, clock, first_seed + i, args.arrive, think, tally), daemon=True)
               for i in range(args.users)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if proc:
            samples.append((tally.done(), rss_kb(proc.pid)))
        time.sleep(2)
    wall = time.monotonic() - clock["deadline"] + args.seconds
    end = rss_kb(proc.pid) if proc else 0
    time.sleep(args.settle)  # the server's periodic clean-up (ui.memory) returns the freed heap
    settled = rss_kb(proc.pid) if proc else 0
    return dict(tally=tally, wall=wall, samples=samples, baseline=clock["baseline"], end=end, settled=settled)


def report(number: int, run: dict, args, think: tuple[float, float], proc) -> None:
    tally, done = run["tally"], run["tally"].done()
    print(f"class {number}: {args.users} users, {'all tabs' if not args.only else 'only ' + args.only}, {args.seconds:.0f} s of clicks "
          f"({run['wall']:.0f} s until the last answer), think time {think[0]:g}-{think[1]:g} s: "
          f"{done + len(tally.failures)} requests, {len(tally.failures)} failed")
    print(line("all requests", tally.all(tally.latencies), tally.all(tally.waits)))
    print(line("cheap actions", tally.all(tally.latencies, CHEAP), tally.all(tally.waits, CHEAP)))
    model = set(tally.latencies) - CHEAP
    print(line("model actions", tally.all(tally.latencies, model), tally.all(tally.waits, model)))
    for name in sorted(tally.latencies):
        print("  " + line(name, tally.latencies[name], tally.waits[name]))
    print("first update (a streamed frame, else the result), p50 / p95:")
    for name in sorted(GENERATION | ONE_PASS):
        if name in tally.firsts:
            print(f"  {name:24s} {pct(tally.firsts[name], 50):6.2f} s / {pct(tally.firsts[name], 95):6.2f} s")
    if proc:
        baseline = run["baseline"]
        growth = lambda kb: f"{kb / 1024:.0f} MB ({(kb - baseline) / baseline * 100:+.1f}%)"  # noqa: E731
        print(f"server memory: with {args.users} sessions open {baseline / 1024:.0f} MB; at the last answer {growth(run['end'])}; "
              f"{args.settle:.0f} s later {growth(run['settled'])}, over {done} requests")
        marks = [next((rss for n, rss in run["samples"] if n >= m), None) for m in range(100, done + 1, 100)]
        print("  server memory after every 100 requests: " + ", ".join(f"{rss / 1024:.0f}" for rss in marks if rss) + " MB")
    for failure in tally.failures[:10]:
        print("FAILED", failure)
    if tally.failures and proc:
        print(f"the server's log: {SERVER_LOG}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--classes", type=int, default=1, help="classes one after another on the same server (a leak grows with each)")
    parser.add_argument("--settle", type=float, default=40, help="seconds to wait after a class before reading memory again")
    parser.add_argument("--think", default="2,8", help="seconds a student reads a result before the next click: min,max")
    parser.add_argument("--arrive", type=float, default=30, help="students open the page within this many seconds")
    parser.add_argument("--only", help="comma-separated api names, or 'light' for cheap and one-pass actions")
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.only:
        keep = LIGHT if args.only == "light" else set(args.only.split(","))
        SCENARIOS[:] = [s for s in SCENARIOS if s[0] in keep or s[0] == "/advise"]
    think = tuple(float(x) for x in args.think.split(","))

    from PIL import Image, ImageDraw

    digit = Image.new("RGB", (280, 280), "white")
    ImageDraw.Draw(digit).line([(140, 50), (140, 230)], fill="black", width=24)  # a drawn "1"
    digit.save(DIGIT_PNG)

    proc, url = (None, args.url) if args.url else start_app()
    try:
        started = time.monotonic()
        warm_up(url)
        print(f"warm-up: every scenario once in {time.monotonic() - started:.0f} s" +
              (f"; server memory {rss_kb(proc.pid) / 1024:.0f} MB" if proc else ""))
        for number in range(1, args.classes + 1):
            report(number, run_class(url, proc, args, think, first_seed=number * 1000), args, think, proc)
        if proc:
            print(f"server memory peak: {rss_kb(proc.pid, 'VmHWM') / 1024:.0f} MB")
    finally:
        if proc:
            proc.terminate()
            proc.wait()
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (1 min), {os.getloadavg()[2]:.1f} (15 min)")


if __name__ == "__main__":
    main()
