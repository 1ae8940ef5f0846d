"""Statement-guard seeds of the mail administration lists: n rows, each with its related rows."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.mail.models import MessageSetting, SentMail
from hallway.mailadmin.models import EmailNotification
from hallway.users.alternates import UserEmail
from hallway.users.models import User
from tests import seeding
from tests.seeding import PREFIX, Factory, _added, _tags, accounts, events


async def sent_mails(session: AsyncSession, n: int) -> None:
    moment = datetime(2031, 1, 1, tzinfo=UTC)
    await _added(
        session,
        [
            SentMail(
                recipient=f"{PREFIX}{t}@example.com",
                time=moment,
                action="verify_email",
                subject="Hi",
                message="<p>Hi</p>",
            )
            for t in _tags(n)
        ],
    )


async def message_settings(session: AsyncSession, n: int) -> None:
    await _added(session, [MessageSetting(action=f"{PREFIX}_{t}", enabled=True) for t in _tags(n)])


async def email_notifications(session: AsyncSession, n: int) -> None:
    """n users' preferences, each for an event of its own."""
    rows = await events(session, n)
    people = await accounts(session, n)
    await _added(
        session,
        [EmailNotification(user_id=p.id, event_id=e.id) for p, e in zip(people, rows, strict=True)],
    )


async def user_emails(session: AsyncSession, n: int) -> None:
    people = await accounts(session, n)
    await _added(
        session,
        [UserEmail(user_id=p.id, email_address=f"alt-{p.email}", type="work") for p in people],
    )


async def email_notifications_of_one_user(session: AsyncSession, n: int) -> int:
    [person] = await accounts(session, 1)
    rows = await events(session, n)
    await _added(session, [EmailNotification(user_id=person.id, event_id=e.id) for e in rows])
    return person.id


async def alternates_of_one_user(session: AsyncSession, n: int) -> int:
    [person] = await accounts(session, 1)
    await _added(
        session,
        [
            UserEmail(user_id=person.id, email_address=f"{PREFIX}-alt{t}@example.com", type="home")
            for t in _tags(n)
        ],
    )
    return person.id


async def users_with_mail_preferences(session: AsyncSession, n: int) -> None:
    """The accounts of `tests.seeding.users`, each also with an alternate address and e-mail
    preferences."""
    before = set(await session.scalars(select(User.id)))
    await seeding.users(session, n)
    people = [p for p in await session.scalars(select(User)) if p.id not in before]
    await _added(
        session,
        [UserEmail(user_id=p.id, email_address=f"alt-{p.email}", type="work") for p in people]
        + [EmailNotification(user_id=p.id) for p in people],
    )


FACTORIES: dict[str, Factory] = {
    "user": Factory(users_with_mail_preferences, public=False),
    "mail": Factory(sent_mails, public=False),
    "message-setting": Factory(message_settings, public=False),
    "email-notification": Factory(email_notifications, public=False),
    "user-email": Factory(user_emails, public=False),
}

NESTED = {
    ("user", "email-notifications"): email_notifications_of_one_user,
    ("user", "alternate-emails"): alternates_of_one_user,
}
