"""An event that takes sessions, with its call for speakers open, and submitting to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient, Response

from hallway.db import Database
from tests.appfixtures import login, make_user
from tests.program.helpers import Cast, body, cast, make, post


def iso(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat()


async def open_call(client: AsyncClient, c: Cast, **attributes: Any) -> dict[str, Any]:
    """Sessions and speakers enabled on the event, and its call open since yesterday."""
    patched = await client.patch(
        f"/v1/events/{c.event_id}",
        json=body(
            "event",
            {"is-sessions-speakers-enabled": True, "is-cfs-enabled": True},
            id_=c.event_id,
        ),
        headers=c.headers("owner"),
    )
    assert patched.status_code == 200, patched.text
    values = {
        "starts-at": iso(timedelta(days=-1)),
        "ends-at": iso(timedelta(days=10)),
        **attributes,
    }
    return await make(
        client,
        "speakers-calls",
        "speakers-call",
        values,
        c.headers("owner"),
        event=("event", c.event_id),
    )


async def program(client: AsyncClient, db: Database, *, published: bool = True) -> Cast:
    """The cast of tests/program, a second would-be speaker (`other`), and the call open."""
    c = await cast(client, db, published=published)
    await make_user(db, "other@example.com")
    c.tokens["other"] = await login(client, "other@example.com")
    await open_call(client, c)
    return c


async def speaker(
    client: AsyncClient, c: Cast, who: str, name: str = "Ada", **attributes: Any
) -> dict[str, Any]:
    return await make(
        client,
        "speakers",
        "speaker",
        {"name": name, **attributes},
        c.headers(who),
        event=("event", c.event_id),
    )


def session_body(
    c: Cast, title: str, *, speakers: list[str] = (), id_: str | None = None, **attributes: Any
) -> dict[str, Any]:
    document = body("session", {"title": title, **attributes}, id_=id_, event=("event", c.event_id))
    document["data"]["relationships"]["speakers"] = {
        "data": [{"type": "speaker", "id": sid} for sid in speakers]
    }
    return document


async def submit(
    client: AsyncClient, c: Cast, who: str, title: str = "Talk", **attributes: Any
) -> Response:
    return await client.post(
        "/v1/sessions", json=session_body(c, title, **attributes), headers=c.headers(who)
    )


async def submitted(
    client: AsyncClient, c: Cast, who: str, title: str = "Talk", **attributes: Any
) -> dict[str, Any]:
    response = await submit(client, c, who, title, **attributes)
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


async def change(
    client: AsyncClient, c: Cast, who: str, session_id: str, **attributes: Any
) -> Response:
    return await client.patch(
        f"/v1/sessions/{session_id}",
        json=body("session", attributes, id_=session_id),
        headers=c.headers(who),
    )


async def accepted_talk(
    client: AsyncClient, c: Cast, who: str = "user", title: str = "Talk"
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A speaker profile of `who` and their session, accepted by the owner."""
    profile = await speaker(client, c, who, name=f"{who} speaker")
    talk = await submitted(client, c, who, title, state="pending", speakers=[profile["id"]])
    response = await change(client, c, "owner", talk["id"], state="accepted")
    assert response.status_code == 200, response.text
    return profile, response.json()["data"]


def ids(response: Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["data"]]


__all__ = ["post"]
