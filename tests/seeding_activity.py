"""Statement-guard seeds of the audit log: n activities, and one event with n activities."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.activity.models import Activity
from hallway.events.models import Event
from tests.seeding import FACTORIES as SHARED
from tests.seeding import Factory, Seed, _added, events

START = datetime(2031, 1, 1, tzinfo=UTC)


def _activity(i: int, event_id: int | None) -> Activity:
    return Activity(
        actor="guard@example.com",
        actor_id=1,
        time=START + timedelta(minutes=i),
        verb="update",
        object_type="event",
        object_id=str(event_id),
        event_id=event_id,
        address="127.0.0.1",
        action=f"update event {event_id}: name",
    )


async def activities(session: AsyncSession, n: int) -> None:
    await _added(session, [_activity(i, None) for i in range(n)])


async def activities_of_one_event(session: AsyncSession, n: int) -> int:
    [event] = await events(session, 1)
    await _added(session, [_activity(i, event.id) for i in range(n)])
    return event.id


async def events_with_activities(session: AsyncSession, n: int) -> None:
    """The shared event seed, each event with an activity (`event.activities` is included)."""
    await SHARED["event"].seed(session, n)
    event_ids = list(await session.scalars(select(Event.id)))
    await _added(session, [_activity(i, event_id) for i, event_id in enumerate(event_ids)])


FACTORIES: dict[str, Factory] = {
    "activity": Factory(activities, public=False),
    "event": Factory(events_with_activities, public=SHARED["event"].public),
}
NESTED: dict[tuple[str, str], Seed] = {("event", "activities"): activities_of_one_event}
