"""An event with its people, and tickets, tags, taxes and codes made through the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from hallway.db import Database
from hallway.roles.models import Role, UsersEventsRoles
from tests.appfixtures import jwt, login, make_user
from tests.events.helpers import create_event

SALES = {
    "sales-starts-at": "2031-05-01T00:00:00+00:00",
    "sales-ends-at": "2031-06-01T00:00:00+00:00",
}


@dataclass
class Cast:
    """An event and the people around it, by the name of their part: owner, organizer,
    coorganizer, registrar, moderator, user (no role), stranger (owner of another event),
    admin; each with an id and a token. `other` is the stranger's event."""

    event: dict[str, Any]
    other: dict[str, Any]
    ids: dict[str, int]
    tokens: dict[str, str]

    def jwt(self, who: str) -> dict[str, str]:
        return jwt(self.tokens[who])


async def grant(db: Database, event_id: Any, user_id: int, role: str) -> None:
    async with db.sessions() as session, session.begin():
        role_id = await session.scalar(select(Role.id).where(Role.name == role))
        session.add(UsersEventsRoles(event_id=int(event_id), user_id=user_id, role_id=role_id))


async def cast(
    client: AsyncClient, db: Database, *, published: bool = True, currency: str = "EUR"
) -> Cast:
    ids: dict[str, int] = {}
    tokens: dict[str, str] = {}
    for who in ("owner", "organizer", "coorganizer", "registrar", "moderator", "user"):
        user = await make_user(db, f"{who}@example.com")
        ids[who], tokens[who] = user.id, await login(client, f"{who}@example.com")
    stranger = await make_user(db, "stranger@example.com")
    ids["stranger"], tokens["stranger"] = stranger.id, await login(client, "stranger@example.com")
    admin = await make_user(db, "admin@example.com", is_admin=True)
    ids["admin"], tokens["admin"] = admin.id, await login(client, "admin@example.com")
    state = "published" if published else "draft"
    selling = {"payment-currency": currency, "can-pay-onsite": True}
    event = await create_event(client, tokens["owner"], state=state, **selling)
    other = await create_event(client, tokens["stranger"], "Other", state="published", **selling)
    for role in ("organizer", "coorganizer", "registrar", "moderator"):
        await grant(db, event["id"], ids[role], role)
    return Cast(event, other, ids, tokens)


def link(type_: str, id_: Any) -> dict[str, Any]:
    return {"data": {"type": type_, "id": str(id_)}}


def links(type_: str, *ids: Any) -> dict[str, Any]:
    return {"data": [{"type": type_, "id": str(i)} for i in ids]}


def body(type_: str, attributes: dict[str, Any], **relationships: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"type": type_, "attributes": attributes}
    if relationships:
        data["relationships"] = {k.replace("_", "-"): v for k, v in relationships.items()}
    return {"data": data}


def ticket_body(event_id: Any, name: str = "Regular", **attributes: Any) -> dict[str, Any]:
    values = {"name": name, "type": "paid", "price": "25.00", "quantity": 100, **SALES}
    values.update({k.replace("_", "-"): v for k, v in attributes.items()})
    return body("ticket", values, event=link("event", event_id))


async def create(
    client: AsyncClient, token: str, path: str, document: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(path, json=document, headers=jwt(token))
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


async def create_ticket(
    client: AsyncClient, token: str, event_id: Any, name: str = "Regular", **attributes: Any
) -> dict[str, Any]:
    return await create(client, token, "/v1/tickets", ticket_body(event_id, name, **attributes))


def patch(type_: str, id_: Any, **attributes: Any) -> dict[str, Any]:
    values = {k.replace("_", "-"): v for k, v in attributes.items()}
    return {"data": {"type": type_, "id": str(id_), "attributes": values}}


async def count(db: Database, model: Any, *where: Any) -> int:
    async with db.sessions() as session:
        stmt = select(func.count()).select_from(model).where(*where)
        return int(await session.scalar(stmt) or 0)


async def stored(db: Database, model: Any, id_: Any) -> Any:
    async with db.sessions() as session:
        return await session.get(model, int(id_))
