"""Scheduling sessions in rooms and publishing the schedule, through the API."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.program.helpers import Cast, body, make


async def room(client: AsyncClient, c: Cast, name: str = "Hall A") -> str:
    made = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": name},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    return str(made["id"])


async def schedule(
    client: AsyncClient, c: Cast, session_id: str, room_id: str, starts: str, ends: str
) -> dict[str, Any]:
    response = await client.patch(
        f"/v1/sessions/{session_id}",
        json=body(
            "session",
            {"starts-at": starts, "ends-at": ends},
            id_=session_id,
            microlocation=("microlocation", room_id),
        ),
        headers=c.headers("owner"),
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


async def publish_schedule(client: AsyncClient, c: Cast, when: str | None = "2031-05-01T00:00:00Z"):
    response = await client.patch(
        f"/v1/events/{c.event_id}",
        json=body("event", {"schedule-published-on": when}, id_=c.event_id),
        headers=c.headers("owner"),
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]
