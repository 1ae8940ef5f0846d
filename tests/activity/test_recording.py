"""What the audit log records: every write of a known caller, with who, what, when, where
and which event, in the transaction of the change; logins and token refreshes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from hallway.activity.models import Activity
from hallway.db import Database
from tests.activity.helpers import count, read, stored
from tests.appfixtures import jwt, login, make_user, refresh_token
from tests.events.helpers import create_event, patch_body
from tests.invites.helpers import account, hosted_event


async def test_an_organizers_writes_are_recorded_with_actor_address_and_event(
    client, app_db: Database
):
    token = await account(client, app_db, "owner@example.com")
    event = await create_event(client, token)
    patched = await client.patch(
        f"/v1/events/{event['id']}",
        json=patch_body(event, name="PyCon 2031"),
        headers=jwt(token),
    )
    deleted = await client.delete(f"/v1/events/{event['id']}", headers=jwt(token))

    assert patched.status_code == 200, patched.text
    assert deleted.status_code == 200, deleted.text
    rows = await stored(app_db, event_id=int(event["id"]))
    owner = "owner@example.com"
    assert (owner, "create", "event", event["id"]) in rows
    assert (owner, "update", "event", event["id"]) in rows
    assert (owner, "delete", "event", event["id"]) == rows[-1]
    assert [r[2] for r in rows if r[1] == "create"].count("users-events-roles") == 1
    async with app_db.sessions() as session:
        update = await session.scalar(
            select(Activity).where(Activity.verb == "update", Activity.object_type == "event")
        )
    assert update is not None
    assert update.address == "127.0.0.1"
    assert update.action.startswith(f"update event {event['id']}: ") and "name" in update.action
    assert abs(update.time - datetime.now(UTC)) < timedelta(minutes=1)
    assert update.actor_id is not None


async def test_logins_and_token_refreshes_are_recorded(client, app_db: Database):
    user = await make_user(app_db, "ann@example.com")
    await login(client, "ann@example.com")
    refresh = await refresh_token(client, "ann@example.com")
    refreshed = await client.post(
        "/v1/auth/token/refresh", headers={"Authorization": f"JWT {refresh}"}
    )
    failed = await client.post(
        "/auth/session", json={"email": "ann@example.com", "password": "wrong password"}
    )

    assert refreshed.status_code == 200, refreshed.text
    assert failed.status_code == 401
    ann = "ann@example.com"
    assert await stored(app_db, object_type="user") == [
        (ann, "login", "user", str(user.id)),
        (ann, "login", "user", str(user.id)),
        (ann, "refresh", "user", str(user.id)),
    ]


async def test_a_refused_write_records_nothing(client, app_db: Database):
    token, event_id = await hosted_event(client, app_db, "owner@example.com")
    stranger = await account(client, app_db, "eve@example.com")
    before = await count(app_db)

    forbidden = await client.patch(
        f"/v1/events/{event_id}",
        json={"data": {"type": "event", "id": event_id, "attributes": {"name": "Mine"}}},
        headers=jwt(stranger),
    )
    invalid = await client.patch(
        f"/v1/events/{event_id}",
        json={"data": {"type": "event", "id": event_id, "attributes": {"ends-at": "never"}}},
        headers=jwt(token),
    )

    assert forbidden.status_code == 403
    assert invalid.status_code == 422
    assert await count(app_db) == before


async def test_admins_permission_changes_are_recorded(client, app_db: Database):
    admin = await account(client, app_db, "root@example.com", is_admin=True)
    status, permissions = await read(client, "/v1/user-permissions", admin)
    assert status == 200 and permissions
    first = permissions[0]

    changed = await client.patch(
        f"/v1/user-permissions/{first['id']}",
        json={
            "data": {
                "type": "user-permission",
                "id": first["id"],
                "attributes": {"unverified-user": True},
            }
        },
        headers=jwt(admin),
    )

    assert changed.status_code == 200, changed.text
    assert await stored(app_db, object_type="user-permission") == [
        ("root@example.com", "update", "user-permission", first["id"])
    ]
