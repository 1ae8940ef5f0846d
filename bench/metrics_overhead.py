"""CPU per request of the metrics (METRICS_TOKEN set): what the access-log middleware adds
(`observe_request`: a counter and a histogram, label children cached) and what each database
checkout and checkin adds (the connections-in-use gauge), in one process and in the
multiprocess mode of `run --workers N` (values in memory-mapped files).

    uv run python bench/metrics_overhead.py memory
    uv run python bench/metrics_overhead.py multi
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

CALLS = 200_000


def main(mode: str) -> None:
    if mode == "multi":  # before prometheus_client is imported: it chooses its values then
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="metrics-bench-")
    from hallway.metrics.instruments import CONNECTIONS_IN_USE, observe_request

    class Route:
        path = "/v1/events/{event}/has-streams"

    scopes: list[dict[str, Any]] = [
        {"method": "GET", "route": Route()},
        {"method": "GET", "route_template": "/v1/events/{id}"},
    ]

    def request(i: int) -> None:
        observe_request(scopes[i & 1], 200, 0.012)

    def checkout_and_checkin(i: int) -> None:
        CONNECTIONS_IN_USE.inc()
        CONNECTIONS_IN_USE.dec()

    cases: list[tuple[str, Callable[[int], None]]] = [
        ("observe_request", request),
        ("pool checkout + checkin", checkout_and_checkin),
    ]
    for label, call in cases:
        for i in range(1000):
            call(i)
        started = time.process_time()
        for i in range(CALLS):
            call(i)
        micros = (time.process_time() - started) / CALLS * 1e6
        print(f"{mode:6} {label:24} {micros:.2f} µs CPU per call")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "memory")
