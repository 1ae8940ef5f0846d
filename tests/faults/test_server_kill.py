"""kill -9 of `hallway run --workers 3` under concurrent writes: every write answered 2xx is
found after the restart (PostgreSQL committed it before the answer left)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import httpx

from tests.faults.load import Tally, admin_headers, create_admin, event_body, send
from tests.faults.services import HallwayServer, port_open, wait_for

WRITERS = 12
KILL_AFTER_ACKNOWLEDGED = 150


async def write_until_killed(
    base_url: str, headers: dict[str, str], acknowledged: list[str], tally: Tally
) -> None:
    async def writer(number: int) -> None:
        async with httpx.AsyncClient(base_url=base_url, timeout=10, headers=headers) as client:
            for sequence in range(10_000):
                response = await send(
                    client, "POST", "/v1/events", json=event_body(f"kill {number}-{sequence}")
                )
                tally.record(response)
                if response is None:
                    return  # the server is gone
                if response.is_success:
                    acknowledged.append(response.json()["data"]["id"])

    await asyncio.gather(*(writer(n) for n in range(WRITERS)))


async def test_kill_9_of_the_server_under_writes_loses_no_acknowledged_write(
    base_env: dict[str, str], workdir: Path
) -> None:
    create_admin(base_env, workdir)
    server = HallwayServer(workdir, base_env, workers=3)
    server.start()
    acknowledged: list[str] = []
    tally = Tally()
    try:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            headers = await admin_headers(client)
        load = asyncio.create_task(
            write_until_killed(server.base_url, headers, acknowledged, tally)
        )
        while len(acknowledged) < KILL_AFTER_ACKNOWLEDGED and not load.done():  # noqa: ASYNC110
            await asyncio.sleep(0.05)  # the writers run until the kill, whatever they see
        assert server.process is not None
        # The supervisor and its workers, all at once, mid-request: nothing shuts down cleanly.
        os.killpg(server.process.pid, signal.SIGKILL)
        await asyncio.wait_for(load, 60)
    finally:
        server.stop()
    wait_for(lambda: not port_open(server.port), 10, "the port is free")

    restarted = HallwayServer(workdir, base_env, workers=1)
    restarted.port = server.port  # the same address: nothing of the killed server holds it
    restarted.base_url = server.base_url
    restarted.start()
    try:
        async with httpx.AsyncClient(base_url=restarted.base_url, timeout=30) as client:
            headers = await admin_headers(client)
            found = [
                (await client.get(f"/v1/events/{event_id}", headers=headers)).status_code
                for event_id in acknowledged
            ]
    finally:
        restarted.stop()

    print(
        f"\n[faults] kill -9 under writes: {len(acknowledged)} writes acknowledged,"
        f" {found.count(200)} found after restart; answers: {tally.summary()};"
        f" 5xx: {tally.five_hundreds}"
    )
    assert len(acknowledged) >= KILL_AFTER_ACKNOWLEDGED
    assert found.count(200) == len(acknowledged), found
    assert tally.five_hundreds == 0, tally.server_errors[:3]
