"""Using tokens: headers, refresh, fresh login, logout and revocation."""

from __future__ import annotations

import time

import jwt as pyjwt

from tests.appfixtures import PASSWORD, jwt, login, make_user, refresh_token

SECRET = "test-secret-key-for-hallway-tests"


async def test_jwt_and_bearer_prefixes_are_both_accepted(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    for prefix in ("JWT", "Bearer"):
        response = await client.get(
            f"/v1/users/{user.id}", headers={"Authorization": f"{prefix} {token}"}
        )
        assert response.status_code == 200, prefix


async def test_bad_tokens_are_flat_401s(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    expired = pyjwt.encode(
        {
            "identity": user.id,
            "type": "access",
            "iat": time.time() - 100,
            "exp": int(time.time()) - 10,
        },
        SECRET,
        algorithm="HS256",
    )
    forged = pyjwt.encode(
        {"identity": user.id, "type": "access", "iat": time.time(), "exp": int(time.time()) + 100},
        "another key that is long enough for HS256",
        algorithm="HS256",
    )

    for header in (f"JWT {expired}", f"JWT {forged}", "JWT garbage", "Basic abc", "JWT"):
        response = await client.get(f"/v1/users/{user.id}", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert set(response.json()) == {"error"}


async def test_a_token_accepted_before_is_refused_once_it_expires(client, app_db, monkeypatch):
    """The first use checks the signature and every claim; later uses of the same token skip
    the signature but check its time claims again, against `time.time()`, which the test
    sets instead of waiting for the expiry."""
    user = await make_user(app_db, "ann@example.com")
    expires = int(time.time()) + 60
    token = pyjwt.encode(
        {"identity": user.id, "type": "access", "iat": time.time(), "exp": expires},
        SECRET,
        algorithm="HS256",
    )
    headers = {"Authorization": f"JWT {token}"}
    url = f"/v1/users/{user.id}"

    first = await client.get(url, headers=headers)
    monkeypatch.setattr(time, "time", lambda: expires - 1.0)
    last_second = await client.get(url, headers=headers)
    monkeypatch.setattr(time, "time", lambda: float(expires))
    expired = await client.get(url, headers=headers)
    monkeypatch.undo()

    assert (first.status_code, last_second.status_code) == (200, 200)
    assert expired.status_code == 401
    assert expired.json() == {"error": "Token has expired"}


async def test_a_refresh_token_is_not_an_access_token(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    body = (
        await client.post(
            "/auth/session",
            json={
                "email": "ann@example.com",
                "password": PASSWORD,
                "remember-me": True,
                "include-in-response": True,
            },
        )
    ).json()

    response = await client.get(f"/v1/users/{user.id}", headers=jwt(body["refresh_token"]))

    assert response.status_code == 401


async def test_refresh_with_the_token_in_the_header_or_body(client, app_db):
    await make_user(app_db, "ann@example.com")
    refresh = await refresh_token(client, "ann@example.com")

    by_header = await client.post(
        "/v1/auth/token/refresh",
        headers={"Authorization": f"JWT {refresh}"},
        json={"refresh_token": refresh},
    )
    by_body = await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})

    for response in (by_header, by_body):
        assert response.status_code == 200
        claims = pyjwt.decode(response.json()["access_token"], SECRET, algorithms=["HS256"])
        assert claims["type"] == "access" and claims["fresh"] is False


async def test_refresh_with_the_cookie_needs_the_csrf_header(client, app_db):
    await make_user(app_db, "ann@example.com")
    login_response = await client.post(
        "/auth/session",
        json={"email": "ann@example.com", "password": PASSWORD, "remember-me": True},
    )
    csrf = login_response.cookies["csrf_refresh_token"]
    refresh = login_response.cookies["refresh_token_cookie"]
    client.cookies.set("refresh_token_cookie", refresh, path="/v1/auth/token/refresh")

    without = await client.post("/v1/auth/token/refresh")
    wrong = await client.post("/v1/auth/token/refresh", headers={"X-CSRF-Token": "nope"})
    right = await client.post("/v1/auth/token/refresh", headers={"X-CSRF-Token": csrf})

    assert (without.status_code, wrong.status_code, right.status_code) == (401, 401, 200)


async def test_an_access_token_cannot_refresh(client, app_db):
    await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    response = await client.post(
        "/v1/auth/token/refresh", headers={"Authorization": f"JWT {token}"}
    )

    assert response.status_code == 401


async def test_fresh_login_needs_the_callers_own_credentials(client, app_db):
    await make_user(app_db, "ann@example.com")
    await make_user(app_db, "bob@example.com")
    token = await login(client, "ann@example.com")

    own = await client.post(
        "/v1/auth/fresh-login",
        headers={"Authorization": f"JWT {token}"},
        json={"email": "ann@example.com", "password": PASSWORD},
    )
    other = await client.post(
        "/v1/auth/fresh-login",
        headers={"Authorization": f"JWT {token}"},
        json={"email": "bob@example.com", "password": PASSWORD},
    )
    anonymous = await client.post(
        "/v1/auth/fresh-login", json={"email": "ann@example.com", "password": PASSWORD}
    )

    assert own.status_code == 200
    assert pyjwt.decode(own.json()["access_token"], SECRET, algorithms=["HS256"])["fresh"]
    assert other.status_code == 401 and anonymous.status_code == 401


async def test_logout_clears_the_refresh_cookies(client):
    response = await client.post("/v1/auth/logout")

    assert response.status_code == 200 and response.json() == {"success": True}
    cookies = response.headers.get_list("set-cookie")
    assert any(c.startswith("refresh_token_cookie=") and "Max-Age=0" in c for c in cookies)


async def test_blacklist_revokes_every_earlier_token_access_tokens_included(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    first = await login(client, "ann@example.com")
    refresh = await refresh_token(client, "ann@example.com")

    revoked = await client.post("/v1/auth/blacklist", headers={"Authorization": f"JWT {first}"})
    stale_access = await client.get(f"/v1/users/{user.id}", headers=jwt(first))
    stale_refresh = await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})
    later = await login(client, "ann@example.com")
    fresh_access = await client.get(f"/v1/users/{user.id}", headers=jwt(later))

    assert revoked.status_code == 200
    assert stale_access.status_code == 401 and stale_refresh.status_code == 401
    assert fresh_access.status_code == 200


async def test_blacklist_needs_a_token(client):
    response = await client.post("/v1/auth/blacklist")

    assert response.status_code == 401
