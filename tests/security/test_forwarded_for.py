"""`X-Forwarded-For` is believed only from the proxies named in TRUSTED_PROXIES (none by
default): rotating it from anywhere else does not get round the per-address limits."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from tests.security.clients import client_at

PROXY = "10.0.0.5"


def _guess(n: int) -> dict[str, str]:
    return {"email": f"nobody{n}@example.com", "password": "not the password"}


def _behind(settings: Settings, app_db: Database, trusted: list[str]) -> FastAPI:
    return create_app(settings.model_copy(update={"trusted_proxies": trusted}), database=app_db)


async def _statuses(client, count: int, forwarded) -> list[int]:
    return [
        (
            await client.post(
                "/auth/session", json=_guess(n), headers={"X-Forwarded-For": forwarded(n)}
            )
        ).status_code
        for n in range(count)
    ]


async def test_by_default_the_header_is_ignored(app):
    per_address = app.state.settings.login_limit_per_minute * 5
    async with client_at(app, "127.0.0.1") as local:
        statuses = await _statuses(local, per_address + 1, lambda n: f"192.0.2.{n}")

    assert statuses == [401] * per_address + [429]


async def test_a_trusted_proxy_names_the_client(app, settings, app_db):
    behind = _behind(settings, app_db, [PROXY])
    per_address = settings.login_limit_per_minute * 5
    async with client_at(behind, PROXY) as proxy:
        rotated = await _statuses(proxy, per_address + 1, lambda n: f"192.0.2.{n}")
        # A client forging the header gets its forgery kept on the left; the proxy appends the
        # address it saw, which is the one counted.
        forged = await _statuses(proxy, per_address + 1, lambda n: f"192.0.2.{n}, 198.51.100.1")

    assert rotated == [401] * (per_address + 1)
    assert forged == [401] * per_address + [429]


async def test_a_peer_that_is_not_a_trusted_proxy_cannot_use_the_header(app, settings, app_db):
    behind = _behind(settings, app_db, [PROXY])
    per_address = settings.login_limit_per_minute * 5
    async with client_at(behind, "198.51.100.9") as direct:
        statuses = await _statuses(direct, per_address + 1, lambda n: f"192.0.2.{n}")

    assert statuses == [401] * per_address + [429]


async def test_chains_of_trusted_proxies_and_networks(app, settings, app_db):
    behind = _behind(settings, app_db, ["10.0.0.0/8", "::1"])
    per_address = settings.login_limit_per_minute * 5
    async with client_at(behind, "::1") as proxy:
        statuses = await _statuses(
            proxy, per_address + 1, lambda n: f"192.0.2.{n}, 198.51.100.1, 10.1.2.3"
        )

    assert statuses == [401] * per_address + [429]


@pytest.mark.parametrize("entry", ["not-an-address", "10.0.0.0/33", "*"])
def test_a_setting_that_names_no_address_is_refused_at_start(entry):
    with pytest.raises(ValidationError, match="trusted_proxies"):
        Settings(trusted_proxies=[entry])


def test_the_setting_reads_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, 172.16.0.0/12")

    assert Settings().trusted_proxies == ["10.0.0.5", "172.16.0.0/12"]
