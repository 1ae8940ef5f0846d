"""Nobody can lock an account out from somewhere else: guesses and reset mails are limited per
(account, address) and per address; past its hourly total an account refuses only the
addresses that already failed on it (or already asked for its mail)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from tests.appfixtures import PASSWORD, make_user, settle
from tests.security.clients import client_at

WRONG = {"email": "ann@example.com", "password": "not the password"}
RIGHT = {"email": "ann@example.com", "password": PASSWORD}
STRANGER, OWNER = "203.0.113.66", "198.51.100.7"


@pytest.fixture
def strict_app(app: FastAPI, settings: Settings, app_db: Database) -> FastAPI:
    """Beside `app` (which runs the jobs and cleans up): an account-wide budget of three
    failures and of three mails an hour."""
    tight = {"login_account_failures_per_hour": 3, "reset_account_limit_per_hour": 3}
    return create_app(settings.model_copy(update=tight), database=app_db)


async def test_a_strangers_wrong_guesses_do_not_lock_the_owner_out(app, app_db):
    await make_user(app_db, "ann@example.com")
    limit = app.state.settings.login_limit_per_minute
    async with client_at(app, STRANGER) as stranger, client_at(app, OWNER) as owner:
        guesses = [
            (await stranger.post("/auth/session", json=WRONG)).status_code for _ in range(limit + 1)
        ]
        strangers_right = await stranger.post("/auth/session", json=RIGHT)
        owners = await owner.post("/auth/session", json=RIGHT)

    assert guesses == [401] * limit + [429]
    assert strangers_right.status_code == 429 and int(strangers_right.headers["retry-after"]) > 0
    assert owners.status_code == 200 and "access_token" in owners.json()


async def test_an_account_under_attack_refuses_only_addresses_that_failed_on_it(strict_app, app_db):
    await make_user(app_db, "ann@example.com")
    attackers = [f"203.0.113.{n}" for n in range(1, 6)]
    failed = []
    for address in attackers:
        async with client_at(strict_app, address) as attacker:
            failed.append((await attacker.post("/auth/session", json=WRONG)).status_code)
    async with client_at(strict_app, attackers[0]) as attacker:
        attacker_right = await attacker.post("/auth/session", json=RIGHT)
    async with client_at(strict_app, "203.0.113.99") as fresh:
        fresh_wrong = await fresh.post("/auth/session", json=WRONG)
    async with client_at(strict_app, OWNER) as owner:
        owners = await owner.post("/auth/session", json=RIGHT)
    async with client_at(strict_app, "203.0.113.99") as fresh:
        after_failing = await fresh.post("/auth/session", json=RIGHT)

    assert failed == [401] * 5
    assert attacker_right.status_code == 429 and int(attacker_right.headers["retry-after"]) > 60
    assert fresh_wrong.status_code == 401  # a new address still gets its guess...
    assert after_failing.status_code == 429  # ...and then it is held off too
    assert owners.status_code == 200


async def test_a_stranger_asking_for_resets_does_not_block_the_owners(app, app_db, mailbox):
    await make_user(app_db, "ann@example.com")
    per_hour = app.state.settings.reset_limit_per_hour
    body = {"data": {"email": "ann@example.com"}}
    async with client_at(app, STRANGER) as stranger, client_at(app, OWNER) as owner:
        asked = [
            (await stranger.post("/v1/auth/reset-password", json=body)).status_code
            for _ in range(per_hour + 1)
        ]
        owners = await owner.post("/v1/auth/reset-password", json=body)
    await settle()

    assert asked == [200] * per_hour + [429]
    assert owners.status_code == 200
    assert len(mailbox.to("ann@example.com")) == per_hour + 1


async def test_past_the_accounts_mail_budget_only_new_addresses_may_ask(
    strict_app, app_db, mailbox
):
    await make_user(app_db, "ann@example.com")
    body = {"data": {"email": "ann@example.com"}}
    first = [f"203.0.113.{n}" for n in range(1, 4)]
    asked = []
    for address in first:
        async with client_at(strict_app, address) as client:
            asked.append((await client.post("/v1/auth/reset-password", json=body)).status_code)
    async with client_at(strict_app, first[0]) as again:
        repeated = await again.post("/v1/auth/reset-password", json=body)
    async with client_at(strict_app, OWNER) as owner:
        owners = await owner.post("/v1/auth/reset-password", json=body)
    await settle()

    assert asked == [200, 200, 200]
    assert repeated.status_code == 429 and int(repeated.headers["retry-after"]) > 60
    assert owners.status_code == 200
    assert len(mailbox.to("ann@example.com")) == 4
