"""Making accounts, groups and follows through the API, as the frontend does."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from hallway.db import Database
from hallway.groups.models import Group, UserFollowGroup
from tests.appfixtures import jwt, login, make_user


async def account(client: AsyncClient, db: Database, email: str, **flags: Any) -> tuple[int, str]:
    """A stored account and its access token."""
    user = await make_user(db, email, **flags)
    return user.id, await login(client, email)


def group_body(name: str = "Pythonistas", **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "group", "attributes": {"name": name, **attributes}}}


async def create_group(
    client: AsyncClient, token: str, name: str = "Pythonistas", **attributes: Any
) -> dict[str, Any]:
    response = await client.post(
        "/v1/groups", json=group_body(name, **attributes), headers=jwt(token)
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


def link(type_: str, id_: Any) -> dict[str, Any]:
    return {"data": {"type": type_, "id": str(id_)}}


def follow_body(group_id: Any, user_id: Any = None) -> dict[str, Any]:
    relationships = {"group": link("group", group_id)}
    if user_id is not None:
        relationships["user"] = link("user", user_id)
    return {"data": {"type": "user-follow-group", "relationships": relationships}}


async def follow(client: AsyncClient, token: str, group_id: Any, user_id: Any = None) -> Any:
    return await client.post(
        "/v1/user-follow-groups", json=follow_body(group_id, user_id), headers=jwt(token)
    )


async def stored_group(db: Database, group_id: Any) -> Group | None:
    async with db.sessions() as session:
        return await session.get(Group, int(group_id))


async def follows_in_db(db: Database) -> list[tuple[int, int]]:
    """(user id, group id) of every stored follow."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(UserFollowGroup.user_id, UserFollowGroup.group_id).order_by(UserFollowGroup.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def group_count(db: Database) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Group)) or 0)
