"""RSS of `hallway run` on SQLite: after start, after 1,000 mixed requests, and of the idle
supervisor of `--workers 2` (bench/run_memory.sh runs it)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PATHS = (
    "/v1/events",
    "/v1/events/1",
    "/v1/event-types",
    "/v1/event-topics",
    "/health/live",
    "/v1/events?include=event-type&page[size]=5",
    "/v1/nothing-here",
    "/health/ready",
)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(pid)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(workdir: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = os.environ | {"DATABASE_URL": f"sqlite:///{workdir}/memory.db",
                        "SECRET_KEY": "memory-benchmark-secret-key-not-for-production"}  # fmt: skip
    command = [sys.executable, "-m", "hallway.cli", "run", "--port", str(port),
               "--workers", str(workers)]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=workdir,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/health/live", timeout=2).is_success:
                time.sleep(1)
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("hallway run did not start")


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="hallway-memory-"))
    process, base = start(workdir, 1)
    try:
        after_start = rss_mb(process.pid)
        with httpx.Client(base_url=base, timeout=30) as client:
            for number in range(1000):
                client.get(PATHS[number % len(PATHS)])
        after_load = rss_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    supervisor, _ = start(workdir, 2)
    try:
        supervisor_mb = rss_mb(supervisor.pid)
        worker_mb = [rss_mb(child) for child in children(supervisor.pid)]
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=30)
    print(f"| embedded server after start | {after_start:.0f} MB |")
    print(f"| embedded server after 1,000 mixed requests | {after_load:.0f} MB |")
    print(f"| `--workers 2` supervisor, idle | {supervisor_mb:.0f} MB |")
    print(f"| `--workers 2` each worker, idle | {', '.join(f'{m:.0f}' for m in worker_mb)} MB |")


if __name__ == "__main__":
    main()
