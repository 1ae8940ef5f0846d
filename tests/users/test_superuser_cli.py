"""`hallway createsuperuser --email E --password P`: the first super admin, made from the shell,
who then works through the API."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from click.testing import Result
from sqlalchemy import func, select
from typer.testing import CliRunner

from hallway.cli import app as cli
from hallway.config import get_settings
from hallway.users.models import User
from tests.appfixtures import PASSWORD, jwt, login, make_user

ROOT_PASSWORD = "a long root password"


@pytest.fixture(autouse=True)
def cli_database(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[None]:
    """The command reads DATABASE_URL through the cached settings: point both at the tests'."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


async def createsuperuser(*args: str) -> Result:
    """Run the command off the event loop (it runs its own loop with asyncio.run)."""
    return await asyncio.to_thread(CliRunner().invoke, cli, ["createsuperuser", *args])


async def accounts(app_db, email: str) -> list[User]:
    async with app_db.sessions() as session:
        found = await session.scalars(
            select(User).where(func.lower(User.email) == email.lower()).order_by(User.id)
        )
        return list(found)


async def test_createsuperuser_makes_a_verified_super_admin_who_can_grant_admin(client, app_db):
    ann = await make_user(app_db, "ann@example.com")

    result = await createsuperuser("--email", "root@example.com", "--password", ROOT_PASSWORD)

    assert result.exit_code == 0, result.output
    assert "created super admin root@example.com" in result.output
    (root,) = await accounts(app_db, "root@example.com")
    assert (root.is_super_admin, root.is_admin, root.is_verified) == (True, True, True)
    assert root.password_hash.startswith("$argon2") and ROOT_PASSWORD not in root.password_hash
    token = await client.post(
        "/v1/auth/login", json={"email": "root@example.com", "password": ROOT_PASSWORD}
    )
    assert token.status_code == 200
    granted = await client.patch(
        f"/v1/users/{ann.id}",
        headers=jwt(token.json()["access_token"]),
        json={"data": {"type": "user", "id": str(ann.id), "attributes": {"is-admin": True}}},
    )
    assert granted.status_code == 200
    assert granted.json()["data"]["attributes"]["is-admin"] is True
    (stored_ann,) = await accounts(app_db, "ann@example.com")
    assert stored_ann.is_admin and not stored_ann.is_super_admin


async def test_createsuperuser_again_promotes_the_account_instead_of_duplicating(client, app_db):
    await make_user(app_db, "Ann@Example.com", is_verified=False)

    first = await createsuperuser("--email", "ann@example.com", "--password", ROOT_PASSWORD)
    second = await createsuperuser("--email", "ANN@example.com", "--password", ROOT_PASSWORD)

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "promoted super admin ann@example.com" in first.output
    assert "promoted super admin ANN@example.com" in second.output
    (ann,) = await accounts(app_db, "ann@example.com")
    assert ann.email == "Ann@Example.com"
    assert (ann.is_super_admin, ann.is_admin, ann.is_verified) == (True, True, True)
    old = await client.post("/auth/session", json={"email": ann.email, "password": PASSWORD})
    assert old.status_code == 401
    assert await login(client, "ann@example.com", ROOT_PASSWORD)


async def test_createsuperuser_with_a_short_password_fails_and_changes_nothing(client, app_db):
    await make_user(app_db, "ann@example.com")
    (before,) = await accounts(app_db, "ann@example.com")

    new = await createsuperuser("--email", "root@example.com", "--password", "short")
    existing = await createsuperuser("--email", "ann@example.com", "--password", "short")

    for result in (new, existing):
        assert result.exit_code != 0
        assert "at least 8 characters" in result.output
    assert await accounts(app_db, "root@example.com") == []
    (after,) = await accounts(app_db, "ann@example.com")
    assert after.password_hash == before.password_hash
    assert (after.is_admin, after.is_super_admin) == (False, False)
    assert await login(client, "ann@example.com")


async def test_createsuperuser_refuses_something_that_is_not_an_email(client, app_db):
    result = await createsuperuser("--email", "root", "--password", ROOT_PASSWORD)

    assert result.exit_code != 0
    assert "not an e-mail address" in result.output
    async with app_db.sessions() as session:
        assert (await session.scalars(select(User))).all() == []
