"""The ticket rush's three requests in-process: CPU-ms of each, and optionally a profile.

    DATABASE_URL=postgresql://… SECRET_KEY=… python bench/profile_rush.py N [PROFILE.html]

Seeds an event with two free tickets (bench/seed_rush.py), then runs N buyers one after the
other through the ASGI app (create-order with its attendees, PATCH the attendee, PATCH the
order to completed) and prints the process CPU time of each step per request. With a second
argument, a pyinstrument profile of the timed loop is written there as text."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections import defaultdict
from typing import Any

from bench.seed_rush import seed
from httpx import ASGITransport, AsyncClient

from hallway.main import create_app

JSONAPI = "application/vnd.api+json"
COMPLETED = {"status": "completed"}
ATTENDEE = {"firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.com"}


async def one_buyer(http: AsyncClient, token: str, ticket: int, spent: dict[str, float]) -> None:
    headers = {"Authorization": f"JWT {token}"}
    started = time.process_time()
    body = {"tickets": [{"id": ticket, "quantity": 1}]}
    path = "/v1/orders/create-order?include=attendees"
    answer = await http.post(path, json=body, headers=headers)
    assert answer.status_code == 200, answer.text
    spent["create"] += time.process_time() - started
    document = answer.json()
    order, attendee = document["data"], document["included"][0]
    steps = (
        ("attendee", f"/v1/attendees/{attendee['id']}", attendee["id"], ATTENDEE),
        ("order", f"/v1/orders/{order['attributes']['identifier']}", order["id"], COMPLETED),
    )
    for type_, path, id_, attributes in steps:
        started = time.process_time()
        patch = {"data": {"type": type_, "id": id_, "attributes": attributes}}
        answer = await http.patch(path, json=patch, headers={**headers, "Content-Type": JSONAPI})
        assert answer.status_code == 200, answer.text
        spent[type_] += time.process_time() - started


async def main(count: int, profiling: bool) -> str:
    seeded = await seed(count + 20, count + 20)
    tokens: list[Any] = seeded["tokens"]
    ticket = int(str(seeded["tickets"][1]))
    app = create_app()
    spent: dict[str, float] = defaultdict(float)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://bench") as http:
            for token in tokens[:20]:  # warm-up: caches, pools, compiled statements
                await one_buyer(http, str(token), ticket, defaultdict(float))
            profiler = None
            if profiling:
                from pyinstrument import Profiler

                profiler = Profiler(async_mode="enabled")
                profiler.start()
            for token in tokens[20:]:
                await one_buyer(http, str(token), ticket, spent)
            if profiler:
                profiler.stop()
    for step, seconds in spent.items():
        print(f"{step}: {seconds * 1000 / count:.2f} CPU-ms per request")
    print(f"flow: {sum(spent.values()) * 1000 / count:.2f} CPU-ms per completed order")
    return profiler.output_text(unicode=False, color=False) if profiler else ""


if __name__ == "__main__":
    os.environ.setdefault("MAIL_BACKEND", "console")
    profile = asyncio.run(main(int(sys.argv[1]), len(sys.argv) > 2))
    if profile:
        with open(sys.argv[2], "w") as handle:
            handle.write(profile)
