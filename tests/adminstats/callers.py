"""Signed-in callers of the admin panel's endpoints."""

from __future__ import annotations

from sqlalchemy import select

from hallway.db import Database
from hallway.events.models import Event
from hallway.roles.models import Role, UsersEventsRoles
from tests.appfixtures import jwt, login, make_user
from tests.seeding import events


async def signed_in(client, app_db: Database, email: str, **flags) -> dict[str, str]:
    await make_user(app_db, email, **flags)
    return jwt(await login(client, email))


async def organizer(client, app_db: Database) -> dict[str, str]:
    """A new account made organizer (and owner) of an event, signed in."""
    user = await make_user(app_db, "organizer@example.com")
    async with app_db.sessions() as session, session.begin():
        event_id = await session.scalar(select(Event.id).limit(1))
        if event_id is None:
            [event] = await events(session, 1)
            event_id = event.id
        roles = await session.scalars(select(Role.id).where(Role.name.in_(("owner", "organizer"))))
        session.add_all(
            UsersEventsRoles(event_id=event_id, user_id=user.id, role_id=role) for role in roles
        )
    return jwt(await login(client, "organizer@example.com"))


async def refused(client, app_db: Database) -> list[dict[str, str]]:
    """A plain user, an organizer and a marketer (no admin flag among them)."""
    return [
        await signed_in(client, app_db, "plain@example.com"),
        await organizer(client, app_db),
        await signed_in(client, app_db, "marketer@example.com", is_marketer=True),
    ]
