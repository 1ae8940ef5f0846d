"""Tokens die with the credentials they were issued under: a password change revokes every
token but the changer's login, and a mailed reset link stops working once the address (or the
password) changes."""

from __future__ import annotations

from tests.appfixtures import PASSWORD, jwt, login, make_user, refresh_token, settle
from tests.users.test_email_flows import token_in

NEW = "a brand new passphrase"


async def _me(client, token: str) -> int:
    return (await client.get("/v1/users/user-details/get-user-id", headers=jwt(token))).status_code


async def _refresh(client, refresh: str) -> int:
    response = await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})
    return response.status_code


async def test_a_password_change_revokes_every_other_login(client, app_db, mailbox):
    await make_user(app_db, "ann@example.com")
    changer = await login(client, "ann@example.com", **{"remember-me": True})
    changers_refresh = await refresh_token(client, "ann@example.com")
    stolen_access = await login(client, "ann@example.com")
    stolen_refresh = await refresh_token(client, "ann@example.com")
    body = {"data": {"old-password": PASSWORD, "new-password": NEW}}

    changed = await client.post("/v1/auth/change-password", headers=jwt(changer), json=body)
    await settle()

    assert changed.status_code == 200
    assert await _me(client, changer) == 200  # the login that made the change goes on
    assert await _me(client, stolen_access) == 401
    assert await _refresh(client, stolen_refresh) == 401
    # A refresh token of another remember-me login is revoked too, even the changer's own
    # second one: only the changer's session survives.
    assert await _refresh(client, changers_refresh) == 401
    assert await _me(client, await login(client, "ann@example.com", NEW)) == 200


async def test_the_changers_refresh_token_keeps_working(client, app_db, mailbox):
    await make_user(app_db, "ann@example.com")
    body = {"email": "ann@example.com", "password": PASSWORD, "remember-me": True}
    session = await client.post("/auth/session", json={**body, "include-in-response": True})
    access, refresh = session.json()["access_token"], session.json()["refresh_token"]
    change = {"data": {"old-password": PASSWORD, "new-password": NEW}}

    changed = await client.post("/v1/auth/change-password", headers=jwt(access), json=change)
    renewed = await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})
    await settle()

    assert changed.status_code == 200
    assert renewed.status_code == 200
    assert await _me(client, renewed.json()["access_token"]) == 200


async def test_a_reset_link_mailed_before_an_email_change_is_dead_after_it(client, app_db, mailbox):
    user = await make_user(app_db, "ann@example.com")
    await client.post("/v1/auth/reset-password", json={"data": {"email": "ann@example.com"}})
    await settle()
    (mailed,) = mailbox.to("ann@example.com")
    fresh = jwt(await login(client, "ann@example.com"))
    moved = {
        "data": {"type": "user", "id": str(user.id), "attributes": {"email": "ann@new.example"}}
    }
    assert (
        await client.patch(f"/v1/users/{user.id}", headers=fresh, json=moved)
    ).status_code == 200

    used = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": token_in(mailed), "password": NEW}}
    )

    assert used.status_code == 422
    assert used.json()["errors"][0]["source"] == {"pointer": "/data/token"}
    assert await login(client, "ann@new.example")  # the password is unchanged


async def test_a_reset_link_stays_good_when_only_the_address_case_changes(client, app_db, mailbox):
    user = await make_user(app_db, "ann@example.com")
    await client.post("/v1/auth/reset-password", json={"data": {"email": "ANN@example.com"}})
    await settle()
    (mailed,) = mailbox.to("ann@example.com")

    used = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": token_in(mailed), "password": NEW}}
    )

    assert used.status_code == 200 and used.json()["id"] == str(user.id)
