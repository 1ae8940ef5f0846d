"""Verification, password reset and changes, through a real SMTP server."""

from __future__ import annotations

import re

from hallway.auth import mailtokens
from hallway.users.models import User
from tests.appfixtures import (
    JSONAPI,
    PASSWORD,
    Mailbox,
    jwt,
    login,
    make_user,
    refresh_token,
    settle,
)

SECRET = "test-secret-key-for-hallway-tests"


def token_in(message) -> str:
    match = re.search(r"token=([A-Za-z0-9_.-]+)", Mailbox.text(message))
    assert match, Mailbox.text(message)
    return match.group(1)


async def stored(app_db, email: str) -> User:
    from hallway.users.service import find_by_email

    async with app_db.sessions() as session:
        user = await find_by_email(session, email)
        assert user is not None
        return user


async def test_sign_up_mails_a_link_that_verifies_the_address_once(client, app_db, mailbox):
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
    await settle()

    (message,) = mailbox.to("new@example.com")
    assert "https://frontend.test/verify?token=" in Mailbox.text(message)
    token = token_in(message)
    first = await client.post("/v1/auth/verify-email", json={"data": {"token": token}})
    again = await client.post("/v1/auth/verify-email", json={"data": {"token": token}})

    assert first.status_code == 200 and first.json() == {"message": "Email Verified"}
    assert (await stored(app_db, "new@example.com")).is_verified
    assert again.status_code == 422


async def test_an_expired_or_forged_verification_token_is_refused(client, app_db):
    user = await make_user(app_db, "ann@example.com", is_verified=False)
    expired = mailtokens.make(SECRET, "verify", user_id=user.id, email=user.email, seconds=-5)
    forged = mailtokens.make(
        "another secret that is long enough",
        "verify",
        user_id=user.id,
        email=user.email,
        seconds=60,
    )

    for token in (expired, forged, "garbage"):
        response = await client.post("/v1/auth/verify-email", json={"data": {"token": token}})
        assert response.status_code == 422
    assert not (await stored(app_db, "ann@example.com")).is_verified
    malformed = await client.post("/v1/auth/verify-email", json={"token": "x"})
    assert malformed.status_code == 400


async def test_resend_verification_codes(client, app_db, mailbox):
    await make_user(app_db, "ann@example.com", is_verified=False)

    ok = await client.post(
        "/v1/auth/resend-verification-email", json={"data": {"email": "ann@example.com"}}
    )
    unknown = await client.post(
        "/v1/auth/resend-verification-email", json={"data": {"email": "who@example.com"}}
    )
    malformed = await client.post("/v1/auth/resend-verification-email", json={"email": "x"})
    await settle()

    assert ok.status_code == 200 and ok.json() == {"message": "Verification email resent"}
    assert unknown.status_code == 422 and malformed.status_code == 400
    assert len(mailbox.to("ann@example.com")) == 1


async def test_password_reset_works_once_and_logs_out_old_sessions(client, app_db, mailbox):
    user = await make_user(app_db, "ann@example.com", is_verified=False)
    old_token = await login(client, "ann@example.com")

    asked = await client.post(
        "/v1/auth/reset-password", json={"data": {"email": "ann@example.com"}}
    )
    await settle()
    (message,) = mailbox.to("ann@example.com")
    assert "https://frontend.test/reset-password?token=" in Mailbox.text(message)
    token = token_in(message)
    reset = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": token, "password": "brand new secret"}}
    )
    reused = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": token, "password": "another secret"}}
    )

    assert asked.status_code == 200
    assert reset.status_code == 200
    assert reset.json() == {"id": str(user.id), "email": "ann@example.com", "name": "ann"}
    assert reused.status_code == 422
    assert (await stored(app_db, "ann@example.com")).is_verified
    assert await login(client, "ann@example.com", "brand new secret")
    stale = await client.get(f"/v1/users/{user.id}", headers=jwt(old_token))
    assert stale.status_code == 401


async def test_password_reset_answers_the_same_for_unknown_addresses(client, mailbox):
    response = await client.post(
        "/v1/auth/reset-password", json={"data": {"email": "nobody@example.com"}}
    )
    await settle()

    assert response.status_code == 200
    assert response.json()["email"] == "nobody@example.com"
    assert mailbox.messages == []


