"""`hallway run --workers 2`: whichever worker answers /metrics reports both workers' counts,
and a worker killed outright keeps its counts but loses its gauges."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.metrics.scraping import BEARER, TOKEN, value
from tests.system.processes import (
    alive,
    children,
    eventually,
    free_port,
    hallway_env,
    kill9,
    start,
    stop,
    wait_for,
)

ROUTE = {"route": "/v1/events/{id}", "method": "GET", "status": "404"}
MAX_REQUESTS = 400


def _pids(directory: Path, prefix: str) -> set[int]:
    return {int(path.stem.rsplit("_", 1)[1]) for path in directory.glob(f"{prefix}_*.db")}


def _scrape(base: str) -> str:
    response = httpx.get(f"{base}/metrics", headers=BEARER)
    assert response.status_code == 200, response.text
    return response.text


def _count(base: str) -> float:
    return value(_scrape(base), "hallway_http_requests_total", **ROUTE)


def test_two_workers_counts_are_summed_and_a_killed_worker_keeps_its_counts(tmp_path):
    port, directory = free_port(), tmp_path / "metrics"
    directory.mkdir()
    (directory / "counter_1.db").write_bytes(b"stale")  # a former run's file is emptied away
    env = hallway_env(tmp_path / "w.db", port, METRICS_TOKEN=TOKEN, METRICS_DIR=str(directory))
    process = start(["run", "--workers", "2"], env, tmp_path, tmp_path / "server.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health/live")
        assert eventually(lambda: len(children(process.pid)) >= 2, timeout=30)
        sent = 0
        while len(_pids(directory, "counter")) < 2 and sent < MAX_REQUESTS:
            # a new connection each time: the kernel hands it to either worker
            assert httpx.get(f"{base}/v1/events/ident-{sent}").status_code == 404
            sent += 1
        counting = _pids(directory, "counter")
        totals = {_count(base) for _ in range(6)}  # answered by either worker

        victim = next(pid for pid in counting if pid in children(process.pid))
        kill9(victim)
        assert eventually(lambda: not alive(victim), timeout=10)
        after_kill = _count(base)
        live_gauges = _pids(directory, "gauge_livesum")
    finally:
        stop(process)

    assert len(counting) == 2, f"one worker served all {sent} requests"
    assert totals == {sent}
    assert after_kill == sent
    assert victim not in live_gauges
    assert not (directory / "counter_1.db").exists()
