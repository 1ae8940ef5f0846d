"""The audit log as stored, and as its readers get it."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from hallway.activity.models import Activity
from hallway.db import Database
from tests.appfixtures import jwt


async def stored(db: Database, **where: Any) -> list[tuple[str | None, str, str, str | None]]:
    """(actor, verb, object type, object id) of the stored activities, oldest first."""
    async with db.sessions() as session:
        stmt = select(Activity.actor, Activity.verb, Activity.object_type, Activity.object_id)
        stmt = stmt.filter_by(**where).order_by(Activity.id)
        return [tuple(row) for row in await session.execute(stmt)]  # type: ignore[misc]


async def count(db: Database) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Activity)) or 0)


async def read(client: AsyncClient, path: str, token: str | None) -> tuple[int, list[dict]]:
    headers = jwt(token) if token else {}
    response = await client.get(path, headers=headers)
    body = response.json()
    return response.status_code, body.get("data") or []
