"""How long `python app.py` takes until it serves its page (the issue's bar: <= 8 s on a 2-core CPU).

Usage: python bench/startup.py [runs]
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_to_serve() -> float:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                return time.perf_counter() - started
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit("app.py exited before serving")
                time.sleep(0.05)
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    times = sorted(time_to_serve() for _ in range(runs))
    print(f"time to serve over {runs} runs: min {times[0]:.2f} s, median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s")
