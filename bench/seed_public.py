"""Fill a freshly migrated bench database with one published conference as the public event
page shows it: 200 accepted or confirmed sessions (scheduled in 8 rooms over 3 days, in 10
tracks, of 5 session types, 1-2 speakers each) and 40 in other states, 150 speakers (12
featured), 10 sponsors, 6 social links, an open call for speakers, the event's custom forms,
and a group with followers. Text fields are filled at the length a real program has.

DATABASE_URL=... uv run python bench/seed_public.py   # prints the event's identifier
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from datetime import UTC, datetime, timedelta

from seed_events import IMAGE, _event, _words
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import normalize_database_url
from hallway.db import Database
from hallway.demo import seed_taxonomy
from hallway.events.models import Event
from hallway.forms.models import compulsory_fields
from hallway.groups.models import Group, UserFollowGroup
from hallway.links.models import SocialLink
from hallway.program.models import Microlocation, SessionType, Track
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.demo import cfs_forms
from hallway.sessions.models import Session, Speaker, SpeakersCall
from hallway.sponsors.models import Sponsor
from hallway.users.models import User

UNUSABLE_HASH = "!"  # no password verifies against it
SESSIONS, OTHERS, SPEAKERS, FEATURED = 200, 40, 150, 12
ROOMS, TRACKS, KINDS, SPONSORS, FOLLOWERS = 8, 10, 5, 10, 5
OTHER_STATES = ("pending", "rejected", "withdrawn", "canceled", "draft")
NETWORKS = ("twitter", "facebook", "github", "linkedin", "mastodon", "youtube")


Program = tuple[list[Microlocation], list[Track], list[SessionType]]


def _program(rnd: random.Random, event: Event) -> Program:
    rooms = [
        Microlocation(name=f"Room {i + 1}", room=f"R{i + 1}", floor=i % 3, position=i)
        for i in range(ROOMS)
    ]
    tracks = [
        Track(
            name=_words(rnd, 2).title(),
            description=_words(rnd, 20),
            color=f"#{rnd.randrange(0x1000000):06x}",
            position=i,
        )
        for i in range(TRACKS)
    ]
    kinds = [
        SessionType(name=f"Type {i + 1}", length=f"00:{15 * (i % 4 + 1):02d}", position=i)
        for i in range(KINDS)
    ]
    for row in (*rooms, *tracks, *kinds):
        row.event_id = event.id
    return rooms, tracks, kinds


def _speaker(rnd: random.Random, event: Event, index: int) -> Speaker:
    name = _words(rnd, 2).title()
    return Speaker(
        name=name,
        email=f"speaker{index}@speakers.example",
        photo_url=IMAGE,
        thumbnail_image_url=IMAGE,
        small_image_url=IMAGE,
        icon_image_url=IMAGE,
        short_biography=f"<p>{_words(rnd, 40)}</p>",
        long_biography=f"<p>{_words(rnd, 120)}</p>",
        organisation=_words(rnd, 2).title(),
        position=_words(rnd, 2).title(),
        country=rnd.choice(("Germany", "India", "Singapore", "United States")),
        city=_words(rnd, 1).title(),
        website=f"https://speaker{index}.example",
        twitter=f"https://twitter.com/speaker{index}",
        github=f"https://github.com/speaker{index}",
        is_featured=index < FEATURED,
        order=index,
        event_id=event.id,
    )


def _session(
    rnd: random.Random, event: Event, index: int, program: Program, who: list[Speaker]
) -> Session:
    rooms, tracks, kinds = program
    accepted = index < SESSIONS
    talk = Session(
        title=_words(rnd, 6).capitalize(),
        subtitle=_words(rnd, 5),
        level=rnd.choice(("Beginner", "Intermediate", "Advanced")),
        short_abstract=f"<p>{_words(rnd, 30)}</p>",
        long_abstract=f"<p>{_words(rnd, 120)}</p>",
        language=rnd.choice(("English", "German")),
        slides_url=f"https://slides.example/{index}",
        state=("accepted", "confirmed")[index % 2] if accepted else OTHER_STATES[index % 5],
        submitted_at=event.starts_at - timedelta(days=60),
        event_id=event.id,
        track_id=tracks[index % TRACKS].id,
        session_type_id=kinds[index % KINDS].id,
        speakers=who,
    )
    if accepted:  # 8 rooms x 9 slots a day over 3 days holds the 200
        slot, room = divmod(index, ROOMS)
        day, hour = divmod(slot, 9)
        talk.starts_at = event.starts_at.replace(hour=9) + timedelta(days=day, hours=hour)
        talk.ends_at = talk.starts_at + timedelta(minutes=45)
        talk.microlocation_id = rooms[room].id
    return talk


def _surroundings(rnd: random.Random, event: Event) -> list[object]:
    sponsors = [
        Sponsor(
            name=_words(rnd, 2).title(),
            description=_words(rnd, 30),
            url=f"https://sponsor{i}.example",
            level=i % 3,
            logo_url=IMAGE,
            type=("Gold", "Silver", "Bronze")[i % 3],
            event_id=event.id,
        )
        for i in range(SPONSORS)
    ]
    links = [
        SocialLink(name=net, link=f"https://{net}.example/conference", event_id=event.id)
        for net in NETWORKS
    ]
    call = SpeakersCall(
        announcement=f"<p>{_words(rnd, 60)}</p>",
        starts_at=event.starts_at - timedelta(days=120),
        soft_ends_at=event.starts_at - timedelta(days=70),
        ends_at=event.starts_at - timedelta(days=60),
        privacy="public",
        event_id=event.id,
    )
    return [*sponsors, *links, call, *compulsory_fields(event.id), *cfs_forms(event.id)]


async def _people(session: AsyncSession, event: Event, rnd: random.Random) -> User:
    users = [
        User(email=f"user{i}@example.com", password_hash=UNUSABLE_HASH, first_name=_words(rnd, 1))
        for i in range(FOLLOWERS + 1)
    ]
    session.add_all(users)
    await session.flush()
    group = Group(name=_words(rnd, 3).title(), about=_words(rnd, 40), user_id=users[0].id)
    session.add(group)
    await session.flush()
    event.group_id = group.id
    owner = await session.scalar(select(Role.id).where(Role.name == "owner"))
    session.add(UsersEventsRoles(event_id=event.id, user_id=users[0].id, role_id=owner))
    session.add_all(UserFollowGroup(user_id=u.id, group_id=group.id) for u in users[1:])
    return users[0]


async def seed(url: str) -> str:
    db = Database(url)
    rnd = random.Random(12)
    try:
        async with db.sessions() as session, session.begin():
            if await session.scalar(select(func.count()).select_from(Event)):
                sys.exit("the bench database already has events: give it a fresh database")
            types, _, subs = await seed_taxonomy(session)
            event = _event(rnd, 0, list(types.values()), list(subs.values()))
            event.is_sessions_speakers_enabled = True
            event.starts_at = datetime(2027, 6, 1, 8, tzinfo=UTC)
            event.ends_at = event.starts_at + timedelta(days=2, hours=10)
            event.schedule_published_on = datetime(2027, 5, 1, tzinfo=UTC)
            session.add(event)
            await session.flush()
            await _people(session, event, rnd)
            program = _program(rnd, event)
            session.add_all([row for rows in program for row in rows])
            session.add_all(_surroundings(rnd, event))
            await session.flush()
            speakers = [_speaker(rnd, event, i) for i in range(SPEAKERS)]
            session.add_all(speakers)
            for index in range(SESSIONS + OTHERS):  # every speaker has a session, some two
                who = [speakers[index % SPEAKERS]]
                if index % 3 == 0:
                    who.append(speakers[(index * 7 + 1) % SPEAKERS])
                session.add(_session(rnd, event, index, program, who))
            return event.identifier
    finally:
        await db.dispose()


def main() -> None:
    url = normalize_database_url(os.environ["DATABASE_URL"])
    print(asyncio.run(seed(url)))


if __name__ == "__main__":
    main()
