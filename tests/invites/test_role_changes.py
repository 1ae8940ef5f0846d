"""A holder of a role on an event is given another role (`PATCH /v1/users-events-roles/{id}`)
by the event's owner and organizers; only an owner makes or unmakes an owner; the event keeps
at least one owner."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hallway.db import Database
from hallway.roles.models import Role
from tests.appfixtures import Mailbox, jwt
from tests.invites.helpers import account, grant_ids, holder, hosted_event, roles_held


async def role_id(db: Database, name: str) -> str:
    async with db.sessions() as session:
        return str(await session.scalar(select(Role.id).where(Role.name == name)))


def new_role(grant: str, role: str) -> dict[str, Any]:
    return {
        "data": {
            "type": "users-events-roles",
            "id": grant,
            "relationships": {"role": {"data": {"type": "role", "id": role}}},
        }
    }


async def give(client, db, token: str | None, grant: str, name: str):
    headers = jwt(token) if token else {"Content-Type": "application/vnd.api+json"}
    return await client.patch(
        f"/v1/users-events-roles/{grant}",
        json=new_role(grant, await role_id(db, name)),
        headers=headers,
    )


async def test_organizers_give_a_holder_another_role(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    organizer = await holder(
        client, app_db, mailbox, owner, event_id, "org@example.com", "organizer"
    )
    await holder(client, app_db, mailbox, owner, event_id, "mod@example.com", "moderator")
    grants = await grant_ids(client, owner, event_id)

    by_organizer = await give(client, app_db, organizer, grants["moderator"], "registrar")
    by_owner = await give(client, app_db, owner, grants["moderator"], "coorganizer")
    through_relationship = await client.patch(
        f"/v1/users-events-roles/{grants['moderator']}/relationships/role",
        json={"data": {"type": "role", "id": await role_id(app_db, "track_organizer")}},
        headers=jwt(organizer),
    )

    assert by_organizer.status_code == 200, by_organizer.text
    assert by_organizer.json()["data"]["relationships"]["role"]["data"]["id"] == await role_id(
        app_db, "registrar"
    )
    assert by_owner.status_code == 200, by_owner.text
    assert through_relationship.status_code == 200, through_relationship.text
    assert ("mod@example.com", "track_organizer") in await roles_held(app_db, event_id)


async def test_who_may_not_change_a_holders_role(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    other, _ = await hosted_event(client, app_db, "other@example.com")
    plain = await account(client, app_db, "plain@example.com")
    coorganizer = await holder(
        client, app_db, mailbox, owner, event_id, "co@example.com", "coorganizer"
    )
    moderator = await holder(
        client, app_db, mailbox, owner, event_id, "mod@example.com", "moderator"
    )
    grants = await grant_ids(client, owner, event_id)
    before = await roles_held(app_db, event_id)

    answers = {
        name: (await give(client, app_db, token, grants["moderator"], "organizer")).status_code
        for name, token in {
            "anonymous": None,
            "co-organizer": coorganizer,
            "the holder": moderator,
            "plain user": plain,
            "another event's owner": other,
        }.items()
    }

    assert answers == {
        "anonymous": 404,
        "co-organizer": 403,
        "the holder": 403,
        "plain user": 404,
        "another event's owner": 404,
    }
    assert await roles_held(app_db, event_id) == before


async def test_only_an_owner_makes_or_unmakes_an_owner(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    organizer = await holder(
        client, app_db, mailbox, owner, event_id, "org@example.com", "organizer"
    )
    await holder(client, app_db, mailbox, owner, event_id, "co@example.com", "coorganizer")
    grants = await grant_ids(client, owner, event_id)

    by_organizer = await give(client, app_db, organizer, grants["coorganizer"], "owner")
    organizer_demotes_owner = await give(client, app_db, organizer, grants["owner"], "organizer")
    by_owner = await give(client, app_db, owner, grants["coorganizer"], "owner")
    # Two owners now: one of them may step down, but not the last one.
    steps_down = await give(client, app_db, owner, grants["owner"], "organizer")
    after = await grant_ids(client, organizer, event_id)
    last = await give(client, app_db, organizer, after["owner"], "organizer")

    assert by_organizer.status_code == 403
    assert organizer_demotes_owner.status_code == 403
    assert by_owner.status_code == 200, by_owner.text
    assert steps_down.status_code == 200, steps_down.text
    assert last.status_code == 403
    assert await roles_held(app_db, event_id) == {
        ("owner@example.com", "organizer"),
        ("org@example.com", "organizer"),
        ("co@example.com", "owner"),
    }


async def test_the_last_owner_is_not_demoted_even_by_an_admin(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    admin = await account(client, app_db, "admin@example.com", is_admin=True)
    grants = await grant_ids(client, owner, event_id)

    by_owner = await give(client, app_db, owner, grants["owner"], "organizer")
    by_admin = await give(client, app_db, admin, grants["owner"], "coorganizer")

    assert by_owner.status_code == 409
    assert "last owner" in by_owner.json()["errors"][0]["detail"]
    assert by_admin.status_code == 409
    assert await roles_held(app_db, event_id) == {("owner@example.com", "owner")}


async def test_a_role_change_is_refused_with_a_pointer_and_changes_nothing(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    await holder(client, app_db, mailbox, owner, event_id, "mod@example.com", "moderator")
    await holder(client, app_db, mailbox, owner, event_id, "reg@example.com", "registrar")
    grants = await grant_ids(client, owner, event_id)
    before = await roles_held(app_db, event_id)

    attendee = await give(client, app_db, owner, grants["moderator"], "attendee")
    unknown = await client.patch(
        f"/v1/users-events-roles/{grants['moderator']}",
        json=new_role(grants["moderator"], "999999"),
        headers=jwt(owner),
    )
    other_user = await client.patch(
        f"/v1/users-events-roles/{grants['moderator']}",
        json={
            "data": {
                "type": "users-events-roles",
                "id": grants["moderator"],
                "relationships": {"user": {"data": {"type": "user", "id": "1"}}},
            }
        },
        headers=jwt(owner),
    )

    emptied = await client.patch(
        f"/v1/users-events-roles/{grants['moderator']}/relationships/role",
        json={"data": None},
        headers=jwt(owner),
    )

    assert attendee.status_code == 422
    assert attendee.json()["errors"][0]["source"]["pointer"] == "/data/relationships/role"
    assert emptied.status_code == 422, emptied.text
    assert unknown.status_code == 404
    # The holder is not changed: a read-only relationship in the body is ignored.
    assert other_user.json()["data"]["relationships"]["user"]["data"]["id"] != "1"
    assert await roles_held(app_db, event_id) == before
