"""Setup hooks for the Favourite Events and Favourite Sessions groups: a user favourites a
published event and an accepted session of it, and reads and removes their own favourites."""

from __future__ import annotations

from typing import Any

from tests.contract.hooks_sessions import _program
from tests.contract.scene import Account, Plan, Scene, hook


async def _favourite(scene: Scene, fan: Account, kind: str, object_id: str) -> dict[str, Any]:
    return await scene.create(
        fan.token,
        f"/v1/user-favourite-{kind}s",
        f"user-favourite-{kind}",
        {kind: (kind, object_id)},
    )


@hook("Favourite Events::Create a Favourite Event", requires=("user-favourite-event",))
async def a_user_favourites_an_event(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    fan = await scene.account()
    return Plan(token=fan.token, ids={"event": event["id"]})


@hook("Favourite Events::List All Favourite Events", requires=("user-favourite-event",))
@hook("Favourite Events::Get Details", requires=("user-favourite-event",))
@hook("Favourite Events::Delete Favourite Event", requires=("user-favourite-event",))
async def a_favourite_event(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    fan = await scene.account()
    favourite = await _favourite(scene, fan, "event", event["id"])
    return Plan(token=fan.token, params={"event_id": favourite["id"]})


@hook("Favourite Sessions::Create a Favourite Session", requires=("user-favourite-session",))
async def a_user_favourites_a_session(scene: Scene) -> Plan:
    _, _, made = await _program(scene)
    fan = await scene.account()
    return Plan(token=fan.token, ids={"session": made["session"]})


async def _favourite_session(scene: Scene) -> tuple[Account, dict[str, str], dict[str, Any]]:
    _, _, made = await _program(scene)
    fan = await scene.account()
    return fan, made, await _favourite(scene, fan, "session", made["session"])


@hook("Favourite Sessions::Get Details", requires=("user-favourite-session",))
@hook("Favourite Sessions::Delete Favourite Session", requires=("user-favourite-session",))
async def a_favourite_session(scene: Scene) -> Plan:
    fan, _, favourite = await _favourite_session(scene)
    return Plan(token=fan.token, params={"session_id": favourite["id"]})


@hook(
    "Favourite Sessions::List All Favourite Sessions of an User",
    requires=("user-favourite-session",),
)
async def favourites_of_a_user(scene: Scene) -> Plan:
    fan, _, _ = await _favourite_session(scene)
    return Plan(
        token=fan.token,
        url=f"/v1/users/{fan.id}/user-favourite-sessions",
        note="the documented URL names user 1",
    )


@hook(
    "Favourite Sessions::List All Favourite Sessions of a Session",
    requires=("user-favourite-session",),
)
async def favourites_of_a_session(scene: Scene) -> Plan:
    fan, made, _ = await _favourite_session(scene)
    return Plan(
        token=fan.token,
        url=f"/v1/sessions/{made['session']}/user-favourite-sessions",
        note="the documented URL names session 1",
    )


@hook(
    "Favourite Sessions::List All Favourite Sessions of an Event",
    requires=("user-favourite-session",),
)
async def favourites_of_an_event(scene: Scene) -> Plan:
    fan, made, _ = await _favourite_session(scene)
    return Plan(
        token=fan.token,
        url=f"/v1/events/{made['event']}/user-favourite-sessions",
        note="the documented URL names event 1",
    )


@hook("Event Copy::Create Copy")
async def the_owner_copies_an_event(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    return Plan(token=owner.token, params={"identifier": event["attributes"]["identifier"]})