async def test_password_reset_refuses_expired_tokens_and_short_passwords(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    fingerprint = mailtokens.password_fingerprint(user.password_hash)
    expired = mailtokens.make(
        SECRET, "reset", user_id=user.id, email=user.email, fingerprint=fingerprint, seconds=-1
    )
    valid = mailtokens.make(
        SECRET, "reset", user_id=user.id, email=user.email, fingerprint=fingerprint, seconds=600
    )

    late = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": expired, "password": "long enough"}}
    )
    short = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": valid, "password": "short"}}
    )

    assert late.status_code == 422 and short.status_code == 422
    assert await login(client, "ann@example.com")


async def test_password_reset_is_rate_limited(client, app_db, settings):
    await make_user(app_db, "ann@example.com")
    body = {"data": {"email": "ann@example.com"}}

    statuses = [
        (await client.post("/v1/auth/reset-password", json=body)).status_code
        for _ in range(settings.reset_limit_per_hour + 1)
    ]

    assert statuses == [200] * settings.reset_limit_per_hour + [429]


async def test_change_password_needs_a_fresh_token_and_the_old_password(client, app_db, mailbox):
    await make_user(app_db, "ann@example.com")
    fresh = jwt(await login(client, "ann@example.com"))
    refresh = await refresh_token(client, "ann@example.com")
    stale = (await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})).json()[
        "access_token"
    ]

    def change(old: str, new: str) -> dict:
        return {"data": {"old-password": old, "new-password": new}}

    not_fresh = await client.post(
        "/v1/auth/change-password", headers=jwt(stale), json=change(PASSWORD, "brand new secret")
    )
    wrong_old = await client.post(
        "/v1/auth/change-password",
        headers=fresh,
        json=change("not my password", "brand new secret"),
    )
    same = await client.post(
        "/v1/auth/change-password", headers=fresh, json=change(PASSWORD, PASSWORD)
    )
    anonymous = await client.post(
        "/v1/auth/change-password", json=change(PASSWORD, "brand new secret")
    )
    done = await client.post(
        "/v1/auth/change-password", headers=fresh, json=change(PASSWORD, "brand new secret")
    )
    await settle()

    assert not_fresh.status_code == 403
    assert wrong_old.status_code == 422 and same.status_code == 422
    assert anonymous.status_code == 401
    assert done.status_code == 200 and done.json()["password-changed"] is True
    assert await login(client, "ann@example.com", "brand new secret")
    assert len(mailbox.to("ann@example.com")) == 1


async def test_verify_password(client, app_db):
    await make_user(app_db, "ann@example.com")
    token = jwt(await login(client, "ann@example.com"))

    right = await client.post(
        "/v1/auth/verify-password", headers=token, json={"password": PASSWORD}
    )
    wrong = await client.post(
        "/v1/auth/verify-password", headers=token, json={"password": "nope nope"}
    )

    assert right.json() == {"result": True} and wrong.json() == {"result": False}
    assert (
        await client.post("/v1/auth/verify-password", json={"password": "x"})
    ).status_code == 401


async def test_changing_the_email_needs_a_fresh_token_and_reverifies(client, app_db, mailbox):
    user = await make_user(app_db, "ann@example.com")
    fresh = jwt(await login(client, "ann@example.com"))
    refresh = await refresh_token(client, "ann@example.com")
    stale = jwt(
        (await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})).json()[
            "access_token"
        ]
    )
    body = {
        "data": {"type": "user", "id": str(user.id), "attributes": {"email": "ann@new.example"}}
    }

    refused = await client.patch(f"/v1/users/{user.id}", headers=stale, json=body)
    changed = await client.patch(f"/v1/users/{user.id}", headers=fresh, json=body)
    await settle()

    assert refused.status_code == 403
    assert changed.status_code == 200
    assert changed.json()["data"]["attributes"]["is-verified"] is False
    assert len(mailbox.to("ann@example.com")) == 1
    (verification,) = mailbox.to("ann@new.example")
    verified = await client.post(
        "/v1/auth/verify-email", json={"data": {"token": token_in(verification)}}
    )
    assert verified.status_code == 200
