"""Favouriting events and sessions through the API, and what the database holds."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy import select

from hallway.db import Database
from hallway.favourites.models import UserFavouriteEvent, UserFavouriteSession
from hallway.users.models import User
from tests.program.helpers import Cast


def favourite_body(kind: str, object_id: Any, user_id: Any = None) -> dict[str, Any]:
    relationships: dict[str, Any] = {kind: {"data": {"type": kind, "id": str(object_id)}}}
    if user_id is not None:
        relationships["user"] = {"data": {"type": "user", "id": str(user_id)}}
    return {"data": {"type": f"user-favourite-{kind}", "relationships": relationships}}


async def favourite(
    client: AsyncClient, c: Cast, who: str, kind: str, object_id: Any, user_id: Any = None
) -> Response:
    return await client.post(
        f"/v1/user-favourite-{kind}s",
        json=favourite_body(kind, object_id, user_id),
        headers=c.headers(who),
    )


async def made(client: AsyncClient, c: Cast, who: str, kind: str, object_id: Any) -> str:
    response = await favourite(client, c, who, kind, object_id)
    assert response.status_code == 201, response.text
    return str(response.json()["data"]["id"])


async def stored(db: Database, kind: str) -> list[tuple[int, int]]:
    """(user id, object id) of every stored favourite of `kind`."""
    model = UserFavouriteEvent if kind == "event" else UserFavouriteSession
    target = model.event_id if kind == "event" else model.session_id  # type: ignore[union-attr]
    async with db.sessions() as session:
        rows = await session.execute(select(model.user_id, target).order_by(model.id))
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def user_id(db: Database, who: str) -> int:
    async with db.sessions() as session:
        found = await session.scalar(select(User.id).where(User.email == f"{who}@example.com"))
        assert found is not None
        return int(found)
