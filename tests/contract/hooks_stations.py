"""Setup hooks for the Stations, Station Store Paxs and Users Check In groups: an owner's event
with a room, a confirmed session held in it, a registration station at the room and an
attendee of a completed order whose ticket checks in on any day."""

from __future__ import annotations

from typing import Any

from tests.contract.hooks_tickets import _selling_event, _ticket
from tests.contract.scene import Account, Plan, Scene, hook


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"JWT {token}"}


async def _venue(scene: Scene) -> dict[str, Any]:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    room = await scene.create(
        owner.token, "/v1/microlocations", "microlocation", {"event": ("event", event["id"])},
        name="Hall A",
    )  # fmt: skip
    talk = await scene.create(
        owner.token, "/v1/sessions", "session",
        {"event": ("event", event["id"]), "microlocation": ("microlocation", room["id"])},
        title="Keynote", state="confirmed",
    )  # fmt: skip
    station = await scene.create(
        owner.token, "/v1/stations", "station",
        {"event": ("event", event["id"]), "microlocation": ("microlocation", room["id"])},
        **{"station-name": "Desk", "station-type": "registration"},
    )  # fmt: skip
    return {"owner": owner, "event": event, "room": room, "session": talk, "station": station}


async def _attendee(
    scene: Scene, owner: Account, event: dict[str, Any], **ticket: Any
) -> dict[str, Any]:
    made_ticket = await _ticket(
        scene, owner, event, type="free", price="0", **{"is-checkin-restricted": False, **ticket}
    )
    made = await scene.client.post(
        "/v1/orders/create-order",
        json={"tickets": [{"id": made_ticket["id"], "quantity": 1}]},
        headers=_auth(owner.token),
    )
    assert made.status_code == 200, f"setup: an order: {made.text[:300]}"
    identifier = made.json()["data"]["attributes"]["identifier"]
    completed = await scene.client.patch(
        f"/v1/orders/{identifier}",
        json={"data": {"type": "order", "id": identifier, "attributes": {"status": "completed"}}},
        headers={**_auth(owner.token), "Content-Type": "application/vnd.api+json"},
    )
    assert completed.status_code == 200, f"setup: completed: {completed.text[:300]}"
    listed = await scene.client.get(
        f"/v1/orders/{identifier}/attendees", headers=_auth(owner.token)
    )
    return listed.json()["data"][0]  # type: ignore[no-any-return]


@hook("Stations::Create Station")
@hook("Stations::Get Station")
@hook("Stations::Get Stations by Event")
@hook("Station Store Paxs::Create Station Store Paxs")
@hook("Station Store Paxs::Get Station Store Paxs By Station and Session")
@hook("Users Check In::Get Registration Stats")
async def an_owner_and_their_venue(scene: Scene) -> Plan:
    venue = await _venue(scene)
    ids = {
        "event": venue["event"]["id"],
        "microlocation": venue["room"]["id"],
        "session": venue["session"]["id"],
        "station": venue["station"]["id"],
    }
    return Plan(
        token=venue["owner"].token,
        params={
            "event_id": ids["event"],
            "station_id": ids["station"],
            "session_id": ids["session"],
        },
        ids=ids,
    )


@hook("Users Check In::Create User Check In")
async def a_registrar_desk_and_an_attendee(scene: Scene) -> Plan:
    venue = await _venue(scene)
    holder = await _attendee(scene, venue["owner"], venue["event"])
    return Plan(
        token=venue["owner"].token,
        ids={
            "station": venue["station"]["id"],
            "session": venue["session"]["id"],
            "attendee": holder["id"],
        },
    )


@hook("Attendees::Get Attendee State")
async def an_attendee_registered_at_the_desk(scene: Scene) -> Plan:
    venue = await _venue(scene)
    holder = await _attendee(scene, venue["owner"], venue["event"])
    relationships = {
        "station": {"data": {"type": "station", "id": venue["station"]["id"]}},
        "ticket-holder": {"data": {"type": "attendee", "id": holder["id"]}},
    }
    registered = await scene.client.post(
        "/v1/user-check-in",
        json={"data": {"type": "user_check_in", "relationships": relationships}},
        headers={**_auth(venue["owner"].token), "Content-Type": "application/vnd.api+json"},
    )
    assert registered.status_code == 201, f"setup: registration: {registered.text[:300]}"
    return Plan(
        token=venue["owner"].token,
        url=f"/v1/states?event_id={venue['event']['id']}&attendee_id={holder['id']}",
        note="the query's values are this run's event and attendee",
    )
