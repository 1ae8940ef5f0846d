"""An event belongs to at most one group: its organizers put it in a group they own."""

from __future__ import annotations

from sqlalchemy import select

from hallway.events.models import Event
from hallway.roles.models import Role, UsersEventsRoles
from tests.appfixtures import jwt
from tests.events.helpers import create_event, event_body
from tests.groups.helpers import account, create_group, link


def grouped(event: dict, group_id) -> dict:
    relationships = {
        "group": {"data": None if group_id is None else link("group", group_id)["data"]}
    }
    return {"data": {"type": "event", "id": event["id"], "relationships": relationships}}


async def group_of(app_db, event: dict) -> int | None:
    async with app_db.sessions() as session:
        return await session.scalar(select(Event.group_id).where(Event.id == int(event["id"])))


async def grant(app_db, event: dict, user_id: int, role: str) -> None:
    async with app_db.sessions() as session, session.begin():
        role_id = await session.scalar(select(Role.id).where(Role.name == role))
        session.add(UsersEventsRoles(event_id=int(event["id"]), user_id=user_id, role_id=role_id))


async def test_an_organizer_puts_their_event_into_their_group(client, app_db):
    _, token = await account(client, app_db, "ann@example.com")
    group = await create_group(client, token)
    event = await create_event(client, token, state="published")

    joined = await client.patch(
        f"/v1/events/{event['id']}", json=grouped(event, group["id"]), headers=jwt(token)
    )
    events = await client.get(f"/v1/groups/{group['id']}/events")
    its_group = await client.get(f"/v1/events/{event['attributes']['identifier']}/group")
    listed = await client.get(f"/v1/groups/{group['id']}?include=events")

    assert joined.status_code == 200, joined.text
    assert [e["id"] for e in events.json()["data"]] == [event["id"]]
    assert its_group.json()["data"]["id"] == group["id"]
    assert listed.json()["data"]["relationships"]["events"]["data"] == [
        {"type": "event", "id": event["id"]}
    ]
    assert await group_of(app_db, event) == int(group["id"])


async def test_an_event_is_created_in_its_organizers_group(client, app_db):
    _, token = await account(client, app_db, "ann@example.com")
    _, other = await account(client, app_db, "bob@example.com")
    group = await create_group(client, token)
    body = event_body("Grouped")
    body["data"]["relationships"] = {"group": link("group", group["id"])}

    by_owner = await client.post("/v1/events", json=body, headers=jwt(token))
    by_other = await client.post("/v1/events", json=body, headers=jwt(other))

    assert by_owner.status_code == 201, by_owner.text
    assert await group_of(app_db, by_owner.json()["data"]) == int(group["id"])
    assert by_other.status_code == 403
    assert by_other.json()["errors"][0]["source"]["pointer"] == "/data/relationships/group"
    async with app_db.sessions() as session:
        names = (await session.scalars(select(Event.name))).all()
    assert names == ["Grouped"]


