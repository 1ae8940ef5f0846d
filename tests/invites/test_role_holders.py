"""Role holders of an event (`users-events-roles`): the owner and organizers list and remove
them, co-organizers only list them, nobody else sees them, and the last owner stays."""

from __future__ import annotations

from hallway.db import Database
from tests.appfixtures import Mailbox, jwt
from tests.invites.helpers import account, grant_ids, holder, hosted_event, roles_held


async def test_organizers_list_and_remove_role_holders(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    organizer = await holder(
        client, app_db, mailbox, owner, event_id, "org@example.com", "organizer"
    )
    await holder(client, app_db, mailbox, owner, event_id, "mod@example.com", "moderator")
    await holder(client, app_db, mailbox, owner, event_id, "reg@example.com", "registrar")
    grants = await grant_ids(client, organizer, event_id)

    by_organizer = await client.delete(
        f"/v1/users-events-roles/{grants['moderator']}", headers=jwt(organizer)
    )
    by_owner = await client.delete(
        f"/v1/users-events-roles/{grants['registrar']}", headers=jwt(owner)
    )

    assert set(grants) == {"owner", "organizer", "moderator", "registrar"}
    assert by_organizer.status_code == 200, by_organizer.text
    assert by_owner.status_code == 200, by_owner.text
    assert await roles_held(app_db, event_id) == {
        ("owner@example.com", "owner"),
        ("org@example.com", "organizer"),
    }


async def test_who_may_not_remove_role_holders(client, app_db: Database, mailbox: Mailbox):
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
    path = f"/v1/users-events-roles/{grants['moderator']}"

    listed_by_co = await client.get(
        f"/v1/events/{event_id}/users-events-roles", headers=jwt(coorganizer)
    )
    listed_by_plain = await client.get(
        f"/v1/events/{event_id}/users-events-roles", headers=jwt(plain)
    )
    listed_by_other = await client.get(
        f"/v1/events/{event_id}/users-events-roles", headers=jwt(other)
    )
    anonymous = await client.delete(path)
    answers = {
        name: (await client.delete(path, headers=jwt(token))).status_code
        for name, token in {
            "co-organizer": coorganizer,
            "moderator": moderator,
            "plain user": plain,
            "another event's owner": other,
        }.items()
    }

    assert len(listed_by_co.json()["data"]) == 3
    assert listed_by_plain.json()["data"] == [] and listed_by_other.json()["data"] == []
    assert anonymous.status_code in (401, 404)
    # The co-organizer and the moderator see the grant (403); the others do not (404).
    assert answers == {
        "co-organizer": 403,
        "moderator": 403,
        "plain user": 404,
        "another event's owner": 404,
    }
    assert await roles_held(app_db, event_id) == before


async def test_nobody_removes_the_last_owner(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    organizer = await holder(
        client, app_db, mailbox, owner, event_id, "org@example.com", "organizer"
    )
    admin = await account(client, app_db, "admin@example.com", is_admin=True)
    grants = await grant_ids(client, owner, event_id)

    answers = [
        await client.delete(f"/v1/users-events-roles/{grants['owner']}", headers=jwt(token))
        for token in (owner, organizer, admin)
    ]

    assert [a.status_code for a in answers] == [409, 409, 409]
    assert "last owner" in answers[0].json()["errors"][0]["detail"]
    assert ("owner@example.com", "owner") in await roles_held(app_db, event_id)
