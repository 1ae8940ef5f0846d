"""Setup hooks for the Group group and the events of a group: a verified user owns a group
(reading groups is public) and puts the events they organize in it."""

from __future__ import annotations

from typing import Any

from tests.appfixtures import jwt
from tests.contract.scene import Account, Plan, Scene, hook


async def _group(scene: Scene, owner: Account) -> dict[str, Any]:
    return await scene.create(owner.token, "/v1/groups", "group", name="eventgp1")


async def _grouped_event(scene: Scene, owner: Account, group: dict[str, Any]) -> dict[str, Any]:
    event = await scene.event(owner)
    response = await scene.client.patch(
        f"/v1/events/{event['id']}/relationships/group",
        json={"data": {"type": "group", "id": group["id"]}},
        headers=jwt(owner.token),
    )
    assert response.status_code == 200, f"setup: the event joins the group: {response.text}"
    return event


@hook("Group::List All Groups", requires=("group",))
@hook("Group::Group Detail", requires=("group",))
@hook("Group::List All Groups under an User", requires=("group",))
async def a_group(scene: Scene) -> Plan:
    owner = await scene.account()
    group = await _group(scene, owner)
    return Plan(token=owner.token, params={"group_id": group["id"], "user_id": owner.id})


# The documented body of "Create Group", which the Blueprint leaves outside its `+ Body` block.
CREATE_GROUP = {
    "data": {
        "type": "group",
        "id": "1",
        "relationships": {
            "user": {"data": {"id": "1", "type": "user"}},
            "events": {"data": [{"id": "1", "type": "event"}]},
        },
        "attributes": {"name": "eventgp1"},
    }
}


@hook("Group::Create Group", requires=("group",))
async def a_user_starts_a_group_with_their_event(scene: Scene) -> Plan:
    """The owner is the caller, whatever `user` says; the event is one they organize."""
    owner = await scene.account()
    event = await scene.event(owner)
    return Plan(
        token=owner.token,
        sent=CREATE_GROUP,
        drop_id=True,
        ids={"event": event["id"], "user": owner.id},
        note="the documented body is not indented under its + Body marker, and sends id 1; "
        "client-generated ids are refused",
    )


@hook("Group::Update Group", requires=("group",))
@hook("Group::Delete Group", requires=("group",))
async def the_owner_changes_a_group(scene: Scene) -> Plan:
    owner = await scene.account()
    group = await _group(scene, owner)
    return Plan(token=owner.token, params={"group_id": group["id"]}, ids={"group": group["id"]})


@hook("Group::Group Details for an Event", requires=("group",))
@hook("Events::List All Events under a Group", requires=("group",))
async def an_event_in_a_group(scene: Scene) -> Plan:
    owner = await scene.account()
    group = await _group(scene, owner)
    event = await _grouped_event(scene, owner, group)
    return Plan(token=owner.token, params={"group_id": group["id"], "event_id": event["id"]})
