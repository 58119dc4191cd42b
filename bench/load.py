"""Classroom load: N students use the app at once through gradio_client, for a bounded time.

Usage: python bench/load.py [--users 40] [--seconds 120] [--url URL]
Without --url it starts `python app.py` on a free port (and stops it at the end), so it can
also read the server's memory. Traffic goes to loopback only; every loop is bounded in time.

Reports requests, failures, p50/p95 latency and queue wait, the server's peak memory, and its
memory growth between the end of warm-up and the end of the run.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What a student does, tab by tab: (api_name, args for a random generator). Weights = how often.
SCENARIOS: list[tuple[str, float, object]] = [
    ("/advise", 3.0, lambda r: (r.choice(["text", "image", "audio", "video", "3D"]), r.choice(["little", "moderate", "lots"]),
                                r.choice(["little", "moderate", "lots"]), r.random() < 0.5, r.random() < 0.5, r.random() < 0.2)),
]

PROCESSING = {"PROCESSING", "ITERATING", "PROGRESS", "FINISHED"}


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    waits: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    per_action: dict[str, int] = field(default_factory=dict)


def rss_kb(pid: int, key: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def student(url: str, deadline: float, seed: int, tally: Tally) -> None:
    from gradio_client import Client

    rng = random.Random(seed)
    client = Client(url, verbose=False)
    names, weights = [s[0] for s in SCENARIOS], [s[1] for s in SCENARIOS]
    args_for = {s[0]: s[2] for s in SCENARIOS}
    while time.monotonic() < deadline:
        name = rng.choices(names, weights)[0]
        started = time.monotonic()
        job = client.submit(*args_for[name](rng), api_name=name)
        wait = None
        try:
            while not job.done():
                if wait is None and job.status().code.name in PROCESSING:
                    wait = time.monotonic() - started
                time.sleep(0.05)
            job.result()
        except Exception as exc:  # a failed request is what we count, whatever it is
            with tally.lock:
                tally.failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        with tally.lock:
            tally.latencies.append(time.monotonic() - started)
            tally.waits.append(wait if wait is not None else time.monotonic() - started)
            tally.per_action[name] = tally.per_action.get(name, 0) + 1
        time.sleep(rng.uniform(0.5, 2.0))  # a student reads the result before the next click


def start_app() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("app.py did not start")


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values[0] if values else float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--warmup", type=float, default=20, help="seconds before the memory baseline is taken")
    parser.add_argument("--url")
    args = parser.parse_args()

    proc, url = (None, args.url) if args.url else start_app()
    tally = Tally()
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=student, args=(url, deadline, i, tally), daemon=True) for i in range(args.users)]
    for t in threads:
        t.start()
    time.sleep(min(args.warmup, args.seconds / 4))
    baseline = rss_kb(proc.pid) if proc else 0
    for t in threads:
        t.join(timeout=args.seconds + 120)
    end, peak = (rss_kb(proc.pid), rss_kb(proc.pid, "VmHWM")) if proc else (0, 0)
    if proc:
        proc.terminate()
        proc.wait()

    done = len(tally.latencies)
    print(f"users {args.users}, {args.seconds:.0f} s: {done + len(tally.failures)} requests, {len(tally.failures)} failed")
    print(f"latency p50 {pct(tally.latencies, 50):.2f} s, p95 {pct(tally.latencies, 95):.2f} s; "
          f"queue wait p50 {pct(tally.waits, 50):.2f} s, p95 {pct(tally.waits, 95):.2f} s")
    print("per action: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.per_action.items())))
    if proc:
        growth = (end - baseline) / baseline * 100 if baseline else float("nan")
        print(f"server memory: peak {peak / 1024:.0f} MB; after warm-up {baseline / 1024:.0f} MB, "
              f"at the end {end / 1024:.0f} MB ({growth:+.1f}%)")
    for failure in tally.failures[:10]:
        print("FAILED", failure)


if __name__ == "__main__":
    main()
