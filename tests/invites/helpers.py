"""Hosts, events, invites and accepted roles made through the API, and the invite mail read
from the real SMTP server."""

from __future__ import annotations

import re
from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy import func, select

from hallway.db import Database
from hallway.invites.models import RoleInvite
from hallway.roles.models import Role, UsersEventsRoles
from hallway.users.models import User
from tests.appfixtures import Mailbox, jwt, login, make_user, settle
from tests.events.helpers import create_event


async def account(client: AsyncClient, db: Database, email: str, **flags: Any) -> str:
    await make_user(db, email, **flags)
    return await login(client, email)


async def hosted_event(client: AsyncClient, db: Database, owner: str) -> tuple[str, str]:
    """An owner's token and the id of their published event."""
    token = await account(client, db, owner)
    event = await create_event(client, token, state="published")
    return token, str(event["id"])


def invite_body(
    event_id: str, email: str, role_name: str | None = None, role_id: int | None = None
) -> dict[str, Any]:
    relationships: dict[str, Any] = {"event": {"data": {"type": "event", "id": event_id}}}
    if role_id is not None:
        relationships["role"] = {"data": {"type": "role", "id": str(role_id)}}
    attributes: dict[str, Any] = {"email": email}
    if role_name is not None:
        attributes["role-name"] = role_name
    return {
        "data": {"type": "role-invite", "attributes": attributes, "relationships": relationships}
    }


async def send_invite(
    client: AsyncClient, token: str, event_id: str, email: str, role: str
) -> Response:
    return await client.post(
        "/v1/role-invites", json=invite_body(event_id, email, role), headers=jwt(token)
    )


async def mailed_token(mailbox: Mailbox, email: str) -> str:
    """The token of the latest invite mail to `email`, from its accept link."""
    await settle()
    messages = mailbox.to(email)
    assert messages, f"no mail to {email}"
    text = Mailbox.text(messages[-1])
    match = re.search(r"/role-invites\?token=([A-Za-z0-9_-]+)", text)
    assert match, text
    return match.group(1)


def token_body(token: str) -> dict[str, Any]:
    return {"data": {"token": token}}


async def accept(client: AsyncClient, user_token: str | None, token: str) -> Response:
    headers = jwt(user_token) if user_token else {}
    return await client.post(
        "/v1/role_invites/accept-invite", json=token_body(token), headers=headers
    )


async def holder(
    client: AsyncClient,
    db: Database,
    mailbox: Mailbox,
    owner_token: str,
    event_id: str,
    email: str,
    role: str,
) -> str:
    """An account that was invited to `role` on the event and accepted; its token."""
    sent = await send_invite(client, owner_token, event_id, email, role)
    assert sent.status_code == 201, sent.text
    user_token = await account(client, db, email)
    accepted = await accept(client, user_token, await mailed_token(mailbox, email))
    assert accepted.status_code == 200, accepted.text
    return user_token


async def roles_held(db: Database, event_id: str) -> set[tuple[str, str]]:
    """(user e-mail, role name) of every grant on the event."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(User.email, Role.name)
            .join(UsersEventsRoles, UsersEventsRoles.user_id == User.id)
            .join(Role, Role.id == UsersEventsRoles.role_id)
            .where(UsersEventsRoles.event_id == int(event_id))
        )
        return {(email, name) for email, name in rows}


async def invites(db: Database, event_id: str) -> list[tuple[str, str, str]]:
    """(email, role name, status) of the event's invites, oldest first."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(RoleInvite.email, RoleInvite.role_name, RoleInvite.status)
            .where(RoleInvite.event_id == int(event_id))
            .order_by(RoleInvite.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def count_invites(db: Database) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(RoleInvite)) or 0)


async def grant_ids(client, token: str, event_id: str) -> dict[str, str]:
    """role name -> grant id, as the event's organizers see them."""
    listed = await client.get(
        f"/v1/events/{event_id}/users-events-roles?include=role", headers=jwt(token)
    )
    assert listed.status_code == 200, listed.text
    names = {i["id"]: i["attributes"]["name"] for i in listed.json()["included"]}
    return {names[g["relationships"]["role"]["data"]["id"]]: g["id"] for g in listed.json()["data"]}
