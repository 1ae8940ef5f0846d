"""The real app (tests.appfixtures) with its SMTP server, and who the mail tests need: an admin,
a plain user, an organizer (owner of an event) and an unverified account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select

from hallway.db import Database
from hallway.mail.models import MessageSetting, OutboxMail, SentMail
from tests.appfixtures import app, client, jwt, login, mailbox, make_user, settings, smtp  # noqa: F401
from tests.events.helpers import create_event

ANONYMOUS = {"Content-Type": "application/vnd.api+json"}


@dataclass
class People:
    admin: dict[str, str]
    user: dict[str, str]
    organizer: dict[str, str]
    user_id: int
    organizer_id: int
    event_id: str


async def people(http: AsyncClient, db: Database) -> People:
    await make_user(db, "root@example.com", is_admin=True)
    ann = await make_user(db, "ann@example.com")
    olga = await make_user(db, "olga@example.com")
    organizer_token = await login(http, "olga@example.com")
    event = await create_event(http, organizer_token, "MailConf", state="published", online=True)
    return People(
        admin=jwt(await login(http, "root@example.com")),
        user=jwt(await login(http, "ann@example.com")),
        organizer=jwt(organizer_token),
        user_id=ann.id,
        organizer_id=olga.id,
        event_id=event["id"],
    )


async def ask_verification(http: AsyncClient, email: str) -> None:
    """A mail through the outbox: the verification mail of an unverified account."""
    response = await http.post(
        "/v1/auth/resend-verification-email", json={"data": {"email": email}}
    )
    assert response.status_code == 200, response.text


async def rows(db: Database, model: Any) -> list[Any]:
    async with db.sessions() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def sent_log(db: Database) -> list[SentMail]:
    return await rows(db, SentMail)


async def outbox_rows(db: Database) -> list[OutboxMail]:
    return await rows(db, OutboxMail)


async def message_setting(db: Database, action: str) -> MessageSetting:
    async with db.sessions() as session:
        found = await session.scalar(select(MessageSetting).where(MessageSetting.action == action))
    assert found is not None
    return found
