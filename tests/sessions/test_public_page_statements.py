"""The public event page's requests cost a fixed number of statements, however large the
program: the event with the includes the page asks for, the featured speakers with
`include=sessions.track` and the schedule's sessions with their speakers, rooms and tracks
(the requests of the real frontend, client-contract.md "public event page")."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from hallway.events.models import Event
from hallway.forms.models import compulsory_fields
from hallway.groups.models import Group, UserFollowGroup
from hallway.links.models import SocialLink
from hallway.program.models import Microlocation, SessionType, Track, VideoStream
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.models import Session, Speaker, SpeakersCall
from tests.appfixtures import make_user
from tests.conftest import StatementCounter, clean_app_tables

EVENT_INCLUDE = (
    "social-links,event-copyright,speakers-call,tax,owner,organizers,video-stream,"
    "custom-forms,group,group.followers,group.followers.user"
)
ACCEPTED = {
    "or": [
        {"name": "state", "op": "eq", "val": "accepted"},
        {"name": "state", "op": "eq", "val": "confirmed"},
    ]
}
FEATURED = [
    {"name": "is-featured", "op": "eq", "val": "true"},
    {
        "name": "sessions",
        "op": "any",
        "val": {"and": [{"name": "deleted-at", "op": "eq", "val": None}, ACCEPTED]},
    },
]
SCHEDULED = [
    {
        "and": [
            {"name": "starts-at", "op": "ne", "val": None},
            {"name": "ends-at", "op": "ne", "val": None},
            ACCEPTED,
        ]
    }
]


def _filter(value: object) -> str:
    return quote(json.dumps(value), safe="")


async def seed_conference(app_db, size: int) -> Event:
    """A published event with `size` of each: followers of its group, social links, rooms,
    tracks, featured speakers, and scheduled sessions with two speakers each."""
    users = [await make_user(app_db, f"p{size}-{i}@example.com") for i in range(size + 1)]
    starts = datetime(2031, 5, 1, 9, tzinfo=UTC)
    async with app_db.sessions() as session, session.begin():
        group = Group(name=f"Group {size}", user_id=users[0].id)
        session.add(group)
        await session.flush()
        event = Event(
            identifier=f"pub{size:05d}",
            name="Conference",
            state="published",
            starts_at=starts,
            ends_at=starts + timedelta(days=2),
            group_id=group.id,
            is_sessions_speakers_enabled=True,
        )
        session.add(event)
        await session.flush()
        owner = await session.scalar(select(Role.id).where(Role.name == "owner"))
        stream = VideoStream(name="Main", url="https://stream.example/main", event_id=event.id)
        session.add_all(
            [
                UsersEventsRoles(event_id=event.id, user_id=users[0].id, role_id=owner),
                SpeakersCall(
                    starts_at=starts - timedelta(days=90), ends_at=starts, event_id=event.id
                ),
                stream,
                *compulsory_fields(event.id),
                *(UserFollowGroup(user_id=u.id, group_id=group.id) for u in users[1:]),
                *(
                    SocialLink(name=f"net{i}", link=f"https://n{i}.example", event_id=event.id)
                    for i in range(size)
                ),
            ]
        )
        await session.flush()
        await _program(session, event, stream, size)
    return event


async def _program(session, event: Event, stream: VideoStream, size: int) -> None:
    rooms = [
        Microlocation(name=f"Room {i}", event_id=event.id, video_stream_id=stream.id)
        for i in range(size)
    ]
    tracks = [Track(name=f"Track {i}", color="#112233", event_id=event.id) for i in range(size)]
    kind = SessionType(name="Talk", event_id=event.id)
    session.add_all([*rooms, *tracks, kind])
    await session.flush()
    speakers = [
        Speaker(name=f"Speaker {i}", is_featured=True, order=i, event_id=event.id)
        for i in range(size + 1)
    ]
    session.add_all(speakers)
    for i in range(size):
        begins = event.starts_at + timedelta(hours=i)
        session.add(
            Session(
                title=f"Talk {i}",
                state=("accepted", "confirmed")[i % 2],
                starts_at=begins,
                ends_at=begins + timedelta(minutes=45),
                event_id=event.id,
                track_id=tracks[i].id,
                microlocation_id=rooms[i].id,
                session_type_id=kind.id,
                speakers=[speakers[i], speakers[i + 1]],
            )
        )


def _urls(event: Event) -> dict[str, str]:
    speakers = f"/v1/events/{event.id}/speakers"
    sessions = f"/v1/events/{event.id}/sessions"
    return {
        "event": f"/v1/events/{event.identifier}?include={EVENT_INCLUDE}",
        "speakers": f"{speakers}?filter={_filter(FEATURED)}&sort=order&include=sessions.track"
        "&cache=true&public=true&page[size]=0",
        "sessions": f"{sessions}?include=speakers,microlocation,track,microlocation.video-stream"
        f"&filter={_filter(SCHEDULED)}&page[size]=0",
    }


async def _counted(client, app_db, url: str) -> tuple[int, list[str], dict]:
    counter = StatementCounter(app_db)
    with counter:
        response = await client.get(url)
    assert response.status_code == 200, response.text
    return counter.count, list(counter.statements), response.json()


@pytest.mark.parametrize("request_", ["event", "speakers", "sessions"])
async def test_a_public_page_request_costs_the_same_for_a_small_and_a_large_program(
    request_, client, app_db
):
    small = await seed_conference(app_db, 1)
    one, one_sql, one_doc = await _counted(client, app_db, _urls(small)[request_])
    await clean_app_tables(app_db)
    large = await seed_conference(app_db, 6)
    six, six_sql, six_doc = await _counted(client, app_db, _urls(large)[request_])

    assert len(six_doc.get("included", [])) > len(one_doc.get("included", []))
    assert one == six, "\n".join(["small:", *one_sql, "large:", *six_sql])
    if request_ != "event":
        assert len(six_doc["data"]) == (7 if request_ == "speakers" else 6)
