"""No privilege escalation through the user resource: what an open sign-up says about privileges
is ignored, nobody raises their own flags, and a plain admin cannot touch the super admin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from hallway.roles.models import UsersEventsRoles
from hallway.users.models import User
from tests.appfixtures import PASSWORD, jwt, login
from tests.events.helpers import create_event
from tests.security.conftest import ANONYMOUS, assert_clean_error

LONG_AGO = "2000-01-01T00:00:00+00:00"
LATER = "2099-01-01T00:00:00+00:00"
# Every attribute of a user (or model column) that grants power or records the server's own
# facts, with a value that would matter if it were taken from a sign-up.
PRIVILEGED = {
    "is-admin": True,
    "is-super-admin": True,
    "is-verified": True,
    "is-sales-admin": True,
    "is-marketer": True,
    "is-blocked": True,
    "is-user-owner": True,
    "is-user-organizer": True,
    "is-user-coorganizer": True,
    "is-user-track-organizer": True,
    "is-user-registrar": True,
    "is-user-moderator": True,
    "was-registered-with-order": True,
    "is-rocket-chat-registered": True,
    "created-at": LONG_AGO,
    "last-accessed-at": LONG_AGO,
    "deleted-at": LATER,
    "tokens-valid-after": LATER,
    "password-hash": "$argon2id$v=19$m=65536,t=3,p=4$chosen$by-the-caller",
}
# The flags the users service guards (who may change which), as the wire names them.
GUARDED = (
    "is-admin",
    "is-super-admin",
    "is-sales-admin",
    "is-marketer",
    "is-verified",
    "is-blocked",
)


def signup(**attributes: object) -> dict:
    body = {"email": "new@example.com", "password": PASSWORD, **attributes}
    return {"data": {"type": "user", "attributes": body}}


def user_patch(user_id: int, **attributes: object) -> dict:
    return {"data": {"type": "user", "id": str(user_id), "attributes": attributes}}


async def assert_unprivileged(app_db, user_id: int) -> None:
    async with app_db.sessions() as session:
        user = await session.get(User, user_id)
        grants = await session.scalar(
            select(func.count()).where(UsersEventsRoles.user_id == user_id)
        )
    assert user is not None and grants == 0
    flags = (user.is_admin, user.is_super_admin, user.is_sales_admin, user.is_marketer)
    assert flags == (False, False, False, False)
    assert (user.is_verified, user.is_blocked) == (False, False)
    assert (user.was_registered_with_order, user.is_rocket_chat_registered) == (False, False)
    assert (user.last_accessed_at, user.deleted_at, user.tokens_valid_after) == (None, None, None)
    assert datetime.now(UTC) - user.created_at < timedelta(minutes=5)
    assert user.password_hash.startswith("$argon2") and "chosen" not in user.password_hash


@pytest.mark.parametrize("name", PRIVILEGED)
async def test_a_privileged_attribute_sent_with_a_sign_up_is_ignored(client, app_db, name):
    response = await client.post(
        "/v1/users", json=signup(**{name: PRIVILEGED[name]}), headers=ANONYMOUS
    )

    assert response.status_code == 201, response.text
    shown = response.json()["data"]["attributes"]
    assert not any(shown[flag] for flag in (*GUARDED, "is-user-owner", "was-registered-with-order"))
    assert shown["deleted-at"] is None and shown["last-accessed-at"] is None
    await assert_unprivileged(app_db, int(response.json()["data"]["id"]))


async def test_a_sign_up_with_every_privilege_and_linked_events_has_no_power(
    client, app_db, ann, admin
):
    event_id = (await create_event(client, ann.token, "Ann's"))["id"]
    links = {"data": [{"type": "event", "id": event_id}]}
    body = signup(
        **PRIVILEGED, **{key.replace("-", "_"): value for key, value in PRIVILEGED.items()}
    )
    body["data"]["relationships"] = {"owner-events": links, "organizer-events": links}

    response = await client.post("/v1/users", json=body, headers=ANONYMOUS)
    assert response.status_code == 201, response.text
    await assert_unprivileged(app_db, int(response.json()["data"]["id"]))
    new = jwt(await login(client, "new@example.com"))
    users = await client.get("/v1/users", headers=new)
    change = await client.patch(
        f"/v1/events/{event_id}",
        headers=new,
        json={"data": {"type": "event", "id": event_id, "attributes": {"name": "Taken"}}},
    )

    assert users.status_code == 200 and users.json()["data"] == []
    assert_clean_error(change, 404)  # a draft of someone else: not even seen
    seen = await client.get(f"/v1/events/{event_id}", headers=admin.headers)
    assert seen.json()["data"]["attributes"]["name"] == "Ann's"


async def test_a_sign_up_cannot_choose_its_id(client, app_db):
    body = signup()
    body["data"]["id"] = "4242"

    response = await client.post("/v1/users", json=body, headers=ANONYMOUS)

    assert_clean_error(response, 403)
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/id"}
    async with app_db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize("spelling", ["dasherized", "underscored"])
@pytest.mark.parametrize("flag", GUARDED)
async def test_nobody_raises_their_own_flags(client, sign_in, stored_row, flag, spelling):
    eve = await sign_in("eve@example.com", is_verified=False)  # so is-verified would change
    name = flag if spelling == "dasherized" else flag.replace("-", "_")
    before = await stored_row(User, eve.id)

    response = await client.patch(
        f"/v1/users/{eve.id}",
        headers=eve.headers,
        json=user_patch(eve.id, **{name: True, "first-name": "Mallory"}),
    )

    assert_clean_error(response, 403)
    assert response.json()["errors"][0]["source"] == {"pointer": f"/data/attributes/{flag}"}
    assert await stored_row(User, eve.id) == before


@pytest.mark.parametrize(
    ("standing", "flag"),
    [
        ({"is_marketer": True}, "is-admin"),
        ({"is_sales_admin": True}, "is-admin"),
        ({"is_marketer": True, "is_sales_admin": True}, "is-verified"),
        ({"is_admin": True}, "is-super-admin"),
    ],
)
async def test_staff_below_super_admin_cannot_raise_themselves(
    client, sign_in, stored_row, standing, flag
):
    staff = await sign_in("staff@example.com", is_verified=False, **standing)
    before = await stored_row(User, staff.id)

    response = await client.patch(
        f"/v1/users/{staff.id}", headers=staff.headers, json=user_patch(staff.id, **{flag: True})
    )

    assert_clean_error(response, 403)
    assert await stored_row(User, staff.id) == before


SUPER_ADMIN_WRITES = {
    "demote from super admin": ("PATCH", "", {"is-super-admin": False}),
    "demote from admin": ("PATCH", "", {"is-admin": False}),
    "unverify": ("PATCH", "", {"is-verified": False}),
    "block": ("PATCH", "", {"is-blocked": True}),
    "rename": ("PATCH", "", {"first-name": "Mallory"}),
    "move the address": ("PATCH", "", {"email": "admin+root@example.com"}),
    "trash by patch": ("PATCH", "", {"deleted-at": LONG_AGO}),
    "delete": ("DELETE", "", None),
    "delete permanently": ("DELETE", "?permanent=true", None),
}


@pytest.mark.parametrize("write", SUPER_ADMIN_WRITES)
async def test_a_plain_admin_cannot_change_the_super_admin(client, root, admin, stored_row, write):
    method, query, attributes = SUPER_ADMIN_WRITES[write]
    before = await stored_row(User, root.id)
    body = None if attributes is None else user_patch(root.id, **attributes)

    response = await client.request(
        method, f"/v1/users/{root.id}{query}", headers=admin.headers, json=body
    )

    assert_clean_error(response, 403)
    assert await stored_row(User, root.id) == before
    assert (await client.get(f"/v1/users/{root.id}", headers=root.headers)).status_code == 200


@pytest.mark.parametrize(
    ("method", "query", "body"),
    [
        ("PATCH", "?get_trashed=true", {"deleted-at": None}),
        ("DELETE", "?get_trashed=true&permanent=true", None),
    ],
    ids=["restore", "purge"],
)
async def test_a_plain_admin_can_neither_restore_nor_purge_a_trashed_super_admin(
    client, app_db, root, admin, stored_row, method, query, body
):
    async with app_db.sessions() as session, session.begin():
        trashed = update(User).where(User.id == root.id).values(deleted_at=datetime.now(UTC))
        await session.execute(trashed)
    before = await stored_row(User, root.id)

    response = await client.request(
        method,
        f"/v1/users/{root.id}{query}",
        headers=admin.headers,
        json=None if body is None else user_patch(root.id, **body),
    )

    assert_clean_error(response, 403)
    assert await stored_row(User, root.id) == before


async def test_a_plain_admin_cannot_make_a_super_admin(client, admin, ann, stored_row):
    before = await stored_row(User, ann.id)

    response = await client.patch(
        f"/v1/users/{ann.id}", headers=admin.headers, json=user_patch(ann.id, is_super_admin=True)
    )

    assert_clean_error(response, 403)
    assert await stored_row(User, ann.id) == before
