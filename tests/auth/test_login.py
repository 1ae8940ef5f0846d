"""Login at /auth/session and /v1/auth/login, and what the tokens say."""

from __future__ import annotations

import jwt as pyjwt
from argon2 import PasswordHasher

from hallway.users.models import User
from tests.appfixtures import PASSWORD, jwt, login, make_user

SECRET = "test-secret-key-for-hallway-tests"


async def test_login_returns_an_access_token_with_the_open_event_claims(client, app_db):
    user = await make_user(app_db, "ann@example.com")

    for path in ("/auth/session", "/v1/auth/login"):
        response = await client.post(path, json={"email": "ann@example.com", "password": PASSWORD})
        assert response.status_code == 200
        assert set(response.json()) == {"access_token", "refresh_token"}
        claims = pyjwt.decode(response.json()["access_token"], SECRET, algorithms=["HS256"])
        assert claims["identity"] == user.id
        assert claims["type"] == "access" and claims["fresh"] is True
        assert {"exp", "iat", "nbf", "jti", "csrf"} <= set(claims)
        assert claims["exp"] - claims["iat"] > 23 * 3600


async def test_without_remember_me_the_refresh_token_lives_as_long_as_the_access_token(
    client, app_db
):
    await make_user(app_db, "ann@example.com")

    response = await client.post(
        "/auth/session",
        json={
            "username": "ann@example.com",
            "password": PASSWORD,
            "remember-me": False,
            "include-in-response": False,
        },
    )
    body = response.json()
    access = pyjwt.decode(body["access_token"], SECRET, algorithms=["HS256"])
    refresh = pyjwt.decode(body["refresh_token"], SECRET, algorithms=["HS256"])
    refreshed = await client.post(
        "/v1/auth/token/refresh",
        headers={"Authorization": f"JWT {body['refresh_token']}"},
        json={"refresh_token": body["refresh_token"]},
    )

    assert response.status_code == 200
    assert refresh["type"] == "refresh" and refresh["identity"] == access["identity"]
    assert refresh["exp"] - refresh["iat"] <= access["exp"] - access["iat"] + 1
    assert refresh["exp"] - refresh["iat"] > 23 * 3600
    assert "set-cookie" not in response.headers
    assert refreshed.status_code == 200
    new_access = pyjwt.decode(refreshed.json()["access_token"], SECRET, algorithms=["HS256"])
    assert new_access["type"] == "access" and new_access["identity"] == access["identity"]


async def test_signing_up_then_logging_in_as_the_client_does_gives_a_refresh_token(
    client, app_db, mailbox
):
    signed_up = await client.post(
        "/v1/users",
        json={
            "data": {
                "type": "user",
                "attributes": {"email": "new@example.com", "password": PASSWORD},
            }
        },
        headers={"Content-Type": "application/vnd.api+json"},
    )
    # The stock JWT authenticator sends only the credentials, and fails without a refresh token.
    logged_in = await client.post(
        "/auth/session", json={"username": "new@example.com", "password": PASSWORD}
    )

    assert signed_up.status_code == 201, signed_up.text
    assert logged_in.status_code == 200
    claims = pyjwt.decode(logged_in.json()["refresh_token"], SECRET, algorithms=["HS256"])
    assert claims["type"] == "refresh"
    assert claims["identity"] == int(signed_up.json()["data"]["id"])


async def test_login_accepts_username_and_any_case_of_the_email(client, app_db):
    await make_user(app_db, "Ann@Example.com")

    response = await client.post(
        "/auth/session",
        json={
            "username": "ann@EXAMPLE.com",
            "password": PASSWORD,
            "remember-me": False,
            "include-in-response": False,
        },
    )

    assert response.status_code == 200


