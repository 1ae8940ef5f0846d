"""An event on sale with a room, a session held in it and stations; attendees sold through the
API; check-ins made through the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient, Response

from hallway.db import Database
from tests.orders.helpers import ON_SALE, Shop, shop, sold
from tests.program.helpers import body, make
from tests.tickets.helpers import create_ticket


@dataclass
class Venue:
    s: Shop
    event_id: str
    open_ticket: dict[str, Any]  # check-in not restricted to the event's days
    room: dict[str, Any]
    talk: dict[str, Any]
    desk: dict[str, Any]  # registration
    door_in: dict[str, Any]
    door_out: dict[str, Any]
    daily: dict[str, Any]

    def jwt(self, who: str) -> dict[str, str]:
        return self.s.jwt(who)


async def station(
    client: AsyncClient, v_or_shop: Any, kind: str, room: str | None = None, who: str = "owner"
) -> Response:
    s = v_or_shop.s if isinstance(v_or_shop, Venue) else v_or_shop
    relationships: dict[str, Any] = {"event": ("event", s.c.event["id"])}
    if room is not None:
        relationships["microlocation"] = ("microlocation", room)
    return await client.post(
        "/v1/station",
        json=body("station", {"station-name": kind.title(), "station-type": kind}, **relationships),
        headers=s.jwt(who),
    )


async def venue(client: AsyncClient, db: Database) -> Venue:
    s = await shop(client, db)
    event_id, owner = s.c.event["id"], s.jwt("owner")
    open_ticket = await create_ticket(
        client,
        s.c.tokens["owner"],
        event_id,
        "Open",
        type="free",
        price="0",
        is_checkin_restricted=False,
        **ON_SALE,
    )
    room = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Hall A"},
        owner,
        event=("event", event_id),
    )
    talk = await make(
        client,
        "sessions",
        "session",
        {"title": "Keynote", "state": "confirmed"},
        owner,
        event=("event", event_id),
        microlocation=("microlocation", room["id"]),
    )
    made = {}
    for kind, at in (
        ("registration", None),
        ("check in", room["id"]),
        ("check out", room["id"]),
        ("daily", None),
    ):
        response = await station(client, s, kind, at)
        assert response.status_code == 201, response.text
        made[kind] = response.json()["data"]
    return Venue(
        s,
        event_id,
        open_ticket,
        room,
        talk,
        made["registration"],
        made["check in"],
        made["check out"],
        made["daily"],
    )


async def attendee(client: AsyncClient, v: Venue, ticket: Any = None, **kwargs: Any) -> Any:
    """One attendee of a completed order of the plain user, on the open ticket by default."""
    s = v.s
    original = s.free
    s.free = ticket or v.open_ticket
    try:
        identifier, (one,) = await sold(client, s, **kwargs)
    finally:
        s.free = original
    return identifier, one


def check_in_body(
    station_id: Any, attendee_id: Any, session_id: Any = None, *, underscore: bool = False
) -> dict[str, Any]:
    holder = "ticket_holder" if underscore else "ticket-holder"
    relationships: dict[str, Any] = {
        "station": {"data": {"type": "station", "id": str(station_id)}},
        holder: {"data": {"type": "attendee", "id": str(attendee_id)}},
    }
    if session_id is not None:
        relationships["session"] = {"data": {"type": "session", "id": str(session_id)}}
    return {"data": {"type": "user_check_in", "attributes": {}, "relationships": relationships}}


async def check(
    client: AsyncClient,
    v: Venue,
    station_: dict[str, Any],
    attendee_: dict[str, Any],
    who: str = "registrar",
    session: Any = None,
) -> Response:
    return await client.post(
        "/v1/user-check-in",
        json=check_in_body(station_["id"], attendee_["id"], session),
        headers=v.jwt(who),
    )
