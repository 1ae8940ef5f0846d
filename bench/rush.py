"""The ticket-rush load: every buyer at once, each with its own token and connection.

    python bench/rush.py BASE_URL SEED_JSON MODE
MODE `create`: each buyer only creates an order for one ticket of the first ticket;
MODE `flow`: each buyer creates an order for the second ticket, fills in its attendee and
completes the order (three requests). Prints a JSON summary: counts by status, 5xx, the
orders completed (or created) per second over the whole run, and create-order latencies."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from typing import Any

import aiohttp

ATTENDEE = {"firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.com"}
JSONAPI = "application/vnd.api+json"


async def buyer(
    http: aiohttp.ClientSession,
    base: str,
    token: str,
    ticket: int,
    flow: bool,
    seen: dict[str, Any],
) -> None:
    headers = {"Authorization": f"JWT {token}"}
    started = time.perf_counter()
    body = {"tickets": [{"id": ticket, "quantity": 1}]}
    async with http.post(
        f"{base}/v1/orders/create-order?include=attendees", json=body, headers=headers
    ) as answer:
        seen["statuses"][f"create {answer.status}"] += 1
        document = await answer.json(content_type=None)
    seen["latencies"].append(time.perf_counter() - started)
    if answer.status != 200 or not flow:
        return
    order = document["data"]
    attendee = document["included"][0]
    steps = (
        (f"/v1/attendees/{attendee['id']}", "attendee", attendee["id"], ATTENDEE),
        (
            f"/v1/orders/{order['attributes']['identifier']}",
            "order",
            order["id"],
            {"status": "completed"},
        ),
    )
    for path, type_, id_, attributes in steps:
        patch = {"data": {"type": type_, "id": id_, "attributes": attributes}}
        async with http.patch(
            f"{base}{path}", json=patch, headers={**headers, "Content-Type": JSONAPI}
        ) as answer:
            seen["statuses"][f"{type_} {answer.status}"] += 1
            await answer.read()
            if answer.status != 200:
                return
    seen["completed"] += 1


async def run(base: str, seed: dict[str, Any], mode: str) -> dict[str, Any]:
    flow = mode == "flow"
    ticket = seed["tickets"][1 if flow else 0]
    tokens = seed["tokens"]
    seen: dict[str, Any] = {"statuses": Counter(), "latencies": [], "completed": 0}
    connector = aiohttp.TCPConnector(limit=len(tokens))
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        started = time.perf_counter()
        await asyncio.gather(*(buyer(http, base, t, ticket, flow, seen) for t in tokens))
        elapsed = time.perf_counter() - started
    latencies = sorted(seen["latencies"])
    done = seen["completed"] if flow else seen["statuses"]["create 200"]
    return {
        "mode": mode,
        "buyers": len(tokens),
        "seconds": round(elapsed, 3),
        "per_second": round(done / elapsed, 1),
        "done": done,
        "statuses": dict(seen["statuses"]),
        "5xx": sum(n for key, n in seen["statuses"].items() if key.split()[1].startswith("5")),
        "create_p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "create_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
    }


if __name__ == "__main__":
    base_url, seed_file, run_mode = sys.argv[1:4]
    with open(seed_file) as handle:
        seeded = json.load(handle)
    print(json.dumps(asyncio.run(run(base_url, seeded, run_mode))))
