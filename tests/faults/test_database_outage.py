"""PostgreSQL stopped and started under `hallway run --workers 2`: requests answer 503 with
`Retry-After` naming the database while it is down (never 500), and the same processes serve
again once it is back."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from tests.faults.load import Tally, admin_headers, create_admin, event_body, send
from tests.faults.services import HallwayServer, Postgres

CLIENTS = 4
OUTAGE_SECONDS = 6.0
RECOVERY_LIMIT_SECONDS = 30.0
HEALTHY_IN_A_ROW = 20


class Traffic:
    """Reads and writes in a loop; the answers tallied per phase."""

    def __init__(self, base_url: str, headers: dict[str, str]) -> None:
        self.base_url, self.headers = base_url, headers
        self.phase = "before"
        self.tallies = {phase: Tally() for phase in ("before", "outage", "after")}
        self.unavailable_answers: list[httpx.Response] = []
        self.successes_in_a_row = 0
        self.first_success_after: float | None = None
        self.stopped = False

    async def client_loop(self, number: int) -> None:
        async with httpx.AsyncClient(base_url=self.base_url, timeout=15) as client:
            sequence = 0
            while not self.stopped:
                sequence += 1
                if sequence % 2:
                    response = await send(client, "GET", "/v1/events", headers=self.headers)
                else:
                    body = event_body(f"outage {number}-{sequence}")
                    response = await send(
                        client, "POST", "/v1/events", json=body, headers=self.headers
                    )
                self.observe(response)
                await asyncio.sleep(0.02)

    def observe(self, response: httpx.Response | None) -> None:
        self.tallies[self.phase].record(response)
        if response is not None and response.status_code == 503:
            self.unavailable_answers.append(response)
        if self.phase != "after":
            return
        if response is not None and response.is_success:
            if self.first_success_after is None:
                self.first_success_after = time.monotonic()
            self.successes_in_a_row += 1
        else:
            self.successes_in_a_row = 0


async def test_a_database_outage_answers_503_then_recovers_without_a_restart(
    base_env: dict[str, str], workdir: Path, running_postgres: Postgres
) -> None:
    create_admin(base_env, workdir)
    server = HallwayServer(workdir, base_env, workers=2)
    server.start()
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            headers = await admin_headers(client)
        traffic = Traffic(server.base_url, headers)
        clients = [asyncio.create_task(traffic.client_loop(n)) for n in range(CLIENTS)]
        await asyncio.sleep(2)
        traffic.phase = "outage"
        await asyncio.to_thread(running_postgres.stop, "fast")
        await asyncio.sleep(OUTAGE_SECONDS)
        await asyncio.to_thread(running_postgres.start)
        back = time.monotonic()
        traffic.phase = "after"
        while traffic.successes_in_a_row < HEALTHY_IN_A_ROW:
            assert time.monotonic() - back < RECOVERY_LIMIT_SECONDS, "no recovery"
            await asyncio.sleep(0.1)
        recovered = time.monotonic()
        traffic.stopped = True
        await asyncio.gather(*clients)
        assert server.process is not None and server.process.alive()
        log = server.process.log()
    finally:
        server.stop()

    outage, after = traffic.tallies["outage"], traffic.tallies["after"]
    five_hundreds = sum(tally.five_hundreds for tally in traffic.tallies.values())
    print(
        f"\n[faults] database outage of {OUTAGE_SECONDS:g} s: during it {outage.summary()};"
        f" after the restart of PostgreSQL {after.summary()};"
        f" first 2xx {traffic.first_success_after and traffic.first_success_after - back:.2f} s"
        f" and {HEALTHY_IN_A_ROW} 2xx in a row {recovered - back:.2f} s after it was back;"
        f" 5xx other than 503: {five_hundreds - len(traffic.unavailable_answers)};"
        f" log lines naming the outage: {log.count('database unavailable')}"
    )
    assert traffic.tallies["before"].five_hundreds == 0
    assert outage.statuses[503] > 0, outage.summary()
    for tally in traffic.tallies.values():
        assert all(status == 503 for status, _, _ in tally.server_errors), tally.server_errors[:3]
    for answer in traffic.unavailable_answers:
        assert answer.headers["Retry-After"].isdigit()
        (error,) = answer.json()["errors"]
        assert (str(error["status"]), error["source"]["code"]) == ("503", "database-unavailable")
    assert "Traceback" not in log
