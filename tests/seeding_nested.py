"""Statement-guard seeds of one parent with n children, for the nested list URLs."""

from __future__ import annotations

from sqlalchemy import String, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.events.models import Event
from hallway.faqs.models import Faq, FaqType
from hallway.favourites.models import UserFavouriteSession
from hallway.groups.models import Group
from hallway.notifications.models import Notification
from hallway.program.models import Track
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.models import Session
from hallway.taxonomy.models import EventSubTopic
from hallway.tickets.models import Ticket
from tests.seeding import Seed, _added, _tags, accounts, events, follows, role_invites


async def notifications_of_one_user(session: AsyncSession, n: int) -> int:
    [person] = await accounts(session, 1)
    await _added(session, [Notification(user_id=person.id, title="Hi") for _ in range(n)])
    return person.id


async def events_of_one_host(session: AsyncSession, n: int) -> int:
    [host] = await accounts(session, 1)
    await events(session, n, hosts=[host])
    return host.id


async def grants_on_one_event(session: AsyncSession, n: int) -> int:
    """One event with its host's six grants, and n attendees."""
    [event] = await events(session, 1)
    attendee = await session.scalar(select(Role.id).where(Role.name == "attendee"))
    people = await accounts(session, n)
    await _added(
        session,
        [UsersEventsRoles(event_id=event.id, user_id=p.id, role_id=attendee) for p in people],
    )
    return event.id


async def events_of_one_type(session: AsyncSession, n: int) -> int:
    rows = await events(session, n)
    kind = rows[0].event_type_id
    await session.execute(
        update(Event).where(Event.id.in_([e.id for e in rows])).values(event_type_id=kind)
    )
    return kind


async def sub_topics_of_one_topic(session: AsyncSession, n: int) -> int:
    rows = await events(session, n)
    topic = rows[0].event_topic_id
    subs = [e.event_sub_topic_id for e in rows]
    await session.execute(
        update(EventSubTopic).where(EventSubTopic.id.in_(subs)).values(event_topic_id=topic)
    )
    await session.execute(
        update(Event).where(Event.id.in_([e.id for e in rows])).values(event_topic_id=topic)
    )
    return topic


async def followers_of_one_group(session: AsyncSession, n: int) -> int:
    [event] = await events(session, 1)
    group = await session.get(Group, event.group_id)
    assert group is not None
    await follows(session, [(p, group) for p in await accounts(session, n)])
    return group.id


async def groups_one_user_follows(session: AsyncSession, n: int) -> int:
    rows = await events(session, n)
    [fan] = await accounts(session, 1)
    found = await session.scalars(select(Group).where(Group.id.in_([e.group_id for e in rows])))
    await follows(session, [(fan, group) for group in found])
    return fan.id


async def events_of_one_group(session: AsyncSession, n: int) -> int:
    rows = await events(session, n)
    group = rows[0].group_id
    assert group is not None
    await session.execute(
        update(Event).where(Event.id.in_([e.id for e in rows])).values(group_id=group)
    )
    return group


async def tracks_of_one_event(session: AsyncSession, n: int) -> int:
    [event] = await events(session, 1)
    tracks = await _added(
        session, [Track(name=f"Track {t}", color="#123456", event_id=event.id) for t in _tags(n)]
    )
    await _added(
        session,
        [Session(title="Talk", state="accepted", event_id=event.id, track_id=t.id) for t in tracks],
    )
    return event.id


async def faqs_of_one_type(session: AsyncSession, n: int) -> int:
    [event] = await events(session, 1)
    [kind] = await _added(session, [FaqType(name="Many", event_id=event.id)])
    await _added(
        session,
        [Faq(question="Q?", answer="A.", event_id=event.id, faq_type_id=kind.id) for _ in range(n)],
    )
    return kind.id


async def tickets_of_one_event(session: AsyncSession, n: int) -> int:
    """One event with n tickets (every event comes with one), each with a tag and codes."""
    rows = await events(session, n)
    event = rows[0].id
    await session.execute(
        update(Ticket)
        .where(Ticket.event_id.in_([e.id for e in rows]))
        .values(event_id=event, name=Ticket.name + " " + Ticket.id.cast(String))
    )
    return event


async def invites_of_one_event(session: AsyncSession, n: int) -> int:
    """One event with n pending invites (its own one and n - 1 more)."""
    [event] = await events(session, 1)
    organizer = await session.scalar(select(Role.id).where(Role.name == "organizer"))
    assert organizer is not None
    await role_invites(session, [event.id] * (n - 1), organizer)
    return event.id


async def favourites_of_one_event(session: AsyncSession, n: int) -> int:
    """One event with n accepted sessions, each favoured by someone."""
    [event] = await events(session, 1)
    talks = await _added(
        session, [Session(title="Talk", state="accepted", event_id=event.id) for _ in range(n)]
    )
    fans = await accounts(session, n)
    await _added(
        session,
        [
            UserFavouriteSession(user_id=fan.id, session_id=talk.id)
            for fan, talk in zip(fans, talks, strict=True)
        ],
    )
    return event.id


# (parent type, relationship) -> seeds the parent and its children; returns the parent's id.
NESTED: dict[tuple[str, str], Seed] = {
    ("user", "notifications"): notifications_of_one_user,
    ("user", "events"): events_of_one_host,
    ("event", "roles"): grants_on_one_event,
    ("event-type", "events"): events_of_one_type,
    ("event-topic", "event-sub-topics"): sub_topics_of_one_topic,
    ("group", "followers"): followers_of_one_group,
    ("group", "events"): events_of_one_group,
    ("user", "followed-groups"): groups_one_user_follows,
    ("event", "tracks"): tracks_of_one_event,
    ("faq-type", "faqs"): faqs_of_one_type,
    ("event", "tickets"): tickets_of_one_event,
    ("event", "role-invites"): invites_of_one_event,
    ("event", "session-favourites"): favourites_of_one_event,
}
