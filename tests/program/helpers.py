"""The people around an event's program, and writing its parts through the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy import select

from hallway.db import Database
from hallway.roles.models import Role, UsersEventsRoles
from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.events.helpers import create_event


@dataclass
class Cast:
    """An event and the callers the tests ask as; tokens by name, None for anonymous."""

    event: dict[str, Any]
    tokens: dict[str, str | None]

    @property
    def event_id(self) -> str:
        return str(self.event["id"])

    @property
    def identifier(self) -> str:
        return str(self.event["attributes"]["identifier"])

    def headers(self, who: str) -> dict[str, str]:
        token = self.tokens[who]
        return {"Content-Type": JSONAPI} if token is None else jwt(token)


async def grant(db: Database, event_id: int, user_id: int, role: str) -> None:
    async with db.sessions() as session, session.begin():
        role_id = await session.scalar(select(Role.id).where(Role.name == role))
        session.add(UsersEventsRoles(event_id=event_id, user_id=user_id, role_id=role_id))


async def cast(client: AsyncClient, db: Database, *, published: bool = True) -> Cast:
    """An event of `owner`, with a co-organizer, a track organizer and a moderator on it, a
    plain user, an admin, and the organizer of another event."""
    people: dict[str, Any] = {}
    for name in ("owner", "coorganizer", "track_organizer", "moderator", "user", "stranger"):
        people[name] = await make_user(db, f"{name}@example.com")
    people["admin"] = await make_user(db, "admin@example.com", is_admin=True)
    tokens: dict[str, str | None] = {"anonymous": None}
    for name in people:
        tokens[name] = await login(client, f"{name}@example.com")
    owner = tokens["owner"]
    assert owner is not None
    event = await create_event(client, owner, state="published" if published else "draft")
    for role in ("coorganizer", "track_organizer", "moderator"):
        await grant(db, int(event["id"]), people[role].id, role)
    stranger = tokens["stranger"]
    assert stranger is not None
    await create_event(client, stranger, "Another conference", state="published")
    return Cast(event, tokens)


def body(
    type_: str,
    attributes: dict[str, Any],
    *,
    id_: str | None = None,
    **relationships: tuple[str, str | None],
) -> dict[str, Any]:
    data: dict[str, Any] = {"type": type_, "attributes": attributes}
    if id_ is not None:
        data["id"] = id_
    if relationships:
        data["relationships"] = {
            name: {"data": None if rid is None else {"type": rtype, "id": rid}}
            for name, (rtype, rid) in relationships.items()
        }
    return {"data": data}


async def post(
    client: AsyncClient,
    path: str,
    type_: str,
    attributes: dict[str, Any],
    headers: dict[str, str],
    **relationships: tuple[str, str | None],
) -> Response:
    return await client.post(
        f"/v1/{path}", json=body(type_, attributes, **relationships), headers=headers
    )


async def make(
    client: AsyncClient,
    path: str,
    type_: str,
    attributes: dict[str, Any],
    headers: dict[str, str],
    **relationships: tuple[str, str | None],
) -> dict[str, Any]:
    response = await post(client, path, type_, attributes, headers, **relationships)
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]
