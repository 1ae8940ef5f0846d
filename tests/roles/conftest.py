"""The real app (tests.appfixtures); roles and user permissions back at their seeded state
after each test (the shared clean-up leaves these seeded tables alone)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, select

from hallway.db import Database
from hallway.roles.models import EVENT_ROLES, Role, UserPermission
from tests.appfixtures import app, client, mailbox, settings, smtp  # noqa: F401

SEEDED_PERMISSIONS = {"create_event": "Create events", "publish_event": "Publish events"}


@pytest.fixture(autouse=True)
async def seeded_state(app_db: Database) -> AsyncIterator[None]:
    yield
    async with app_db.sessions() as session, session.begin():
        await session.execute(delete(Role).where(Role.name.not_in(EVENT_ROLES)))
        await session.execute(
            delete(UserPermission).where(UserPermission.name.not_in(SEEDED_PERMISSIONS))
        )
        roles = {role.name: role for role in await session.scalars(select(Role))}
        for name, title in EVENT_ROLES.items():
            role = roles.get(name) or Role(name=name)
            role.title_name = title
            session.add(role)
        permissions = {p.name: p for p in await session.scalars(select(UserPermission))}
        for name, description in SEEDED_PERMISSIONS.items():
            permission = permissions.get(name) or UserPermission(name=name)
            permission.description = description
            permission.unverified_user = permission.anonymous_user = False
            session.add(permission)
