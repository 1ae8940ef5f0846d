"""Mailed tokens: each serves one purpose, expires after the configured time, and stops
working once the thing it was issued for has changed."""

from __future__ import annotations

import re

import jwt as pyjwt

from hallway.auth import mailtokens
from hallway.users.models import User
from tests.appfixtures import JSONAPI, PASSWORD, Mailbox, jwt, login, make_user, settle

SECRET = "test-secret-key-for-hallway-tests"


def token_in(message) -> str:
    match = re.search(r"token=([A-Za-z0-9_.-]+)", Mailbox.text(message))
    assert match, Mailbox.text(message)
    return match.group(1)


def claims_of(token: str) -> dict:
    return pyjwt.decode(token, options={"verify_signature": False})


async def stored(app_db, user_id: int) -> User:
    async with app_db.sessions() as session:
        user = await session.get(User, user_id)
    assert user is not None
    return user


def verify_token(user: User, seconds: int = 600) -> str:
    return mailtokens.make(SECRET, "verify", user_id=user.id, email=user.email, seconds=seconds)


def reset_token(user: User, seconds: int = 600) -> str:
    fingerprint = mailtokens.password_fingerprint(user.password_hash)
    return mailtokens.make(
        SECRET, "reset", user_id=user.id, email=user.email, fingerprint=fingerprint, seconds=seconds
    )


async def test_mailed_tokens_expire_after_the_configured_time(client, app_db, mailbox, settings):
    await client.post(
        "/v1/users",
        headers={"Content-Type": JSONAPI},
        json={
            "data": {
                "type": "user",
                "attributes": {"email": "new@example.com", "password": PASSWORD},
            }
        },
    )
    await client.post("/v1/auth/reset-password", json={"data": {"email": "new@example.com"}})
    await settle()

    sent = {
        claims["purpose"]: claims
        for claims in (claims_of(token_in(m)) for m in mailbox.to("new@example.com"))
    }
    assert set(sent) == {"verify", "reset"}
    verify, reset = sent["verify"], sent["reset"]
    assert verify["exp"] - verify["iat"] == settings.verify_token_hours * 3600
    assert reset["exp"] - reset["iat"] == settings.reset_token_minutes * 60


async def test_a_verification_link_stops_working_once_the_address_changes(client, app_db):
    ann = await make_user(app_db, "ann@example.com", is_verified=False)
    await make_user(app_db, "root@example.com", is_admin=True)
    old_link = verify_token(ann)

    changed = await client.patch(
        f"/v1/users/{ann.id}",
        headers=jwt(await login(client, "root@example.com")),
        json={
            "data": {"type": "user", "id": str(ann.id), "attributes": {"email": "ann@new.example"}}
        },
    )
    used = await client.post("/v1/auth/verify-email", json={"data": {"token": old_link}})
    await settle()

    assert changed.status_code == 200
    assert used.status_code == 422
    assert used.json()["errors"][0]["source"]["pointer"] == "/data/token"
    user = await stored(app_db, ann.id)
    assert (user.email, user.is_verified) == ("ann@new.example", False)


async def test_a_reset_link_stops_working_after_a_password_change(client, app_db, mailbox):
    ann = await make_user(app_db, "ann@example.com")
    link = reset_token(ann)

    changed = await client.post(
        "/v1/auth/change-password",
        headers=jwt(await login(client, "ann@example.com")),
        json={"data": {"old-password": PASSWORD, "new-password": "my new password"}},
    )
    used = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": link, "password": "attacker secret"}}
    )
    await settle()

    assert changed.status_code == 200
    assert used.status_code == 422
    assert "already used" in used.json()["errors"][0]["detail"]
    assert await login(client, "ann@example.com", "my new password")
    assert (await stored(app_db, ann.id)).password_hash != ann.password_hash


async def test_a_token_serves_only_its_own_purpose(client, app_db):
    ann = await make_user(app_db, "ann@example.com", is_verified=False)
    access = await login(client, "ann@example.com")

    reset_as_verify = await client.post(
        "/v1/auth/verify-email", json={"data": {"token": reset_token(ann)}}
    )
    access_as_verify = await client.post("/v1/auth/verify-email", json={"data": {"token": access}})
    verify_as_reset = await client.patch(
        "/v1/auth/reset-password",
        json={"data": {"token": verify_token(ann), "password": "a new secret"}},
    )
    access_as_reset = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": access, "password": "a new secret"}}
    )

    for response in (reset_as_verify, access_as_verify, verify_as_reset, access_as_reset):
        assert response.status_code == 422
        assert response.json()["errors"][0]["source"]["pointer"] == "/data/token"
    user = await stored(app_db, ann.id)
    assert (user.is_verified, user.password_hash) == (False, ann.password_hash)


async def test_a_mailed_token_is_not_an_access_token(client, app_db):
    ann = await make_user(app_db, "ann@example.com")

    for token in (verify_token(ann), reset_token(ann)):
        response = await client.get(f"/v1/users/{ann.id}", headers=jwt(token))
        assert response.status_code == 401
        assert set(response.json()) == {"error"}
