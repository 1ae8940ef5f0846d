"""Roles and user permissions: seeded by migration, readable by anyone, written by admins only;
the seeded roles are part of the wire contract and cannot be deleted."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from hallway.roles.models import EVENT_ROLES, Role, UserPermission
from tests.appfixtures import JSONAPI, jwt, login, make_user

ANONYMOUS = {"Content-Type": JSONAPI}


def role_body(role_id: int | None = None, **attributes) -> dict:
    data: dict = {"type": "role", "attributes": attributes}
    if role_id is not None:
        data["id"] = str(role_id)
    return {"data": data}


def permission_body(permission_id: int, **attributes) -> dict:
    return {"data": {"type": "user-permission", "id": str(permission_id), "attributes": attributes}}


async def stored_roles(app_db) -> dict[str, str | None]:
    async with app_db.sessions() as session:
        return {role.name: role.title_name for role in await session.scalars(select(Role))}


async def stored_permissions(app_db) -> dict[str, tuple[str | None, bool, bool]]:
    async with app_db.sessions() as session:
        return {
            p.name: (p.description, p.unverified_user, p.anonymous_user)
            for p in await session.scalars(select(UserPermission))
        }


async def role_id(app_db, name: str) -> int:
    async with app_db.sessions() as session:
        found = await session.scalar(select(Role.id).where(Role.name == name))
    assert found is not None, name
    return int(found)


async def permission_id(app_db, name: str) -> int:
    async with app_db.sessions() as session:
        found = await session.scalar(select(UserPermission.id).where(UserPermission.name == name))
    assert found is not None, name
    return int(found)


async def make_role(app_db, name: str, title: str | None = None) -> Role:
    async with app_db.sessions() as session, session.begin():
        role = Role(name=name, title_name=title)
        session.add(role)
    return role


async def people(client, app_db) -> tuple[dict, dict]:
    """Headers of an admin and of a plain verified user."""
    await make_user(app_db, "root@example.com", is_admin=True)
    await make_user(app_db, "ann@example.com")
    return (
        jwt(await login(client, "root@example.com")),
        jwt(await login(client, "ann@example.com")),
    )


SEEDED_PERMISSIONS = {
    "create_event": ("Create events", False, False),
    "publish_event": ("Publish events", False, False),
}


# -- roles ---------------------------------------------------------------------------------------
async def test_roles_list_the_seeded_event_roles_for_anyone(client, app_db):
    response = await client.get("/v1/roles", params={"sort": "name"})

    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["count"] == 7
    listed = {item["attributes"]["name"]: item["attributes"]["title-name"] for item in body["data"]}
    assert listed == {
        "owner": "Owner",
        "organizer": "Organizer",
        "coorganizer": "Co-organizer",
        "track_organizer": "Track Organizer",
        "moderator": "Moderator",
        "registrar": "Registrar",
        "attendee": "Attendee",
    }
    assert [item["attributes"]["name"] for item in body["data"]] == sorted(listed)
    assert {item["type"] for item in body["data"]} == {"role"}
    assert await stored_roles(app_db) == EVENT_ROLES


async def test_roles_are_filtered_and_shown_by_name_for_anyone(client, app_db):
    owner_id = await role_id(app_db, "owner")

    filtered = await client.get(
        "/v1/roles", params={"filter": json.dumps([{"name": "name", "op": "eq", "val": "owner"}])}
    )
    shown = await client.get(f"/v1/roles/{owner_id}")

    assert filtered.status_code == 200
    assert [item["id"] for item in filtered.json()["data"]] == [str(owner_id)]
    assert shown.status_code == 200
    assert shown.json()["data"]["attributes"] == {"name": "owner", "title-name": "Owner"}


async def test_admin_creates_and_renames_a_role(client, app_db):
    admin, _ = await people(client, app_db)

    created = await client.post(
        "/v1/roles",
        headers=admin,
        json=role_body(name="speaker_manager", **{"title-name": "Speaker Manager"}),
    )
    new_id = int(created.json()["data"]["id"])
    renamed = await client.patch(
        f"/v1/roles/{new_id}",
        headers=admin,
        json=role_body(new_id, **{"title-name": "Speaker Lead"}),
    )

    assert created.status_code == 201
    assert created.json()["data"]["attributes"] == {
        "name": "speaker_manager",
        "title-name": "Speaker Manager",
    }
    assert created.headers["location"].endswith(f"/v1/roles/{new_id}")
    assert renamed.status_code == 200
    assert renamed.json()["data"]["attributes"]["title-name"] == "Speaker Lead"
    assert (await stored_roles(app_db))["speaker_manager"] == "Speaker Lead"


async def test_the_name_of_a_seeded_role_never_changes(client, app_db):
    admin, _ = await people(client, app_db)
    owner_id = await role_id(app_db, "owner")

    response = await client.patch(
        f"/v1/roles/{owner_id}",
        headers=admin,
        json=role_body(owner_id, name="boss", **{"title-name": "Event Owner"}),
    )

    assert response.status_code == 200
    assert response.json()["data"]["attributes"] == {"name": "owner", "title-name": "Event Owner"}
    roles = await stored_roles(app_db)
    assert roles["owner"] == "Event Owner" and "boss" not in roles


async def test_role_names_are_unique_and_well_formed(client, app_db):
    admin, _ = await people(client, app_db)

    taken = await client.post("/v1/roles", headers=admin, json=role_body(name="owner"))
    malformed = await client.post("/v1/roles", headers=admin, json=role_body(name="Bad Name"))

    assert taken.status_code == 409
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["source"]["pointer"] == "/data/attributes/name"
    assert await stored_roles(app_db) == EVENT_ROLES


async def test_plain_users_and_anonymous_cannot_create_or_change_roles(client, app_db):
    _, plain = await people(client, app_db)
    custom = await make_role(app_db, "custom", "Custom")

    for headers in (plain, ANONYMOUS):
        created = await client.post("/v1/roles", headers=headers, json=role_body(name="mine"))
        renamed = await client.patch(
            f"/v1/roles/{custom.id}",
            headers=headers,
            json=role_body(custom.id, **{"title-name": "Hacked"}),
        )
        deleted = await client.delete(f"/v1/roles/{custom.id}", headers=headers)
        assert (created.status_code, renamed.status_code, deleted.status_code) == (403, 403, 403)
        assert created.json()["errors"][0]["title"] == "Access Forbidden"
    assert await stored_roles(app_db) == {**EVENT_ROLES, "custom": "Custom"}


async def test_a_seeded_role_cannot_be_deleted_even_by_an_admin(client, app_db):
    admin, _ = await people(client, app_db)
    await make_user(app_db, "super@example.com", is_admin=True, is_super_admin=True)
    superuser = jwt(await login(client, "super@example.com"))

    for name in EVENT_ROLES:
        for headers in (admin, superuser):
            response = await client.delete(
                f"/v1/roles/{await role_id(app_db, name)}", headers=headers
            )
            assert response.status_code == 403, name
            assert name in response.json()["errors"][0]["detail"]
    assert await stored_roles(app_db) == EVENT_ROLES


async def test_admin_deletes_a_custom_role(client, app_db):
    admin, _ = await people(client, app_db)
    custom = await make_role(app_db, "custom", "Custom")

    response = await client.delete(f"/v1/roles/{custom.id}", headers=admin)
    gone = await client.get(f"/v1/roles/{custom.id}")

    assert response.status_code == 200
    assert response.json()["meta"] == {"message": "Object successfully deleted"}
    assert gone.status_code == 404
    assert await stored_roles(app_db) == EVENT_ROLES


# -- user permissions ----------------------------------------------------------------------------
async def test_user_permissions_list_the_seeded_switches_for_anyone(client, app_db):
    response = await client.get("/v1/user-permissions")

    assert response.status_code == 200
    assert response.json()["meta"]["count"] == 2
    listed = {
        item["attributes"]["name"]: (
            item["attributes"]["description"],
            item["attributes"]["unverified-user"],
            item["attributes"]["anonymous-user"],
        )
        for item in response.json()["data"]
    }
    assert listed == SEEDED_PERMISSIONS
    assert {item["type"] for item in response.json()["data"]} == {"user-permission"}
    assert await stored_permissions(app_db) == SEEDED_PERMISSIONS


async def test_admin_changes_a_user_permission(client, app_db):
    admin, _ = await people(client, app_db)
    create_event = await permission_id(app_db, "create_event")

    response = await client.patch(
        f"/v1/user-permissions/{create_event}",
        headers=admin,
        json=permission_body(create_event, **{"unverified-user": True}),
    )

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["unverified-user"] is True
    assert response.json()["data"]["attributes"]["anonymous-user"] is False
    assert (await stored_permissions(app_db))["create_event"] == ("Create events", True, False)
    assert (await stored_permissions(app_db))["publish_event"] == SEEDED_PERMISSIONS[
        "publish_event"
    ]


async def test_a_super_admin_changes_a_user_permission(client, app_db):
    await make_user(app_db, "super@example.com", is_super_admin=True)
    publish_event = await permission_id(app_db, "publish_event")

    response = await client.patch(
        f"/v1/user-permissions/{publish_event}",
        headers=jwt(await login(client, "super@example.com")),
        json=permission_body(publish_event, **{"anonymous-user": True}),
    )

    assert response.status_code == 200
    assert (await stored_permissions(app_db))["publish_event"] == ("Publish events", False, True)


async def test_plain_users_and_anonymous_cannot_change_user_permissions(client, app_db):
    _, plain = await people(client, app_db)
    create_event = await permission_id(app_db, "create_event")
    new = {"data": {"type": "user-permission", "attributes": {"name": "sell_tickets"}}}

    for headers in (plain, ANONYMOUS):
        changed = await client.patch(
            f"/v1/user-permissions/{create_event}",
            headers=headers,
            json=permission_body(create_event, **{"unverified-user": True}),
        )
        created = await client.post("/v1/user-permissions", headers=headers, json=new)
        deleted = await client.delete(f"/v1/user-permissions/{create_event}", headers=headers)
        assert (changed.status_code, created.status_code, deleted.status_code) == (403, 403, 403)
        assert changed.json()["errors"][0]["title"] == "Access Forbidden"
    assert await stored_permissions(app_db) == SEEDED_PERMISSIONS


async def test_admin_adds_a_user_permission(client, app_db):
    admin, _ = await people(client, app_db)

    response = await client.post(
        "/v1/user-permissions",
        headers=admin,
        json={
            "data": {
                "type": "user-permission",
                "attributes": {"name": "sell_tickets", "description": "Sell tickets"},
            }
        },
    )

    assert response.status_code == 201
    assert response.json()["data"]["attributes"]["name"] == "sell_tickets"
    async with app_db.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(UserPermission))
    assert count == 3
    assert (await stored_permissions(app_db))["sell_tickets"] == ("Sell tickets", False, False)
