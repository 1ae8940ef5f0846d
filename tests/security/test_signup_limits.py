"""Sign-ups are limited per address and in all, with a Retry-After: each one hashes a password
and mails an address of the caller's choosing. A refused sign-up creates nothing."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import func, select

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from hallway.users.models import User
from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.security.clients import client_at


def _sign_up(email: str) -> dict:
    attributes = {"email": email, "password": "a long enough password"}
    return {"data": {"type": "user", "attributes": attributes}}


def _limited(settings: Settings, app_db: Database, per_hour: int, per_minute: int) -> FastAPI:
    update = {"signup_limit_per_hour": per_hour, "signup_limit_per_minute": per_minute}
    return create_app(settings.model_copy(update=update), database=app_db)


async def _post(client, email: str, **headers: str):
    return await client.post(
        "/v1/users", json=_sign_up(email), headers={"Content-Type": JSONAPI, **headers}
    )


async def _accounts(app_db: Database) -> int:
    async with app_db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def test_sign_ups_are_limited_per_address(app, settings, app_db, mailbox):
    limited = _limited(settings, app_db, per_hour=3, per_minute=100)
    async with client_at(limited, "203.0.113.5") as one, client_at(limited, "198.51.100.5") as two:
        statuses = [(await _post(one, f"u{n}@example.com")).status_code for n in range(4)]
        other = await _post(two, "other@example.com")

    assert statuses == [201, 201, 201, 429]
    assert await _accounts(app_db) == 4  # three from the first address, one from the other
    assert other.status_code == 201


async def test_sign_ups_are_limited_in_all(app, settings, app_db, mailbox):
    limited = _limited(settings, app_db, per_hour=100, per_minute=2)
    answers = []
    for n in range(3):
        async with client_at(limited, f"203.0.113.{n + 1}") as client:
            answers.append(await _post(client, f"u{n}@example.com"))

    assert [a.status_code for a in answers] == [201, 201, 429]
    refused = answers[-1]
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert refused.json()["errors"][0]["status"] == 429
    assert await _accounts(app_db) == 2


async def test_an_admin_making_accounts_is_not_limited(app, settings, app_db, mailbox):
    await make_user(app_db, "admin@example.com", is_admin=True)
    limited = _limited(settings, app_db, per_hour=1, per_minute=1)
    async with client_at(limited, "203.0.113.5") as client:
        admin = jwt(await login(client, "admin@example.com"))
        statuses = [
            (await _post(client, f"u{n}@example.com", **admin)).status_code for n in range(3)
        ]

    assert statuses == [201, 201, 201]