async def test_wrong_password_or_unknown_account_is_invalid_credentials(client, app_db):
    await make_user(app_db, "ann@example.com")

    wrong = await client.post(
        "/auth/session", json={"email": "ann@example.com", "password": "not it at all"}
    )
    unknown = await client.post(
        "/auth/session", json={"email": "bob@example.com", "password": PASSWORD}
    )

    assert wrong.status_code == 401 and unknown.status_code == 401
    assert wrong.json() == {"error": "Invalid Credentials"} == unknown.json()


async def test_missing_fields_are_a_400(client):
    for body in ({"email": "a@example.com"}, {"password": "x"}, {}):
        response = await client.post("/auth/session", json=body)
        assert response.status_code == 400
        assert response.json() == {"error": "username or password missing"}
    not_json = await client.post("/auth/session", content=b"nope")
    assert not_json.status_code == 400


async def test_a_blocked_user_cannot_log_in(client, app_db):
    await make_user(app_db, "spam@example.com", is_blocked=True)

    response = await client.post(
        "/auth/session", json={"email": "spam@example.com", "password": PASSWORD}
    )

    assert response.status_code == 401
    assert "blocked" in response.json()["error"]


async def test_a_deleted_user_cannot_log_in(client, app_db):
    user = await make_user(app_db, "gone@example.com")
    token = await login(client, "gone@example.com")
    await client.delete(f"/v1/users/{user.id}", headers=jwt(token))

    response = await client.post(
        "/auth/session", json={"email": "gone@example.com", "password": PASSWORD}
    )

    assert response.status_code == 401


async def test_remember_me_sets_refresh_cookies_and_shortens_the_access_token(client, app_db):
    await make_user(app_db, "ann@example.com")

    response = await client.post(
        "/auth/session",
        json={"email": "ann@example.com", "password": PASSWORD, "remember-me": True},
    )

    assert response.status_code == 200
    claims = pyjwt.decode(response.json()["access_token"], SECRET, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] <= 90 * 60 + 1
    cookies = response.headers.get_list("set-cookie")
    refresh = next(c for c in cookies if c.startswith("refresh_token_cookie="))
    assert "HttpOnly" in refresh and "Path=/v1/auth/token/refresh" in refresh
    assert any(c.startswith("csrf_refresh_token=") for c in cookies)
    assert "refresh_token" not in response.json()


async def test_include_in_response_returns_the_refresh_token(client, app_db):
    await make_user(app_db, "ann@example.com")

    response = await client.post(
        "/auth/session",
        json={
            "email": "ann@example.com",
            "password": PASSWORD,
            "remember-me": True,
            "include-in-response": True,
        },
    )

    body = response.json()
    claims = pyjwt.decode(body["refresh_token"], SECRET, algorithms=["HS256"])
    assert claims["type"] == "refresh"
    assert "set-cookie" not in response.headers


async def test_login_is_rate_limited_per_account(client, app_db, settings):
    await make_user(app_db, "ann@example.com")
    body = {"email": "ann@example.com", "password": "wrong password"}

    statuses = [
        (await client.post("/auth/session", json=body)).status_code
        for _ in range(settings.login_limit_per_minute + 1)
    ]
    blocked = await client.post("/auth/session", json={**body, "password": PASSWORD})

    assert statuses[:-1] == [401] * settings.login_limit_per_minute
    assert statuses[-1] == 429
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0


async def test_a_hash_made_with_older_parameters_is_replaced_at_login(client, app_db):
    older = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4).hash(PASSWORD)
    user = await make_user(app_db, "ann@example.com")
    async with app_db.sessions() as session, session.begin():
        (await session.get(User, user.id)).password_hash = older

    await login(client, "ann@example.com")

    async with app_db.sessions() as session:
        stored = (await session.get(User, user.id)).password_hash
    assert stored != older
    assert "$m=19456,t=2,p=1$" in stored
    assert (
        await client.post("/auth/session", json={"email": "ann@example.com", "password": PASSWORD})
    ).status_code == 200
    wrong = await client.post(
        "/auth/session", json={"email": "ann@example.com", "password": "not it at all"}
    )
    assert wrong.status_code == 401
