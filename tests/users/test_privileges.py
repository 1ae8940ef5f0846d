"""Privilege flags change only for those allowed: super admins make admins, admins grant the
rest, nobody grants themselves anything; a change takes effect on the next request."""

from __future__ import annotations

from hallway.users.models import User
from tests.appfixtures import JSONAPI, PASSWORD, jwt, login, make_user


async def stored(app_db, user_id: int) -> User:
    async with app_db.sessions() as session:
        user = await session.get(User, user_id)
    assert user is not None
    return user


def flags(user_id: int, **attributes) -> dict:
    return {"data": {"type": "user", "id": str(user_id), "attributes": attributes}}


def privileges(user) -> tuple[bool, ...]:
    return (
        user.is_admin,
        user.is_super_admin,
        user.is_sales_admin,
        user.is_marketer,
        user.is_verified,
        user.is_blocked,
    )


async def test_an_admin_neither_makes_nor_unmakes_super_admins(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    root = await make_user(app_db, "root@example.com", is_admin=True, is_super_admin=True)
    await make_user(app_db, "admin@example.com", is_admin=True)
    admin = jwt(await login(client, "admin@example.com"))

    promote = await client.patch(
        f"/v1/users/{ann.id}", headers=admin, json=flags(ann.id, **{"is-super-admin": True})
    )
    demote = await client.patch(
        f"/v1/users/{root.id}", headers=admin, json=flags(root.id, **{"is-super-admin": False})
    )
    unadmin = await client.patch(
        f"/v1/users/{root.id}", headers=admin, json=flags(root.id, **{"is-admin": False})
    )

    for response, flag in ((promote, "is-super-admin"), (demote, "is-super-admin")):
        assert response.status_code == 403
        assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{flag}"
    assert unadmin.status_code == 403
    assert privileges(await stored(app_db, ann.id)) == (False, False, False, False, True, False)
    assert privileges(await stored(app_db, root.id)) == (True, True, False, False, True, False)


async def test_a_super_admin_revokes_an_admin_who_loses_admin_reads_at_once(client, app_db):
    admin_user = await make_user(app_db, "admin@example.com", is_admin=True)
    await make_user(app_db, "root@example.com", is_admin=True, is_super_admin=True)
    admin = jwt(await login(client, "admin@example.com"))
    root = jwt(await login(client, "root@example.com"))
    before = await client.get("/v1/users", headers=admin)

    revoked = await client.patch(
        f"/v1/users/{admin_user.id}",
        headers=root,
        json=flags(admin_user.id, **{"is-admin": False}),
    )
    after = await client.get("/v1/users", headers=admin)

    assert before.json()["meta"]["count"] == 2
    assert revoked.status_code == 200
    assert revoked.json()["data"]["attributes"]["is-admin"] is False
    assert not (await stored(app_db, admin_user.id)).is_admin
    assert after.status_code == 200 and after.json()["data"] == []


async def test_nobody_verifies_or_unblocks_themselves(client, app_db):
    ann = await make_user(app_db, "ann@example.com", is_verified=False)
    token = jwt(await login(client, "ann@example.com"))

    response = await client.patch(
        f"/v1/users/{ann.id}", headers=token, json=flags(ann.id, **{"is-verified": True})
    )

    assert response.status_code == 403
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/is-verified"
    assert not (await stored(app_db, ann.id)).is_verified


async def test_a_marketer_or_sales_admin_grants_nothing(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    await make_user(app_db, "mark@example.com", is_marketer=True, is_sales_admin=True)
    mark = jwt(await login(client, "mark@example.com"))

    other = await client.patch(
        f"/v1/users/{ann.id}", headers=mark, json=flags(ann.id, **{"is-marketer": True})
    )

    assert other.status_code == 404
    assert privileges(await stored(app_db, ann.id)) == (False, False, False, False, True, False)


async def test_anonymous_changes_no_account(client, app_db):
    ann = await make_user(app_db, "ann@example.com")

    response = await client.patch(
        f"/v1/users/{ann.id}",
        headers={"Content-Type": JSONAPI},
        json=flags(ann.id, **{"is-admin": True, "first-name": "Mallory"}),
    )

    assert response.status_code == 404
    user = await stored(app_db, ann.id)
    assert not user.is_admin and user.first_name is None


async def test_an_admin_blocks_a_user_whose_tokens_stop_working(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    await make_user(app_db, "admin@example.com", is_admin=True)
    token = jwt(await login(client, "ann@example.com"))

    blocked = await client.patch(
        f"/v1/users/{ann.id}",
        headers=jwt(await login(client, "admin@example.com")),
        json=flags(ann.id, **{"is-blocked": True}),
    )
    used = await client.get(f"/v1/users/{ann.id}", headers=token)
    again = await client.post(
        "/auth/session", json={"email": "ann@example.com", "password": PASSWORD}
    )

    assert blocked.status_code == 200
    assert blocked.json()["data"]["attributes"]["is-blocked"] is True
    assert (await stored(app_db, ann.id)).is_blocked
    assert used.status_code == 401 and "blocked" in used.json()["error"]
    assert again.status_code == 401 and "blocked" in again.json()["error"]


async def test_an_admin_verifies_a_user(client, app_db):
    ann = await make_user(app_db, "ann@example.com", is_verified=False)
    await make_user(app_db, "admin@example.com", is_admin=True)

    response = await client.patch(
        f"/v1/users/{ann.id}",
        headers=jwt(await login(client, "admin@example.com")),
        json=flags(ann.id, **{"is-verified": True}),
    )

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["is-verified"] is True
    assert (await stored(app_db, ann.id)).is_verified


async def test_an_admin_cannot_take_over_or_lock_out_a_super_admin(client, app_db):
    """Changing a super admin's address (then resetting the password) or blocking them would
    give a plain admin super-admin power, or take it away: only super admins may."""
    root = await make_user(app_db, "root@example.com", is_admin=True, is_super_admin=True)
    await make_user(app_db, "admin@example.com", is_admin=True)
    admin = jwt(await login(client, "admin@example.com"))

    moved = await client.patch(
        f"/v1/users/{root.id}", headers=admin, json=flags(root.id, email="admin+root@example.com")
    )
    blocked = await client.patch(
        f"/v1/users/{root.id}", headers=admin, json=flags(root.id, **{"is-blocked": True})
    )

    assert moved.status_code == 403
    assert blocked.status_code == 403
    user = await stored(app_db, root.id)
    assert (user.email, user.is_blocked) == ("root@example.com", False)
    assert await login(client, "root@example.com")
