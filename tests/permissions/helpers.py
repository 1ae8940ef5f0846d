"""Callers of the admin resources, and the matrix row of a role and service."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import select

from hallway.db import Database
from hallway.permissions.models import EventRolePermission, Service
from hallway.roles.models import Role
from tests.appfixtures import JSONAPI, jwt, login, make_user

ANONYMOUS = {"Content-Type": JSONAPI}


async def staff(client: AsyncClient, db: Database) -> dict[str, dict[str, str]]:
    """Headers of the super admin, an admin, a plain user and an anonymous caller."""
    await make_user(db, "super@example.com", is_admin=True, is_super_admin=True)
    await make_user(db, "admin@example.com", is_admin=True)
    await make_user(db, "plain@example.com")
    return {
        "super": jwt(await login(client, "super@example.com")),
        "admin": jwt(await login(client, "admin@example.com")),
        "user": jwt(await login(client, "plain@example.com")),
        "anonymous": ANONYMOUS,
    }


async def matrix_id(db: Database, role: str, service: str) -> int:
    async with db.sessions() as session:
        found = await session.scalar(
            select(EventRolePermission.id)
            .join(Role, Role.id == EventRolePermission.role_id)
            .join(Service, Service.id == EventRolePermission.service_id)
            .where(Role.name == role, Service.name == service)
        )
    assert found is not None, (role, service)
    return int(found)


async def matrix_row(db: Database, role: str, service: str) -> tuple[bool, bool, bool, bool]:
    async with db.sessions() as session:
        row = await session.get(EventRolePermission, await matrix_id(db, role, service))
        assert row is not None
        return (row.can_create, row.can_read, row.can_update, row.can_delete)


def flags_body(permission_id: int, **flags: bool) -> dict[str, Any]:
    attributes = {name.replace("_", "-"): value for name, value in flags.items()}
    return {
        "data": {
            "type": "event-role-permissions",
            "id": str(permission_id),
            "attributes": attributes,
        }
    }
