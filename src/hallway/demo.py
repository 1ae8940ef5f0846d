"""Demo data for a first start: an admin, the event taxonomy and a few published events."""

from __future__ import annotations

import asyncio
import colorsys
import io
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.auth.passwords import hash_password
from hallway.config import Settings
from hallway.db import Database
from hallway.events.models import Event
from hallway.events.service import fill_image_variants, random_identifier
from hallway.roles.models import Role, UsersEventsRoles
from hallway.taxonomy.models import EventSubTopic, EventTopic, EventType, slugify
from hallway.uploads import UploadOptions, Uploads
from hallway.uploads.service import store_image
from hallway.users.models import User

ADMIN_EMAIL = "admin@hallway.localhost"
TYPES = ("Conference", "Meetup", "Workshop", "Hackathon", "Festival", "Seminar or Talk")
TOPICS = {
    "Science & Technology": ("Open Source", "Robotics", "Data & Machine Learning", "Web"),
    "Community": ("Education", "Civic Tech", "Diversity"),
    "Arts": ("Music", "Film", "Design"),
}
EVENTS = (
    ("Open Source Summit", "Conference", "Science & Technology", "Open Source", 30, 3, "Berlin"),
    ("Python Meetup Night", "Meetup", "Science & Technology", "Web", 12, 0, "Singapore"),
    ("Robotics Hack Weekend", "Hackathon", "Science & Technology", "Robotics", 45, 2, "Pune"),
    ("Teaching With Data", "Workshop", "Community", "Education", 20, 1, "Nairobi"),
    ("Civic Tech Day", "Seminar or Talk", "Community", "Civic Tech", 60, 0, "Taipei"),
    ("Sound & Code Festival", "Festival", "Arts", "Music", 90, 2, "Lisbon"),
)


@dataclass
class Seeded:
    admin_email: str
    admin_password: str
    events: int


async def seed_if_empty(settings: Settings, origin: str) -> Seeded | None:
    """Fill an empty database; None when it already has users. Images are stored like
    uploads and served from `origin` (the server's base URL)."""
    db = Database(settings.database_url)
    try:
        async with db.sessions() as session, session.begin():
            if await session.scalar(select(func.count()).select_from(User)):
                return None
            password = secrets.token_urlsafe(12)
            admin = User(
                email=ADMIN_EMAIL,
                password_hash=await hash_password(password),
                first_name="Demo",
                last_name="Admin",
                is_verified=True,
                is_admin=True,
                is_super_admin=True,
            )
            session.add(admin)
            await session.flush()
            images = await _demo_images(settings, origin)
            count = await _seed_events(session, admin, images)
        return Seeded(ADMIN_EMAIL, password, count)
    finally:
        await db.dispose()


async def seed_taxonomy(
    session: AsyncSession,
) -> tuple[dict[str, EventType], dict[str, EventTopic], dict[str, EventSubTopic]]:
    types = {name: EventType(name=name, slug=slugify(name)) for name in TYPES}
    topics = {name: EventTopic(name=name, slug=slugify(name)) for name in TOPICS}
    session.add_all([*types.values(), *topics.values()])
    await session.flush()
    subs = {
        sub: EventSubTopic(name=sub, slug=slugify(sub), event_topic_id=topics[topic].id)
        for topic, names in TOPICS.items()
        for sub in names
    }
    session.add_all(subs.values())
    await session.flush()
    return types, topics, subs


async def _demo_images(settings: Settings, origin: str) -> list[str]:
    """One banner per demo event: a colour gradient, stored through the upload pipeline."""
    storage = Uploads.build(UploadOptions.from_settings(settings)).local
    urls = []
    for index in range(len(EVENTS)):
        data = await asyncio.to_thread(_banner, index)
        urls.append(await store_image(storage, data, settings.upload_max_pixels, origin))
    return urls


def _banner(index: int) -> bytes:
    from PIL import Image

    hue = index / len(EVENTS)
    start = tuple(int(255 * c) for c in colorsys.hsv_to_rgb(hue, 0.65, 0.95))
    end = tuple(int(255 * c) for c in colorsys.hsv_to_rgb((hue + 0.15) % 1, 0.8, 0.55))
    width, height = 1600, 800
    image = Image.new("RGB", (width, 1))
    image.putdata(
        [
            tuple(a + (b - a) * x // width for a, b in zip(start, end, strict=True))
            for x in range(width)
        ]
    )
    buffer = io.BytesIO()
    image.resize((width, height)).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


async def _seed_events(session: AsyncSession, admin: User, images: list[str]) -> int:
    types, topics, subs = await seed_taxonomy(session)
    owner = await session.scalar(select(Role.id).where(Role.name == "owner"))
    today = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    for (name, kind, topic, sub, days, length, city), image in zip(EVENTS, images, strict=True):
        starts = today + timedelta(days=days)
        event = Event(
            identifier=random_identifier(),
            name=name,
            state="published",
            starts_at=starts,
            ends_at=starts + timedelta(days=length, hours=8),
            timezone="UTC",
            location_name=city,
            searchable_location_name=city,
            description=f"<p>{name} is a demo event that comes with Hallway.</p>",
            event_type_id=types[kind].id,
            event_topic_id=topics[topic].id,
            event_sub_topic_id=subs[sub].id,
            is_sessions_speakers_enabled=True,
            is_promoted=True,
            original_image_url=image,
            logo_url=image,
        )
        fill_image_variants(event)
        session.add(event)
        await session.flush()
        session.add(UsersEventsRoles(event_id=event.id, user_id=admin.id, role_id=owner))
    return len(EVENTS)
