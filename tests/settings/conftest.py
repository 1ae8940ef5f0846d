"""The real app on the migrated database, and what the settings tests share."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from hallway.db import Database
from hallway.settings.models import Setting
from tests.appfixtures import JSONAPI, app, client, jwt, login, mailbox, make_user, settings, smtp  # noqa: F401

ANONYMOUS = {"Content-Type": JSONAPI}


async def people(http: AsyncClient, app_db: Database) -> tuple[dict[str, str], dict[str, str]]:
    """Headers of an admin and of a plain verified user."""
    await make_user(app_db, "root@example.com", is_admin=True)
    await make_user(app_db, "ann@example.com")
    return (
        jwt(await login(http, "root@example.com")),
        jwt(await login(http, "ann@example.com")),
    )


def body(id_: str | None = "1", **attributes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "setting", "attributes": attributes}
    if id_ is not None:
        data["id"] = id_
    return {"data": data}


async def stored(app_db: Database) -> dict[str, Any]:
    """The settings row as the database holds it (secrets included)."""
    async with app_db.sessions() as session:
        row = (await session.execute(select(Setting.__table__))).one()
        return dict(row._mapping)


async def row_count(app_db: Database) -> int:
    async with app_db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Setting)) or 0)
