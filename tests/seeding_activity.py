"""Statement-guard seeds of the audit log: n activities, and one event with n activities."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.activity.models import Activity
from hallway.events.models import Event
from tests.seeding import Factory, Seed, _added, events

START = datetime(2031, 1, 1, tzinfo=UTC)
K = TypeVar("K")


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


def covering(factories: dict[str, Factory]) -> dict[str, Factory]:
    """Every factory, each event it seeds then given an activity: `event.activities` is an
    include of every list of events, and the guard checks that included rows are linked."""
    return {t: replace(f, seed=_then_activities(f.seed)) for t, f in factories.items()}


def covering_seeds(seeds: dict[K, Seed]) -> dict[K, Seed]:
    """The same for the nested-list seeds."""
    return {key: _then_activities(seed) for key, seed in seeds.items()}


def _then_activities(seed: Seed) -> Seed:
    async def seeded(session: AsyncSession, n: int) -> Any:
        result = await seed(session, n)
        bare = ~exists().where(Activity.event_id == Event.id)
        event_ids = list(await session.scalars(select(Event.id).where(bare)))
        await _added(session, [_activity(i, event_id) for i, event_id in enumerate(event_ids)])
        return result

    return seeded


FACTORIES: dict[str, Factory] = {"activity": Factory(activities, public=False)}
NESTED: dict[tuple[str, str], Seed] = {("event", "activities"): activities_of_one_event}
