"""`last-accessed-at`: written at login and at token refresh (the admin's user list tells active
accounts by it), and by no other request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from hallway.users.models import User
from tests.appfixtures import jwt, login, make_user, refresh_token

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


async def last_access(app_db, user_id: int) -> datetime | None:
    async with app_db.sessions() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return user.last_accessed_at


async def set_last_access(app_db, user_id: int, when: datetime) -> None:
    async with app_db.sessions() as session, session.begin():
        await session.execute(update(User).where(User.id == user_id).values(last_accessed_at=when))


def recent(moment: datetime | None) -> bool:
    return moment is not None and datetime.now(UTC) - moment < timedelta(minutes=1)


async def test_login_records_the_access_and_admins_see_it(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    await make_user(app_db, "admin@example.com", is_admin=True)
    before = await last_access(app_db, user.id)

    await login(client, "ann@example.com")
    admin = await login(client, "admin@example.com")
    listed = await client.get("/v1/users?sort=email", headers=jwt(admin))

    assert before is None
    assert recent(await last_access(app_db, user.id))
    ann = next(u for u in listed.json()["data"] if u["id"] == str(user.id))
    assert ann["attributes"]["last-accessed-at"] is not None


async def test_a_token_refresh_records_the_access(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    refresh = await refresh_token(client, "ann@example.com")
    await set_last_access(app_db, user.id, LONG_AGO)

    refreshed = await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})

    assert refreshed.status_code == 200
    assert recent(await last_access(app_db, user.id))


async def test_other_requests_write_nothing(client, app_db):
    user = await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")
    await set_last_access(app_db, user.id, LONG_AGO)

    read = await client.get(f"/v1/users/{user.id}", headers=jwt(token))
    changed = await client.patch(
        f"/v1/users/{user.id}",
        json={"data": {"type": "user", "id": str(user.id), "attributes": {"first-name": "Ann"}}},
        headers=jwt(token),
    )

    assert read.status_code == 200 and changed.status_code == 200
    assert await last_access(app_db, user.id) == LONG_AGO


async def test_a_failed_login_records_nothing(client, app_db):
    user = await make_user(app_db, "ann@example.com")

    refused = await client.post(
        "/auth/session", json={"email": "ann@example.com", "password": "not the password"}
    )

    assert refused.status_code == 401
    assert await last_access(app_db, user.id) is None
