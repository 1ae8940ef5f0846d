"""Setup hooks for the Invoices group and the Events and Users actions that read through an
invoice: an owner's event billed for last month (the invoice the monthly job issues), read by
its owner."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hallway.invoices.models import EventInvoice
from hallway.invoices.service import month_start
from tests.contract.scene import Plan, Scene, hook


@hook("Invoices::Get Event Invoices")
@hook("Invoices::Event Invoices Details")
@hook("Invoices::List Event Invoices of an Event")
@hook("Invoices::List Event Invoices of a User")
@hook("Events::Event Details for an Event Invoice")
@hook("Users::Get User Details for an Event Invoice")
async def an_owner_and_their_invoice(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    billed = month_start(datetime.now(UTC), 1)
    async with scene.db.sessions() as session, session.begin():
        invoice = EventInvoice(
            identifier=f"{billed:%Y%m}U-{int(event['id']):06d}",
            month=f"{billed:%Y-%m}",
            amount=Decimal("12.50"),
            currency="EUR",
            due_at=month_start(datetime.now(UTC), -1),
            event_id=int(event["id"]),
            user_id=int(owner.id),
        )
        session.add(invoice)
        await session.flush()
        invoice_id = str(invoice.id)
    return Plan(
        token=owner.token,
        params={
            "event_invoice_id": invoice_id,
            "event_identifier": event["attributes"]["identifier"],
            "user_id": owner.id,
        },
    )
