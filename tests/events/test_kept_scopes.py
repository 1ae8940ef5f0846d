"""Read scopes are kept per caller (the same clause object answered again), yet what a caller
may read follows their roles and admin flag at once: a role granted after a first read shows
the draft at the next one, and no caller's scope serves another."""

from __future__ import annotations

from sqlalchemy import select, update

from hallway.roles.models import Role, UsersEventsRoles
from hallway.users.models import User
from tests.appfixtures import jwt, login, make_user
from tests.events.helpers import create_event


async def _token(client, app_db, email: str) -> str:
    await make_user(app_db, email)
    return await login(client, email)


async def _reads(client, event_id: str, token: str | None) -> tuple[int, int]:
    """The draft's status and how many of its custom forms the caller sees."""
    headers = jwt(token) if token else {}
    one = await client.get(f"/v1/events/{event_id}", headers=headers)
    forms = await client.get(f"/v1/events/{event_id}/custom-forms", headers=headers)
    return one.status_code, len(forms.json().get("data", []))


async def test_a_role_granted_after_a_read_shows_the_draft_at_the_next(client, app_db):
    owner = await _token(client, app_db, "owner@example.com")
    stranger = await _token(client, app_db, "stranger@example.com")
    draft = await create_event(client, owner, "Draft")
    status, forms = await _reads(client, draft["id"], owner)
    assert status == 200 and forms > 0
    assert await _reads(client, draft["id"], stranger) == (404, 0)

    async with app_db.sessions() as session, session.begin():
        organizer = await session.scalar(select(Role.id).where(Role.name == "organizer"))
        user = await session.scalar(select(User.id).where(User.email == "stranger@example.com"))
        session.add(UsersEventsRoles(event_id=int(draft["id"]), user_id=user, role_id=organizer))

    assert await _reads(client, draft["id"], stranger) == (200, forms)
    assert await _reads(client, draft["id"], None) == (404, 0)


async def test_an_account_made_admin_reads_drafts_at_its_next_request(client, app_db):
    owner = await _token(client, app_db, "owner@example.com")
    other = await _token(client, app_db, "other@example.com")
    draft = await create_event(client, owner, "Draft")
    assert await _reads(client, draft["id"], other) == (404, 0)

    async with app_db.sessions() as session, session.begin():
        await session.execute(
            update(User).where(User.email == "other@example.com").values(is_admin=True)
        )

    status, forms = await _reads(client, draft["id"], other)
    assert status == 200 and forms > 0
    assert await _reads(client, draft["id"], None) == (404, 0)
