"""Factories that fill the database with many rows of one resource type, every row with the
related rows each of its relationships can include (so that reading an include row by row
would show in a statement count).

`FACTORIES` has one entry per listable resource type; tests/test_statement_guard.py fails for a
registered list resource without one. `NESTED` seeds one parent with many children for a few
nested lists (`/v1/<parent path>/<id>/<relationship>`).
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.badges.models import BadgeFieldForm, BadgeForm
from hallway.codes.models import AccessCode, DiscountCode
from hallway.db import Database
from hallway.events.models import Event, EventCopyright
from hallway.faqs.models import Faq, FaqType
from hallway.favourites.models import UserFavouriteEvent, UserFavouriteSession
from hallway.forms.models import CustomFormOption, CustomFormTranslate, compulsory_fields
from hallway.groups.models import Group, UserFollowGroup
from hallway.invites.models import RoleInvite
from hallway.invoices.models import EventInvoice
from hallway.links.models import SocialLink
from hallway.notifications.models import Notification
from hallway.orders.models import Attendee, Order, Tag
from hallway.pages.models import Page
from hallway.payments.models import StripeAuthorization
from hallway.program.models import Microlocation, SessionType, Track, VideoStream
from hallway.roles.models import Role, UserPermission, UsersEventsRoles
from hallway.sessions.models import Feedback, Session, Speaker, SpeakerInvite, SpeakersCall
from hallway.sponsors.models import Exhibitor, Sponsor
from hallway.stations.models import Station, StationStorePax, UserCheckIn
from hallway.taxonomy.models import (
    CustomPlaceholder,
    EventLocation,
    EventSubTopic,
    EventTopic,
    EventType,
)
from hallway.tickets.models import Tax, Ticket, TicketFee, TicketTag
from hallway.users.models import User

# The roles whose holders an event names (owner, organizers, ...); a host holds all of them.
HOST_ROLES = ("owner", "organizer", "coorganizer", "track_organizer", "registrar", "moderator")
# Roles and permissions are seeded tables the shared clean-up keeps: ours carry this prefix.
PREFIX = "guard"
NO_LOGIN = "!"  # a password hash no password matches
START = datetime(2031, 1, 1, tzinfo=UTC)
_serial = itertools.count(1)


def _tags(n: int) -> list[int]:
    """n numbers never handed out before in this run: unique names, slugs and identifiers."""
    return [next(_serial) for _ in range(n)]


async def _added(session: AsyncSession, rows: Sequence[Any]) -> list[Any]:
    session.add_all(rows)
    await session.flush()
    return list(rows)


# -- building blocks ---------------------------------------------------------------------------
async def accounts(session: AsyncSession, n: int) -> list[User]:
    return await _added(
        session,
        [
            User(email=f"{PREFIX}{t}@example.com", password_hash=NO_LOGIN, is_verified=True)
            for t in _tags(n)
        ],
    )


async def sub_topics(session: AsyncSession, n: int) -> list[EventSubTopic]:
    """n topics, each with one sub-topic that has a custom placeholder."""
    tags = _tags(n)
    topics = await _added(
        session, [EventTopic(name=f"Topic {t}", slug=f"{PREFIX}-topic-{t}") for t in tags]
    )
    subs = await _added(
        session,
        [
            EventSubTopic(name=f"Sub {t}", slug=f"{PREFIX}-sub-{t}", event_topic_id=topic.id)
            for t, topic in zip(tags, topics, strict=True)
        ],
    )
    await _added(
        session,
        [
            CustomPlaceholder(
                name=f"Placeholder {sub.id}",
                original_image_url=f"https://example.com/{sub.id}.png",
                event_sub_topic_id=sub.id,
            )
            for sub in subs
        ],
    )
    return subs


async def groups(session: AsyncSession, owners: Sequence[User]) -> list[Group]:
    """A group per owner."""
    return await _added(
        session,
        [
            Group(name=f"Group {t}", user_id=o.id)
            for t, o in zip(_tags(len(owners)), owners, strict=True)
        ],
    )


async def follows(session: AsyncSession, pairs: Sequence[tuple[User, Group]]) -> None:
    await _added(session, [UserFollowGroup(user_id=u.id, group_id=g.id) for u, g in pairs])


async def events(session: AsyncSession, n: int, hosts: Sequence[User] | None = None) -> list[Event]:
    """n published events, each filed under a type, topic and sub-topic of its own, with a
    copyright, a host holding every host role on it (new accounts unless `hosts` are given;
    they take the events in turn) and a group of its host."""
    hosts = hosts or await accounts(session, n)
    tags = _tags(n)
    kinds = await _added(
        session, [EventType(name=f"Type {t}", slug=f"{PREFIX}-type-{t}") for t in tags]
    )
    subs = await sub_topics(session, n)
    hosts_in_turn = [host for host, _ in zip(itertools.cycle(hosts), range(n))]
    their_groups = await groups(session, hosts_in_turn)
    rows = await _added(
        session,
        [
            Event(
                identifier=f"g{t:07x}",
                name=f"Event {t}",
                starts_at=START + timedelta(days=i),
                ends_at=START + timedelta(days=i, hours=8),
                state="published",
                event_type_id=kind.id,
                event_topic_id=sub.event_topic_id,
                event_sub_topic_id=sub.id,
                group_id=group.id,
            )
            for i, (t, kind, sub, group) in enumerate(
                zip(tags, kinds, subs, their_groups, strict=True)
            )
        ],
    )
    await _added(session, [EventCopyright(event_id=e.id, licence="CC BY 4.0") for e in rows])
    await _added(
        session,
        [StripeAuthorization(event_id=e.id, stripe_user_id=f"acct_{e.identifier}") for e in rows],
    )
    fields = await _added(session, [field for e in rows for field in compulsory_fields(e.id)])
    await _added(session, [CustomFormOption(value="Yes", custom_form_id=f.id) for f in fields])
    await _added(
        session,
        [CustomFormTranslate(name="Nom", language_code="fr", custom_form_id=f.id) for f in fields],
    )
    await program_catalogue(session, rows)
    role_ids = dict(
        (await session.execute(select(Role.name, Role.id).where(Role.name.in_(HOST_ROLES)))).all()
    )
    await _added(
        session,
        [
            UsersEventsRoles(event_id=event.id, user_id=host.id, role_id=role_ids[role])
            for event, host in zip(rows, itertools.cycle(hosts))
            for role in HOST_ROLES
        ],
    )
    await ticket_catalogues(session, rows, hosts_in_turn)
    await session_catalogue(session, rows, hosts_in_turn)
    await station_catalogue(session, rows)
    await event_invoices(session, rows, hosts_in_turn)
    await role_invites(session, [e.id for e in rows], role_ids["organizer"])
    await badge_catalogue(session, rows)
    return rows


async def badge_catalogue(session: AsyncSession, rows: Sequence[Event]) -> None:
    """Each event has a badge form holding one field of its own."""
    forms = await _added(
        session,
        [BadgeForm(event_id=e.id, badge_id=f"badge-{e.identifier}", badge_fields=[]) for e in rows],
    )
    await _added(
        session,
        [
            BadgeFieldForm(
                badge_form_id=f.id, event_id=f.event_id, badge_id=f.badge_id, custom_field="Name"
            )
            for f in forms
        ],
    )


async def role_invites(session: AsyncSession, event_ids: Sequence[int], role_id: int) -> None:
    """A pending organizer invite per event id given (repeat an id for several)."""
    await _added(
        session,
        [
            RoleInvite(
                email=f"{PREFIX}-invitee-{next(_serial)}@example.com",
                role_name="organizer",
                role_id=role_id,
                event_id=event_id,
                token_digest=f"{PREFIX}-{next(_serial)}",
            )
            for event_id in event_ids
        ],
    )


async def program_catalogue(session: AsyncSession, rows: Sequence[Event]) -> None:
    """One of each part of the program catalogue per event: a track, a session type, a video
    stream shown in a room, a FAQ filed under a type, a sponsor, an accepted exhibitor and a
    social link."""
    streams = await _added(
        session,
        [VideoStream(name="Live", url="https://stream.example", event_id=e.id) for e in rows],
    )
    types = await _added(session, [FaqType(name="General", event_id=e.id) for e in rows])
    parts: list[Any] = []
    for event, stream, kind in zip(rows, streams, types, strict=True):
        parts += [
            Track(name="Main", color="#a04b4b", event_id=event.id),
            SessionType(name="Talk", length="00:30", event_id=event.id),
            Microlocation(name="Hall", event_id=event.id, video_stream_id=stream.id),
            Faq(question="Q?", answer="A.", event_id=event.id, faq_type_id=kind.id),
            Sponsor(name="Sponsor", event_id=event.id),
            Exhibitor(name="Exhibitor", status="accepted", event_id=event.id),
            SocialLink(name="Website", link="https://example.com", event_id=event.id),
        ]
    await _added(session, parts)


async def session_catalogue(
    session: AsyncSession, rows: Sequence[Event], hosts: Sequence[User]
) -> None:
    """Each event gets an open call for speakers and an accepted session of its host's, in
    its track, room and session type, presented by its exhibitor, with the host's speaker
    profile, an invite to a co-speaker, the host's feedback, and the host's favourites of the
    event and session."""
    await _added(
        session,
        [
            SpeakersCall(starts_at=START, ends_at=START + timedelta(days=30), event_id=e.id)
            for e in rows
        ],
    )
    talks = []
    for event, host in zip(rows, hosts, strict=True):
        parts = {
            type(part): part
            for model in (Track, Microlocation, SessionType, Exhibitor)
            for part in await session.scalars(select(model).where(model.event_id == event.id))
        }
        profile = Speaker(name="Speaker", email=host.email, event_id=event.id, user_id=host.id)
        talks.append(
            Session(
                title="Talk",
                state="accepted",
                event_id=event.id,
                creator_id=host.id,
                track_id=parts[Track].id,
                microlocation_id=parts[Microlocation].id,
                session_type_id=parts[SessionType].id,
                speakers=[profile],
                exhibitors=[parts[Exhibitor]],
            )
        )
    await _added(session, talks)
    await _added(
        session,
        [
            SpeakerInvite(email="guest@example.com", session_id=t.id, event_id=t.event_id)
            for t in talks
        ],
    )
    await _added(
        session,
        [
            Feedback(rating=4.5, session_id=t.id, event_id=t.event_id, user_id=host.id)
            for t, host in zip(talks, hosts, strict=True)
        ],
    )
    favourites: list[Any] = []
    for talk, host in zip(talks, hosts, strict=True):
        favourites += [
            UserFavouriteEvent(user_id=host.id, event_id=talk.event_id),
            UserFavouriteSession(user_id=host.id, session_id=talk.id),
        ]
    await _added(session, favourites)


async def station_catalogue(session: AsyncSession, rows: Sequence[Event]) -> None:
    """Each event's room has a door station where its attendee was checked in to its session,
    with a head count for that session."""
    talks = {
        talk.event_id: talk
        for talk in await session.scalars(
            select(Session).where(Session.event_id.in_([e.id for e in rows]))
        )
    }
    holders = {
        a.event_id: a
        for a in await session.scalars(
            select(Attendee).where(Attendee.event_id.in_([e.id for e in rows]))
        )
    }
    doors = await _added(
        session,
        [
            Station(
                station_name="Door",
                station_type="check in",
                event_id=e.id,
                microlocation_id=talks[e.id].microlocation_id,
            )
            for e in rows
        ],
    )
    await _added(
        session,
        [
            UserCheckIn(
                event_id=door.event_id,
                station_id=door.id,
                ticket_holder_id=holders[door.event_id].id,
                session_id=talks[door.event_id].id,
                station_type="check in",
                message="Attendee check in successful.",
                day="2031-01-01",
            )
            for door in doors
        ],
    )
    await _added(
        session,
        [
            StationStorePax(
                event_id=door.event_id,
                station_id=door.id,
                session_id=talks[door.event_id].id,
                current_pax=5,
            )
            for door in doors
        ],
    )


async def event_invoices(
    session: AsyncSession, rows: Sequence[Event], hosts: Sequence[User]
) -> None:
    """Each event's host has been billed for a month of its sales, with the event's code."""
    codes = {
        code.event_id: code.id
        for code in await session.scalars(
            select(DiscountCode).where(DiscountCode.event_id.in_([e.id for e in rows]))
        )
    }
    await _added(
        session,
        [
            EventInvoice(
                identifier=f"203012U-{t:06d}",
                month="2030-12",
                amount=12,
                due_at=START,
                event_id=e.id,
                user_id=host.id,
                discount_code_id=codes[e.id],
            )
            for e, host, t in zip(rows, hosts, _tags(len(rows)), strict=True)
        ],
    )


async def ticket_catalogues(
    session: AsyncSession, rows: Sequence[Event], hosts: Sequence[User]
) -> None:
    """Each event gets a ticket with a tag, a tax, and a discount and an access code for the
    ticket with its host as marketer."""
    tickets = await _added(
        session,
        [
            Ticket(
                name="Entry",
                type="paid",
                price=10,
                sales_starts_at=event.starts_at - timedelta(days=30),
                sales_ends_at=event.starts_at,
                event_id=event.id,
            )
            for event in rows
        ],
    )
    for ticket in tickets:
        session.add(TicketTag(name="Main", event_id=ticket.event_id, tickets=[ticket]))
        session.add(Tax(name="VAT", rate=20, event_id=ticket.event_id))
    await _added(
        session,
        [
            code
            for ticket, host in zip(tickets, hosts, strict=True)
            for code in (
                DiscountCode(
                    code=f"SAVE{ticket.id}",
                    type="percent",
                    value=10,
                    event_id=ticket.event_id,
                    marketer_id=host.id,
                    tickets=[ticket],
                ),
                AccessCode(
                    code=f"OPEN{ticket.id}",
                    event_id=ticket.event_id,
                    marketer_id=host.id,
                    tickets=[ticket],
                ),
            )
        ],
    )
    await orders(session, tickets, hosts)


async def orders(session: AsyncSession, tickets: Sequence[Ticket], hosts: Sequence[User]) -> None:
    """Each ticket's host buys one with the event's codes: an order with one attendee."""
    event_ids = [ticket.event_id for ticket in tickets]
    codes = {
        code.event_id: code
        for code in await session.scalars(
            select(DiscountCode).where(DiscountCode.event_id.in_(event_ids))
        )
    }
    passes = {
        code.event_id: code
        for code in await session.scalars(
            select(AccessCode).where(AccessCode.event_id.in_(event_ids))
        )
    }
    made = await _added(
        session,
        [
            Order(
                amount=9,
                status="completed",
                event_id=ticket.event_id,
                user_id=host.id,
                marketer_id=host.id,
                discount_code_id=codes[ticket.event_id].id,
                access_code_id=passes[ticket.event_id].id,
                quantity=1,
            )
            for ticket, host in zip(tickets, hosts, strict=True)
        ],
    )
    tags = await _added(session, [Tag(name="VIP", event_id=t.event_id) for t in tickets])
    await _added(
        session,
        [
            Attendee(
                tag_id=tag.id,
                firstname="Ada",
                lastname="Lovelace",
                email="ada@example.com",
                ticket_id=ticket.id,
                order_id=order.id,
                event_id=order.event_id,
                user_id=order.user_id,
            )
            for ticket, order, tag in zip(tickets, made, tags, strict=True)
        ],
    )


# -- one factory per listable resource type ----------------------------------------------------
async def users(session: AsyncSession, n: int) -> None:
    """Accounts that host an event each (every role), own its group and follow it, and have a
    notification."""
    people = await accounts(session, n)
    rows = await events(session, n, hosts=people)
    owned = await session.scalars(select(Group).where(Group.id.in_([e.group_id for e in rows])))
    by_owner = {group.user_id: group for group in owned}
    await follows(session, [(p, by_owner[p.id]) for p in people])
    await _added(session, [Notification(user_id=p.id, title="Hello") for p in people])


async def notifications(session: AsyncSession, n: int) -> None:
    people = await accounts(session, n)
    await _added(session, [Notification(user_id=p.id, title="Hello") for p in people])


async def roles(session: AsyncSession, n: int) -> None:
    await _added(session, [Role(name=f"{PREFIX}_role_{t}", title_name="R") for t in _tags(n)])


async def user_permissions(session: AsyncSession, n: int) -> None:
    await _added(session, [UserPermission(name=f"{PREFIX}-permission-{t}") for t in _tags(n)])


async def event_locations(session: AsyncSession, n: int) -> None:
    await _added(
        session,
        [EventLocation(name=f"City {t}", slug=f"{PREFIX}-city-{t}") for t in _tags(n)],
    )


async def with_events(session: AsyncSession, n: int) -> None:
    """n events: n of each taxonomy row, copyright, group and host (six grants each) besides."""
    await events(session, n)


async def with_followed_groups(session: AsyncSession, n: int) -> None:
    """n groups, each with its owner, an event and a follower (n follows)."""
    rows = await events(session, n)
    people = await accounts(session, n)
    found = await session.scalars(select(Group).where(Group.id.in_([e.group_id for e in rows])))
    await follows(session, list(zip(people, found, strict=True)))


async def pages(session: AsyncSession, n: int) -> None:
    await _added(
        session, [Page(name=f"Page {t}", url=f"{PREFIX}-{t}", place="footer") for t in _tags(n)]
    )


async def ticket_fees(session: AsyncSession, n: int) -> None:
    await _added(session, [TicketFee(currency="EUR", country=f"Land {t}") for t in _tags(n)])


Seed = Callable[[AsyncSession, int], Awaitable[Any]]


@dataclass(frozen=True)
class Factory:
    seed: Seed
    public: bool  # anonymous callers list every seeded row too


# Every event brings a row of each taxonomy type, a placeholder, a copyright and six grants of
# its own, so `with_events` seeds n related-rich rows of each of those types.
FACTORIES: dict[str, Factory] = {
    "user": Factory(users, public=False),
    "notification": Factory(notifications, public=False),
    "role": Factory(roles, public=True),
    "user-permission": Factory(user_permissions, public=True),
    "event": Factory(with_events, public=True),
    "event-copyright": Factory(with_events, public=True),
    "users-events-roles": Factory(with_events, public=False),
    "event-type": Factory(with_events, public=True),
    "event-topic": Factory(with_events, public=True),
    "event-sub-topic": Factory(with_events, public=True),
    "event-location": Factory(event_locations, public=True),
    "custom-placeholder": Factory(with_events, public=True),
    "group": Factory(with_followed_groups, public=True),
    "user-follow-group": Factory(with_followed_groups, public=False),
    "page": Factory(pages, public=True),
    "order-statistics-event": Factory(with_events, public=False),
    "event-statistics-general": Factory(with_events, public=False),
    "order-statistics-ticket": Factory(with_events, public=False),  # every event has a ticket
    **{
        type_: Factory(with_events, public=True)
        for type_ in (
            "track",
            "microlocation",
            "session-type",
            "video-stream",
            "faq",
            "faq-type",
            "sponsor",
            "exhibitor",
            "social-link",
            "session",
            "speaker",
            "speakers-call",
        )
    },
    # Every event has a ticket with a tag, a tax and a discount and an access code.
    "ticket": Factory(with_events, public=True),
    "ticket-tag": Factory(with_events, public=True),
    "tax": Factory(with_events, public=True),
    "discount-code": Factory(with_events, public=False),
    "access-code": Factory(with_events, public=False),
    "ticket-fee": Factory(ticket_fees, public=False),
    # Every event has its compulsory attendee fields.
    "custom-form": Factory(with_events, public=True),
    "custom-form-option": Factory(with_events, public=True),
    "custom-form-translate": Factory(with_events, public=True),
    # Every event's host has bought its ticket: an order with one attendee.
    "order": Factory(with_events, public=False),
    "attendee": Factory(with_events, public=False),
    "tag": Factory(with_events, public=False),
    # Every event is linked to a Stripe account.
    "stripe-authorization": Factory(with_events, public=False),
    # Every event has a pending organizer invite.
    "role-invite": Factory(with_events, public=False),
    # Every event's session has an invite to a co-speaker.
    "speaker-invite": Factory(with_events, public=False),
    # Every event's session has its host's feedback.
    "feedback": Factory(with_events, public=False),
    # Every event's room has a door station, its attendee's check-in there and a head count.
    "station": Factory(with_events, public=False),
    "user_check_in": Factory(with_events, public=False),
    "station-store-pax": Factory(with_events, public=False),
    # Every event's host has an invoice for it.
    "event-invoice": Factory(with_events, public=False),
    # Every event's host favourites it and its session.
    "user-favourite-event": Factory(with_events, public=False),
    "user-favourite-session": Factory(with_events, public=False),
}


async def seed(db: Database, make: Seed, n: int) -> Any:
    async with db.sessions() as session, session.begin():
        return await make(session, n)


async def forget_seeded_extras(db: Database) -> None:
    """Remove our rows from the tables the shared clean-up keeps (roles, permissions)."""
    async with db.sessions() as session, session.begin():
        await session.execute(
            delete(Role).where(Role.name.startswith(f"{PREFIX}_", autoescape=True))
        )
        await session.execute(
            delete(UserPermission).where(
                UserPermission.name.startswith(f"{PREFIX}-", autoescape=True)
            )
        )
