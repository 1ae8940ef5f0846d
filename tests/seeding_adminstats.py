"""Statement-guard seeds of the admin sales lists: n events, each with its own host (owner
and organizer), place, discount code, invoice and a completed order credited to the host as
marketer, so every sales view lists n rows."""

from __future__ import annotations

from sqlalchemy import String, cast, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.events.models import Event
from tests.seeding import Factory, events


async def events_in_places(session: AsyncSession, n: int) -> None:
    rows = await events(session, n)
    await session.execute(
        update(Event)
        .where(Event.id.in_([e.id for e in rows]))
        .values(location_name="Place " + cast(Event.id, String))
    )


FACTORIES: dict[str, Factory] = {
    f"admin-sales-{view}": Factory(events_in_places, public=False)
    for view in (
        "by-events",
        "by-organizers",
        "by-location",
        "by-marketer",
        "discounted",
        "invoices",
        "fees",
    )
}
