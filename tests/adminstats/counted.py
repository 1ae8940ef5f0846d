"""A platform with something of everything to count, and the counts computed from the stored
rows in Python, apart from the app's SQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.db import Database
from hallway.events.models import Event
from hallway.groups.models import Group, UserFollowGroup
from hallway.mail.models import MailStatus, OutboxMail, SentMail
from hallway.orders.models import Attendee
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.models import Session
from hallway.users.models import User
from tests.seeding import accounts, events, follows, seed

NOW = datetime.now(UTC)
# how long ago each mail of the `mails` log was sent
MAIL_AGES = [timedelta(hours=2), timedelta(days=2), timedelta(days=5), timedelta(days=20)]
MAIL_AGES += [timedelta(days=40)]
# outbox rows (None: still waiting): the statistics count the log, not these
OUTBOX_AGES = [timedelta(hours=1), timedelta(hours=3), timedelta(days=6), None]
SESSION_STATES = ["draft", "pending", "pending", "rejected", "confirmed", "withdrawn"]


def _sent(age: timedelta) -> SentMail:
    return SentMail(
        recipient="someone@example.com",
        time=NOW - age,
        action="test",
        subject="Hello",
        message="<p>Hello</p>",
    )


def _outbox(age: timedelta | None) -> OutboxMail:
    return OutboxMail(
        recipient="someone@example.com",
        subject="Hello",
        template="test",
        context={},
        attachments=[],
        status=MailStatus.PENDING if age is None else MailStatus.SENT,
        next_attempt_at=NOW,
        created_at=NOW - (age or timedelta(0)),
        sent_at=None if age is None else NOW - age,
    )


async def build(session: AsyncSession, n: int) -> None:
    rows = await events(session, n)
    # one draft upcoming, one past, one deleted; the rest published and upcoming
    await session.execute(update(Event).where(Event.id == rows[0].id).values(state="draft"))
    await session.execute(
        update(Event)
        .where(Event.id == rows[1].id)
        .values(starts_at=NOW - timedelta(days=9), ends_at=NOW - timedelta(days=8))
    )
    await session.execute(update(Event).where(Event.id == rows[2].id).values(deleted_at=NOW))
    await session.execute(update(Event).where(Event.id == rows[3].id).values(group_id=None))
    people = await accounts(session, 4)
    await session.execute(
        update(User).where(User.id == people[0].id).values(is_super_admin=True, is_admin=True)
    )
    await session.execute(update(User).where(User.id == people[1].id).values(is_admin=True))
    await session.execute(update(User).where(User.id == people[2].id).values(is_verified=False))
    await session.execute(update(User).where(User.id == people[3].id).values(deleted_at=NOW))
    first = rows[0]
    host = await session.scalar(
        select(Session.creator_id).where(Session.event_id == first.id).limit(1)
    )
    session.add_all(
        Session(title=f"Talk {state}", state=state, event_id=first.id, creator_id=host)
        for state in SESSION_STATES
    )
    session.add_all(_sent(age) for age in MAIL_AGES)
    session.add_all(_outbox(age) for age in OUTBOX_AGES)
    their_groups = list(await session.scalars(select(Group)))
    await follows(session, [(p, g) for p in people[:2] for g in their_groups[:2]])
    await session.flush()


async def make_counted(db: Database, n: int = 5) -> None:
    await seed(db, build, n)


async def expected(db: Database) -> dict[str, dict[str, int]]:
    now = datetime.now(UTC)
    async with db.sessions() as session:
        all_events = list(await session.scalars(select(Event)))
        sessions = [s for s in await session.scalars(select(Session)) if s.deleted_at is None]
        users = [u for u in await session.scalars(select(User)) if u.deleted_at is None]
        grants = (
            await session.execute(
                select(UsersEventsRoles.user_id, Role.name).join(
                    Role, Role.id == UsersEventsRoles.role_id
                )
            )
        ).all()
        attendees = [a for a in await session.scalars(select(Attendee)) if a.deleted_at is None]
        mails = list(await session.scalars(select(SentMail)))
        group_rows = [g for g in await session.scalars(select(Group)) if g.deleted_at is None]
        followers = {f.user_id for f in await session.scalars(select(UserFollowGroup))}
    live = [e for e in all_events if e.deleted_at is None]
    upcoming = [e for e in live if e.ends_at > now]
    plain = [u for u in users if not u.is_admin and not u.is_super_admin]

    def holders(role: str) -> int:
        return len({user for user, name in grants if name == role})

    def state(name: str) -> int:
        return sum(1 for s in sessions if s.state == name)

    def sent_within(days: int) -> int:
        return sum(1 for m in mails if m.time >= now - timedelta(days=days))

    return {
        "events": {
            "draft": sum(1 for e in upcoming if e.state == "draft"),
            "published": sum(1 for e in upcoming if e.state == "published"),
            "past": sum(1 for e in live if e.ends_at < now),
        },
        "sessions": {
            **{name: state(name) for name in ("draft", "accepted", "confirmed", "rejected")},
            "pending": state("pending"),
            "submitted": sum(1 for s in sessions if s.state != "draft"),
        },
        "users": {
            "super-admin": sum(1 for u in users if u.is_super_admin),
            "admin": sum(1 for u in users if u.is_admin and not u.is_super_admin),
            "verified": sum(1 for u in plain if u.is_verified),
            "unverified": sum(1 for u in plain if not u.is_verified),
            "owner": holders("owner"),
            "organizer": holders("organizer"),
            "coorganizer": holders("coorganizer"),
            "track-organizer": holders("track_organizer"),
            "attendee": len({a.email for a in attendees}),
        },
        "mails": {
            "one-day": sent_within(1),
            "three-days": sent_within(3),
            "seven-days": sent_within(7),
            "thirty-days": sent_within(30),
        },
        "groups": {
            "groups": len(group_rows),
            "group-events": sum(1 for e in live if e.group_id is not None),
            "followers": len(followers),
        },
    }
