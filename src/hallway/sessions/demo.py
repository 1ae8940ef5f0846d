"""The demo program of an event: an open call for speakers, speakers, and sessions in every
state, the accepted and confirmed ones scheduled in the event's rooms and tracks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.events.models import Event
from hallway.forms.models import CustomForm
from hallway.program.models import Microlocation, SessionType, Track
from hallway.sessions.models import Session, Speaker, SpeakersCall

SPEAKERS = (  # name, organisation, position, country
    ("Ada Byron", "Analytical Engines", "Research lead", "United Kingdom"),
    ("Grace Hopper", "Compiler Cooperative", "Rear admiral of code", "United States"),
    ("Linus Torvalds", "Kernel Folks", "Maintainer", "Finland"),
    ("Margaret Hamilton", "Flight Software", "Director", "United States"),
    ("Guido van Rossum", "Python Community", "Benevolent retiree", "Netherlands"),
    ("Hedy Lamarr", "Frequency Hopping Ltd", "Inventor", "Austria"),
)
TALKS = (  # title, state, speakers, day, hour, language
    ("Opening keynote: open source everywhere", "confirmed", (0,), 0, 9, "English"),
    ("Writing compilers for fun", "confirmed", (1,), 0, 11, "English"),
    ("Thirty years of a kernel", "accepted", (2,), 0, 14, "English"),
    ("Software that flies", "accepted", (3,), 1, 10, "English"),
    ("Typing Python gradually", "accepted", (4,), 1, 13, "German"),
    ("Radio tricks for the web", "pending", (5,), None, None, "English"),
    ("A second look at notebooks", "pending", (0, 4), None, None, "English"),
    ("Blockchain for toasters", "rejected", (2,), None, None, "English"),
    ("My withdrawn talk", "withdrawn", (1,), None, None, "English"),
    ("A canceled workshop", "canceled", (3,), None, None, "French"),
    ("An idea still in draft", "draft", (5,), None, None, "English"),
)
# The call for speakers' forms: (form, field, type, required); the client draws its session and
# speaker forms from these rows.
CFS_FIELDS = (
    ("session", "title", "text", True),
    ("session", "track", "select", False),
    ("session", "sessionType", "select", False),
    ("session", "shortAbstract", "paragraph", False),
    ("session", "language", "select", False),
    ("speaker", "name", "text", True),
    ("speaker", "email", "email", True),
    ("speaker", "organisation", "text", False),
    ("speaker", "position", "text", False),
    ("speaker", "shortBiography", "paragraph", False),
    ("speaker", "photoUrl", "image", False),
)


def cfs_forms(event_id: int) -> list[CustomForm]:
    return [
        CustomForm(
            form=form,
            field_identifier=field,
            type=kind,
            is_required=required,
            is_included=True,
            is_public=True,
            is_fixed=required,
            position=position,
            event_id=event_id,
        )
        for position, (form, field, kind, required) in enumerate(CFS_FIELDS)
    ]


async def seed_sessions(session: AsyncSession, event: Event) -> None:
    """The event's call for speakers (open), speakers and sessions; the schedule published."""
    now = datetime.now(UTC)
    event.schedule_published_on = now - timedelta(days=1)
    session.add(
        SpeakersCall(
            announcement=f"<p>Share what you know at {event.name}: talks and workshops "
            "welcome.</p>",
            starts_at=now - timedelta(days=30),
            soft_ends_at=now + timedelta(days=10),
            ends_at=now + timedelta(days=20),
            privacy="public",
            event_id=event.id,
        )
    )
    session.add_all(cfs_forms(event.id))
    await session.flush()
    tracks = list(await session.scalars(select(Track).where(Track.event_id == event.id)))
    rooms = list(
        await session.scalars(select(Microlocation).where(Microlocation.event_id == event.id))
    )
    kinds = list(await session.scalars(select(SessionType).where(SessionType.event_id == event.id)))
    speakers = [
        Speaker(
            name=name,
            email=f"{name.split()[0].lower()}.{event.id}@speakers.example",
            organisation=organisation,
            position=position,
            country=country,
            short_biography=f"<p>{name} works on {organisation}.</p>",
            is_featured=index < 3,
            order=index,
            event_id=event.id,
        )
        for index, (name, organisation, position, country) in enumerate(SPEAKERS)
    ]
    for index, (title, state, who, day, hour, language) in enumerate(TALKS):
        talk = Session(
            title=title,
            state=state,
            language=language,
            short_abstract=f"<p>{title}.</p>",
            event_id=event.id,
            track_id=tracks[index % len(tracks)].id if tracks else None,
            session_type_id=kinds[index % len(kinds)].id if kinds else None,
            submitted_at=None if state == "draft" else now - timedelta(days=10),
            speakers=[speakers[i] for i in who],
        )
        if day is not None and hour is not None and rooms:
            talk.starts_at = event.starts_at.replace(hour=hour) + timedelta(days=day)
            talk.ends_at = talk.starts_at + timedelta(minutes=45)
            talk.microlocation_id = rooms[index % len(rooms)].id
        session.add(talk)
    await session.flush()
