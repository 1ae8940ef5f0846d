"""Setup hooks for the Admin Statistics and Admin Sales groups: an admin reads the platform's
figures, over an event with a place, a discount code and orders credited to a marketer.

Two deliberate differences from the documented examples, declared here: the sales examples
show some attribute names underscored (`starts_at`, `first_name`, `location_name`), where
Open Event dasherizes every attribute and the frontend reads them so; and the event-type and
event-topic counts are documented as `{}`, where Open Event answers a JSON list."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import update

from hallway.codes.models import DiscountCode
from hallway.events.models import Event
from hallway.invoices.models import EventInvoice
from hallway.orders.models import Order
from tests.contract.blueprint import load
from tests.contract.scene import Plan, Scene, hook

DASHERIZED = "the documented example underscores attribute names; Open Event dasherizes them"


async def _sales(scene: Scene) -> str:
    """An event in Berlin with a completed order made with a code, credited to a marketer;
    the token of an admin."""
    owner = await scene.account()
    marketer = await scene.account()
    event = await scene.event(owner)
    event_id = int(event["id"])
    async with scene.db.sessions() as session, session.begin():
        await session.execute(
            update(Event).where(Event.id == event_id).values(location_name="Berlin, Germany")
        )
        code = DiscountCode(
            code="SPRING", value=Decimal(10), type="percent", used_for="ticket", event_id=event_id
        )
        session.add(code)
        await session.flush()
        session.add(
            Order(
                event_id=event_id,
                status="completed",
                amount=Decimal(90),
                quantity=2,
                marketer_id=int(marketer.id),
                discount_code_id=code.id,
            )
        )
        session.add(
            EventInvoice(
                identifier=f"203101U-{event_id:06d}",
                month="2031-01",
                amount=Decimal(9),
                due_at=datetime(2031, 2, 1, tzinfo=UTC),
                event_id=event_id,
                user_id=int(owner.id),
            )
        )
    return (await scene.admin()).token


def _dasherized(action_id: str) -> Any:
    (transaction,) = [t for t in load(("Admin Sales",)) if t.id == action_id]
    documented = copy.deepcopy(transaction.response.json())
    for item in documented["data"]:
        item["attributes"] = {k.replace("_", "-"): v for k, v in item["attributes"].items()}
    return documented


@hook("Admin Statistics::Show Event Statistics", requires=("admin-statistics-event",))
@hook("Admin Statistics::Show User Statistics", requires=("admin-statistics-user",))
@hook("Admin Statistics::Show Session Statistics", requires=("admin-statistics-session",))
@hook("Admin Statistics::Show Mail Statistics", requires=("admin-statistics-mail",))
async def an_admin_reads_the_counts(scene: Scene) -> Plan:
    return Plan(token=(await scene.admin()).token)


@hook("Admin Statistics::Show Event Types Statistics", requires=("admin-statistics-event",))
@hook("Admin Statistics::Show Event Topics Statistics", requires=("admin-statistics-event",))
async def an_admin_reads_the_events_per_kind(scene: Scene) -> Plan:
    admin = await scene.admin()
    await scene.classified_event(await scene.account())
    return Plan(token=admin.token, body=[], note="documented as {}; Open Event answers a list")


@hook("Admin Sales::Show Sales by Marketer", requires=("admin-sales-by-marketer",))
@hook("Admin Sales::Show Sales Discounted", requires=("admin-sales-discounted",))
@hook("Admin Sales::Show Sales Invoices", requires=("admin-sales-invoices",))
@hook("Admin Sales::Show Sales Fees", requires=("admin-sales-fees",))
async def an_admin_reads_the_sales(scene: Scene) -> Plan:
    return Plan(token=await _sales(scene))


@hook("Admin Sales::Show Sales by Events", requires=("admin-sales-by-events",))
async def an_admin_reads_the_sales_by_event(scene: Scene) -> Plan:
    body = _dasherized("Admin Sales::Show Sales by Events")
    return Plan(token=await _sales(scene), body=body, note=DASHERIZED)


@hook("Admin Sales::Show Sales by Organizers", requires=("admin-sales-by-organizers",))
async def an_admin_reads_the_sales_by_organizer(scene: Scene) -> Plan:
    body = _dasherized("Admin Sales::Show Sales by Organizers")
    return Plan(token=await _sales(scene), body=body, note=DASHERIZED)


@hook("Admin Sales::Show Sales by Location", requires=("admin-sales-by-location",))
async def an_admin_reads_the_sales_by_place(scene: Scene) -> Plan:
    body = _dasherized("Admin Sales::Show Sales by Location")
    return Plan(token=await _sales(scene), body=body, note=DASHERIZED)
