"""Fill a freshly migrated bench database: one verified account (user 1, the owner of every
event) and 200 published events with their type, topic and sub-topic set, described at the
length the bench-floor's events are (a 150-word description and filled-in text fields).

DATABASE_URL=... uv run python bench/seed_events.py EMAIL PASSWORD   # prints the user id
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from hallway.auth.passwords import hash_password
from hallway.config import normalize_database_url
from hallway.db import Database
from hallway.demo import seed_taxonomy
from hallway.events.models import Event
from hallway.events.service import fill_image_variants, random_identifier
from hallway.roles.models import Role, UsersEventsRoles
from hallway.taxonomy.models import EventSubTopic, EventType
from hallway.users.models import User

EVENTS = 200
WORDS = [
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
]
IMAGE = "http://127.0.0.1:8000/static/media/images/bench/banner.jpg"


def _words(rnd: random.Random, count: int) -> str:
    return " ".join(rnd.choices(WORDS, k=count))


def _event(
    rnd: random.Random, index: int, types: list[EventType], subs: list[EventSubTopic]
) -> Event:
    sub = rnd.choice(subs)
    starts = datetime(2027, 1, 1, 9, tzinfo=UTC) + timedelta(hours=rnd.randint(0, 9000))
    event = Event(
        identifier=random_identifier(),
        name=_words(rnd, 4).title(),
        state="published",
        starts_at=starts,
        ends_at=starts + timedelta(days=rnd.randint(0, 3), hours=8),
        timezone=rnd.choice(("UTC", "Europe/Berlin", "Asia/Singapore", "America/New_York")),
        location_name=_words(rnd, 3).title(),
        searchable_location_name=_words(rnd, 2).title(),
        latitude=rnd.uniform(-90, 90),
        longitude=rnd.uniform(-180, 180),
        description=f"<p>{_words(rnd, 150)}</p>",
        owner_name=_words(rnd, 2).title(),
        owner_description=_words(rnd, 20),
        code_of_conduct=_words(rnd, 30),
        refund_policy=_words(rnd, 6),
        after_order_message=_words(rnd, 10),
        payment_country="DE",
        payment_currency="EUR",
        event_type_id=rnd.choice(types).id,
        event_topic_id=sub.event_topic_id,
        event_sub_topic_id=sub.id,
        is_sessions_speakers_enabled=index % 2 == 0,
        is_promoted=index % 5 == 0,
        original_image_url=IMAGE,
        logo_url=IMAGE,
    )
    fill_image_variants(event)
    return event


async def seed(url: str, email: str, password: str) -> int:
    db = Database(url)
    try:
        async with db.sessions() as session, session.begin():
            if await session.scalar(select(func.count()).select_from(Event)):
                sys.exit("the bench database already has events: give it a fresh database")
            user = User(
                email=email,
                password_hash=await hash_password(password),
                first_name="Bench",
                last_name="Owner",
                is_verified=True,
            )
            session.add(user)
            types, _, subs = await seed_taxonomy(session)
            owner = await session.scalar(select(Role.id).where(Role.name == "owner"))
            rnd = random.Random(42)
            kinds, subjects = list(types.values()), list(subs.values())
            events = [_event(rnd, index, kinds, subjects) for index in range(EVENTS)]
            session.add_all(events)
            await session.flush()
            session.add_all(
                UsersEventsRoles(event_id=event.id, user_id=user.id, role_id=owner)
                for event in events
            )
            return user.id
    finally:
        await db.dispose()


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: seed_events.py EMAIL PASSWORD")
    url = normalize_database_url(os.environ["DATABASE_URL"])
    print(asyncio.run(seed(url, sys.argv[1], sys.argv[2])))


if __name__ == "__main__":
    main()
