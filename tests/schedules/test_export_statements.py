"""An export reads a fixed number of statements, whatever the number of sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hallway.sessions.models import Session, Speaker
from tests.conftest import StatementCounter
from tests.schedules.helpers import publish_schedule, room
from tests.sessions.helpers import program

START = datetime(2031, 6, 1, 9, tzinfo=UTC)


async def add_sessions(db, event_id: int, room_id: int, first: int, count: int) -> None:
    async with db.sessions() as session, session.begin():
        for n in range(first, first + count):
            speaker = Speaker(name=f"Speaker {n}", email=f"s{n}@example.com", event_id=event_id)
            session.add(
                Session(
                    title=f"Talk {n}",
                    state="accepted",
                    event_id=event_id,
                    microlocation_id=room_id,
                    starts_at=START + timedelta(hours=n),
                    ends_at=START + timedelta(hours=n, minutes=45),
                    speakers=[speaker],
                )
            )


async def counted(client, db, url: str) -> tuple[int, str]:
    counter = StatementCounter(db)
    with counter:
        response = await client.get(url)
    assert response.status_code == 200, response.text
    return counter.count, response.text


async def test_each_export_costs_the_same_for_1_and_20_sessions(client, app_db):
    c = await program(client, app_db)
    hall = int(await room(client, c))
    await publish_schedule(client, c)
    urls = [
        f"/v1/events/{c.identifier}.ics?include_sessions",
        f"/v1/events/{c.identifier}.xcs",
        f"/v1/events/{c.identifier}.xml",
    ]

    await add_sessions(app_db, int(c.event_id), hall, 0, 1)
    one = [await counted(client, app_db, url) for url in urls]
    await add_sessions(app_db, int(c.event_id), hall, 1, 19)
    twenty = [await counted(client, app_db, url) for url in urls]

    assert [count for count, _ in one] == [count for count, _ in twenty]
    for (_, small), (_, large) in zip(one, twenty, strict=True):
        assert "Talk 0" in small and "Talk 19" not in small
        assert "Talk 19" in large and "@example.com" not in large