async def test_an_event_joins_only_a_group_its_organizer_owns(client, app_db):
    ann_id, ann = await account(client, app_db, "ann@example.com")
    _, bob = await account(client, app_db, "bob@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    bobs_group = await create_group(client, bob, "Bob's")
    event = await create_event(client, ann, state="published")

    by_body = await client.patch(
        f"/v1/events/{event['id']}", json=grouped(event, bobs_group["id"]), headers=jwt(ann)
    )
    by_link = await client.patch(
        f"/v1/events/{event['id']}/relationships/group",
        json=link("group", bobs_group["id"]),
        headers=jwt(ann),
    )
    # The group's owner cannot pull in an event they do not organize either.
    by_group_owner = await client.patch(
        f"/v1/events/{event['id']}", json=grouped(event, bobs_group["id"]), headers=jwt(bob)
    )
    unchanged = await group_of(app_db, event)
    by_admin = await client.patch(
        f"/v1/events/{event['id']}/relationships/group",
        json=link("group", bobs_group["id"]),
        headers=jwt(admin),
    )

    assert by_body.status_code == 403 and by_link.status_code == 403
    assert by_group_owner.status_code == 403
    assert unchanged is None
    assert by_admin.status_code == 200
    assert by_admin.json()["data"] == {"type": "group", "id": bobs_group["id"]}
    assert await group_of(app_db, event) == int(bobs_group["id"])
    assert ann_id


async def test_a_coorganizer_leaves_a_group_they_do_not_own(client, app_db):
    _, ann = await account(client, app_db, "ann@example.com")
    cora_id, cora = await account(client, app_db, "cora@example.com")
    group = await create_group(client, ann)
    event = await create_event(client, ann, state="published")
    await client.patch(
        f"/v1/events/{event['id']}", json=grouped(event, group["id"]), headers=jwt(ann)
    )
    await grant(app_db, event, cora_id, "coorganizer")

    renamed = await client.patch(
        f"/v1/events/{event['id']}",
        json={"data": {"type": "event", "id": event["id"], "attributes": {"name": "Renamed"}}},
        headers=jwt(cora),
    )
    kept = await group_of(app_db, event)
    left = await client.patch(
        f"/v1/events/{event['id']}/relationships/group", json={"data": None}, headers=jwt(cora)
    )

    assert renamed.status_code == 200 and kept == int(group["id"])
    assert left.status_code == 200 and left.json()["data"] is None
    assert await group_of(app_db, event) is None


async def test_a_trashed_group_no_longer_shows_and_a_deleted_one_lets_its_events_go(client, app_db):
    _, ann = await account(client, app_db, "ann@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, ann)
    event = await create_event(client, ann, state="published")
    await client.patch(
        f"/v1/events/{event['id']}", json=grouped(event, group["id"]), headers=jwt(ann)
    )

    await client.delete(f"/v1/groups/{group['id']}", headers=jwt(ann))
    trashed = await client.get(f"/v1/events/{event['id']}?include=group")
    kept = await group_of(app_db, event)
    purged = await client.delete(
        f"/v1/groups/{group['id']}?get_trashed=true&permanent=true", headers=jwt(admin)
    )

    assert trashed.json()["data"]["relationships"]["group"]["data"] is None
    assert kept == int(group["id"])
    assert purged.status_code == 200, purged.text
    assert await group_of(app_db, event) is None


def gathering(group: dict, *events: dict) -> dict:
    linkage = [{"type": "event", "id": event["id"]} for event in events]
    return {
        "data": {"type": "group", "id": group["id"], "relationships": {"events": {"data": linkage}}}
    }


async def test_a_group_owner_gathers_the_events_they_organize(client, app_db):
    _, ann = await account(client, app_db, "ann@example.com")
    first = await create_event(client, ann, "First", state="published")
    second = await create_event(client, ann, "Second")
    body = {
        "data": {
            "type": "group",
            "attributes": {"name": "Ann's"},
            "relationships": {"events": {"data": [{"type": "event", "id": first["id"]}]}},
        }
    }

    created = await client.post("/v1/groups", json=body, headers=jwt(ann))
    group = created.json()["data"]
    both = await client.patch(
        f"/v1/groups/{group['id']}", json=gathering(group, first, second), headers=jwt(ann)
    )
    listed = await client.get(f"/v1/groups/{group['id']}/events?sort=name", headers=jwt(ann))
    grouped_both = [await group_of(app_db, first), await group_of(app_db, second)]
    emptied = await client.patch(
        f"/v1/groups/{group['id']}", json=gathering(group), headers=jwt(ann)
    )

    assert created.status_code == 201, created.text
    assert both.status_code == 200, both.text
    assert [e["attributes"]["name"] for e in listed.json()["data"]] == ["First", "Second"]
    assert grouped_both == [int(group["id"])] * 2
    assert emptied.status_code == 200
    assert [await group_of(app_db, first), await group_of(app_db, second)] == [None, None]


async def test_nobody_gathers_events_they_do_not_organize(client, app_db):
    _, ann = await account(client, app_db, "ann@example.com")
    _, bob = await account(client, app_db, "bob@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, ann)
    bobs_event = await create_event(client, bob, "Bob's", state="published")
    url = f"/v1/groups/{group['id']}"
    one = {"data": [{"type": "event", "id": bobs_event["id"]}]}

    by_body = await client.patch(url, json=gathering(group, bobs_event), headers=jwt(ann))
    by_link = await client.post(f"{url}/relationships/events", json=one, headers=jwt(ann))
    # The event's organizer cannot push it into a group they do not own either.
    by_event_owner = await client.post(f"{url}/relationships/events", json=one, headers=jwt(bob))
    unchanged = await group_of(app_db, bobs_event)
    by_admin = await client.post(f"{url}/relationships/events", json=one, headers=jwt(admin))

    assert by_body.status_code == 403
    assert by_body.json()["errors"][0]["source"]["pointer"] == "/data/relationships/events"
    assert by_link.status_code == 403 and by_event_owner.status_code == 403
    assert unchanged is None
    assert by_admin.status_code == 200
    assert await group_of(app_db, bobs_event) == int(group["id"])
