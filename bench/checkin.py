"""The check-in load: the attendees of one event scanned at its doors.

    python bench/checkin.py BASE_URL SEED_JSON MODE CLIENTS [BATCH]
MODE `batch`: CLIENTS scanners send the first half of the codes through
`POST /v1/events/{id}/check-in-scans`, BATCH scans a request; MODE `single`: CLIENTS clients
check the second half in one by one with the legacy `PATCH /v1/attendees/{id}`
(`is-checked-in`). Prints a JSON summary: scans checked in per second over the whole run,
request latencies (p50/p99), counts by status and by scan result."""

from __future__ import annotations

import asyncio
import json
import math
import sys
import time
from collections import Counter
from typing import Any

import aiohttp

JSONAPI = "application/vnd.api+json"


async def scanner(
    http: aiohttp.ClientSession,
    url: str,
    headers: dict[str, str],
    batches: asyncio.Queue[Any],
    seen: dict[str, Any],
) -> None:
    while not batches.empty():
        batch = batches.get_nowait()
        started = time.perf_counter()
        async with http.post(url, json={"scans": batch}, headers=headers) as answer:
            seen["statuses"][answer.status] += 1
            document = await answer.json(content_type=None)
        seen["latencies"].append(time.perf_counter() - started)
        for result in document.get("results", []):
            seen["results"][result["result"]] += 1


async def clerk(
    http: aiohttp.ClientSession,
    base: str,
    headers: dict[str, str],
    ids: asyncio.Queue[Any],
    seen: dict[str, Any],
) -> None:
    while not ids.empty():
        attendee_id = ids.get_nowait()
        body = {
            "data": {
                "type": "attendee",
                "id": str(attendee_id),
                "attributes": {"is-checked-in": True, "device-name-checkin": "gate"},
            }
        }
        started = time.perf_counter()
        async with http.patch(
            f"{base}/v1/attendees/{attendee_id}", json=body, headers=headers
        ) as answer:
            seen["statuses"][answer.status] += 1
            await answer.read()
        seen["latencies"].append(time.perf_counter() - started)
        seen["results"]["ok" if answer.status == 200 else "failed"] += 1


async def run(
    base: str, seed: dict[str, Any], mode: str, clients: int, size: int
) -> dict[str, Any]:
    half = len(seed["codes"]) // 2
    auth = {"Authorization": f"JWT {seed['token']}"}
    work: asyncio.Queue[Any] = asyncio.Queue()
    if mode == "batch":
        codes = seed["codes"][:half]
        scans = [
            {"id": f"gate-{n}", "code": code, "device": "gate"} for n, code in enumerate(codes)
        ]
        for start in range(0, len(scans), size):
            work.put_nowait(scans[start : start + size])
    else:
        for attendee_id in seed["attendees"][half:]:
            work.put_nowait(attendee_id)
    seen: dict[str, Any] = {"statuses": Counter(), "results": Counter(), "latencies": []}
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=600)
    ) as http:
        started = time.perf_counter()
        if mode == "batch":
            url = f"{base}/v1/events/{seed['event']}/check-in-scans"
            workers = [scanner(http, url, auth, work, seen) for _ in range(clients)]
        else:
            headers = {**auth, "Content-Type": JSONAPI}
            workers = [clerk(http, base, headers, work, seen) for _ in range(clients)]
        await asyncio.gather(*workers)
        elapsed = time.perf_counter() - started
    latencies = sorted(seen["latencies"])
    ok = seen["results"]["ok"]
    return {
        "mode": mode,
        "clients": clients,
        "scans_per_request": size if mode == "batch" else 1,
        "requests": len(latencies),
        "seconds": round(elapsed, 3),
        "scans_per_second": round(ok / elapsed, 1),
        "checked_in": ok,
        "results": dict(seen["results"]),
        "statuses": {str(k): v for k, v in seen["statuses"].items()},
        "5xx": sum(n for status, n in seen["statuses"].items() if status >= 500),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p99_ms": round(latencies[math.ceil(len(latencies) * 0.99) - 1] * 1000, 1),
    }


if __name__ == "__main__":
    base_url, seed_file, run_mode, concurrency = sys.argv[1:5]
    batch_size = int(sys.argv[5]) if len(sys.argv) > 5 else 100
    with open(seed_file) as handle:
        seeded = json.load(handle)
    print(json.dumps(asyncio.run(run(base_url, seeded, run_mode, int(concurrency), batch_size))))
