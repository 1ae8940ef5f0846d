"""The admin dashboard's counts, each set one read-only object (id 1) mapped onto one SELECT
of scalar subqueries, so a set costs one statement whatever the tables hold.

Moments ("past", "the last 7 days") are bound when the statement runs, from the clock of the
process (`now_param`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, bindparam, distinct, func, literal
from sqlalchemy import select as sql_select
from sqlalchemy.sql import Subquery

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event
from hallway.groups.models import Group, UserFollowGroup
from hallway.mail.models import SentMail
from hallway.orders.models import Attendee
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.models import Session
from hallway.users.models import User

SINGLETON_ID = 1
# Every session past its draft counts as submitted (as on an event's dashboard).
SUBMITTED = ("pending", "accepted", "confirmed", "rejected", "canceled", "withdrawn")
SESSION_STATES = ("draft", "accepted", "confirmed", "rejected", "pending")
MAIL_WINDOWS = {"one_day": 1, "three_days": 3, "seven_days": 7, "thirty_days": 30}
EVENT_ROLES = {
    "owner": "owner",
    "organizer": "organizer",
    "coorganizer": "coorganizer",
    "track_organizer": "track_organizer",
}


def now_param(name: str, days_ago: int = 0) -> Any:
    """The moment `days_ago` days before the statement runs."""

    def moment() -> datetime:
        return datetime.now(UTC) - timedelta(days=days_ago)

    return bindparam(name, callable_=moment, type_=UTCDateTime)


def _count(what: Any, *where: ColumnElement[bool]) -> Any:
    return sql_select(func.count(what)).where(*where).scalar_subquery()


def _one_row(**counts: Any) -> Subquery:
    statement: Select[Any] = sql_select(
        literal(SINGLETON_ID, Integer).label("id"),
        *(value.label(name) for name, value in counts.items()),
    )
    return statement.subquery()


def _events() -> Subquery:
    live = Event.deleted_at.is_(None)
    upcoming = and_(live, Event.ends_at > now_param("events_now"))
    return _one_row(
        draft=_count(Event.id, upcoming, Event.state == "draft"),
        published=_count(Event.id, upcoming, Event.state == "published"),
        past=_count(Event.id, live, Event.ends_at < now_param("events_past")),
    )


def _sessions() -> Subquery:
    live = Session.deleted_at.is_(None)
    counts = {state: _count(Session.id, live, Session.state == state) for state in SESSION_STATES}
    counts["submitted"] = _count(Session.id, live, Session.state.in_(SUBMITTED))
    return _one_row(**counts)


def _holders(role: str) -> Any:
    return _count(
        distinct(UsersEventsRoles.user_id),
        UsersEventsRoles.role_id == sql_select(Role.id).where(Role.name == role).scalar_subquery(),
    )


def _users() -> Subquery:
    live = User.deleted_at.is_(None)
    plain = and_(live, User.is_admin.is_(False), User.is_super_admin.is_(False))
    return _one_row(
        super_admin=_count(User.id, live, User.is_super_admin.is_(True)),
        admin=_count(User.id, live, User.is_admin.is_(True), User.is_super_admin.is_(False)),
        verified=_count(User.id, plain, User.is_verified.is_(True)),
        unverified=_count(User.id, plain, User.is_verified.is_(False)),
        **{name: _holders(role) for name, role in EVENT_ROLES.items()},
        attendee=_count(distinct(Attendee.email), Attendee.deleted_at.is_(None)),
    )


def _mails() -> Subquery:
    """Mails sent (rows of the `mails` log) in each window up to now."""
    return _one_row(
        **{
            name: _count(SentMail.id, SentMail.time >= now_param(name, days))
            for name, days in MAIL_WINDOWS.items()
        }
    )


def _groups() -> Subquery:
    return _one_row(
        groups=_count(Group.id, Group.deleted_at.is_(None)),
        group_events=_count(Event.id, Event.deleted_at.is_(None), Event.group_id.is_not(None)),
        followers=_count(distinct(UserFollowGroup.user_id)),
    )


_event_counts = _events()
_session_counts = _sessions()
_user_counts = _users()
_mail_counts = _mails()
_group_counts = _groups()


class AdminEventStatistics(Base):
    __table__ = _event_counts
    __mapper_args__ = {"primary_key": [_event_counts.c.id]}


class AdminSessionStatistics(Base):
    __table__ = _session_counts
    __mapper_args__ = {"primary_key": [_session_counts.c.id]}


class AdminUserStatistics(Base):
    __table__ = _user_counts
    __mapper_args__ = {"primary_key": [_user_counts.c.id]}


class AdminMailStatistics(Base):
    __table__ = _mail_counts
    __mapper_args__ = {"primary_key": [_mail_counts.c.id]}


class AdminGroupStatistics(Base):
    __table__ = _group_counts
    __mapper_args__ = {"primary_key": [_group_counts.c.id]}


COUNTED = {
    "event": (AdminEventStatistics, ("draft", "published", "past")),
    "session": (AdminSessionStatistics, (*SESSION_STATES, "submitted")),
    "user": (
        AdminUserStatistics,
        ("super_admin", "admin", "verified", "unverified", *EVENT_ROLES, "attendee"),
    ),
    "mail": (AdminMailStatistics, tuple(MAIL_WINDOWS)),
    "group": (AdminGroupStatistics, ("groups", "group_events", "followers")),
}
