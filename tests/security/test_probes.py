"""Probes that cost a stranger nothing: password guesses through a stolen token are slowed,
and the health check names no machine."""

from __future__ import annotations

import socket

from tests.appfixtures import jwt, login, make_user


async def test_password_guesses_through_a_token_are_slowed_per_account(client, app, app_db):
    limit = app.state.settings.login_limit_per_minute
    await make_user(app_db, "ann@example.com")
    await make_user(app_db, "bob@example.com")
    ann = jwt(await login(client, "ann@example.com"))
    bob = jwt(await login(client, "bob@example.com"))

    guesses = [
        await client.post("/v1/auth/verify-password", headers=ann, json={"password": f"g{i}"})
        for i in range(limit + 1)
    ]
    other = await client.post("/v1/auth/verify-password", headers=bob, json={"password": "x"})

    assert [r.status_code for r in guesses[:limit]] == [200] * limit
    assert all(r.json() == {"result": False} for r in guesses[:limit])
    assert guesses[limit].status_code == 429
    assert int(guesses[limit].headers["retry-after"]) > 0
    assert other.status_code == 200


async def test_the_health_check_names_no_host(client):
    response = await client.get("/health-check")

    assert "hostname" not in response.json()
    assert socket.gethostname() not in response.text
