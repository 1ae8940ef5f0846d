"""Event invoices: the monthly job bills each event's owner the platform's fee on last month's
completed orders (once per event and month, none under 2.00); the owner and admins read them,
only admins record payments; nobody else sees them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from hallway.invoices.models import EventInvoice
from hallway.invoices.service import month_start
from hallway.invoices.tasks import ISSUE, issue
from hallway.jobs import JobContext
from hallway.jobs.catalog import schedule
from hallway.mail.models import OutboxMail
from hallway.orders.models import Order
from hallway.tickets.models import TicketFee
from tests.events.helpers import create_event
from tests.tickets.helpers import cast, count, patch

LAST_MONTH = month_start(datetime.now(UTC), 1) + timedelta(days=3, hours=5)


async def _sales(db, c, *amounts_and_times):
    async with db.sessions() as session, session.begin():
        session.add(TicketFee(currency="EUR", service_fee=Decimal("5"), maximum_fee=Decimal("30")))
        for event_id, amount, when in amounts_and_times:
            session.add(
                Order(
                    amount=Decimal(amount),
                    status="completed",
                    completed_at=when,
                    event_id=int(event_id),
                    user_id=c.ids["user"],
                    quantity=1,
                )
            )


async def _invoiced(client, db, settings):
    """Three events: one with 1,000 EUR sold last month (fee 5 %, capped at 30), one with 20
    EUR (a fee under 2.00) and one that sold this month only."""
    c = await cast(client, db)
    small = await create_event(client, c.tokens["owner"], "Small", **{"payment-currency": "EUR"})
    fresh = await create_event(client, c.tokens["owner"], "Fresh", **{"payment-currency": "EUR"})
    await _sales(
        db,
        c,
        (c.event["id"], "600.00", LAST_MONTH),
        (c.event["id"], "400.00", LAST_MONTH),
        (small["id"], "20.00", LAST_MONTH),
        (fresh["id"], "90.00", datetime.now(UTC)),
    )
    first = await issue(JobContext(settings, db))
    again = await issue(JobContext(settings, db))
    return c, first, again


async def test_the_job_bills_last_month_once_per_event(client, app_db, settings):
    c, first, again = await _invoiced(client, app_db, settings)

    assert schedule()[ISSUE] == 3600.0
    assert (first, again) == ({"issued": 1}, {"issued": 0})
    async with app_db.sessions() as session:
        (invoice,) = (await session.scalars(select(EventInvoice))).all()
        mails = (
            await session.scalars(select(OutboxMail).where(OutboxMail.template == "event_invoice"))
        ).all()
    assert invoice.event_id == int(c.event["id"]) and invoice.user_id == c.ids["owner"]
    assert invoice.amount == Decimal("30.00") and invoice.status == "due"
    assert invoice.identifier == f"{LAST_MONTH:%Y%m}U-000001"
    assert invoice.due_at == month_start(datetime.now(UTC), -1)
    assert [m.recipient for m in mails] == ["owner@example.com"]


async def test_the_owner_and_admins_read_invoices_and_nobody_else(client, app_db, settings):
    c, _, _ = await _invoiced(client, app_db, settings)
    async with app_db.sessions() as session:
        invoice = await session.scalar(select(EventInvoice))
    paths = (
        f"/v1/events/{c.event['id']}/event-invoices",
        f"/v1/users/{c.ids['owner']}/event-invoices",
        "/v1/event-invoices",
    )

    def seen(who):
        return [client.get(path, headers=c.jwt(who)) for path in paths]

    for who in ("owner", "admin"):
        for answer in [await a for a in seen(who)]:
            assert answer.status_code == 200, answer.text
            assert [i["id"] for i in answer.json()["data"]] == [str(invoice.id)]
        shown = await client.get(f"/v1/event-invoices/{invoice.identifier}", headers=c.jwt(who))
        assert shown.json()["data"]["attributes"]["amount"] in (30, 30.0, "30.00")
        assert shown.json()["data"]["attributes"]["identifier"] == invoice.identifier
    for who in ("organizer", "coorganizer", "registrar", "user", "stranger"):
        listed = await client.get(paths[2], headers=c.jwt(who))
        shown = await client.get(f"/v1/event-invoices/{invoice.id}", headers=c.jwt(who))
        assert listed.json()["data"] == [], who
        assert shown.status_code == 404, who
    assert (await client.get(f"/v1/event-invoices/{invoice.id}")).status_code == 404


async def test_only_admins_record_a_payment(client, app_db, settings):
    c, _, _ = await _invoiced(client, app_db, settings)
    async with app_db.sessions() as session:
        invoice = await session.scalar(select(EventInvoice))
    path = f"/v1/event-invoices/{invoice.id}"
    paid = patch("event-invoice", invoice.id, status="paid", paid_via="bank")

    by_owner = await client.patch(path, json=paid, headers=c.jwt("owner"))
    by_organizer = await client.patch(path, json=paid, headers=c.jwt("organizer"))
    wrong = await client.patch(
        path, json=patch("event-invoice", invoice.id, status="gone"), headers=c.jwt("admin")
    )
    deleted = await client.delete(path, headers=c.jwt("admin"))
    created = await client.post(
        "/v1/event-invoices",
        json={"data": {"type": "event-invoice", "attributes": {"amount": 1}}},
        headers=c.jwt("admin"),
    )
    unchanged = await client.get(path, headers=c.jwt("owner"))
    by_admin = await client.patch(path, json=paid, headers=c.jwt("admin"))

    assert by_owner.status_code == 403
    assert by_organizer.status_code == 404
    assert wrong.status_code == 422
    assert deleted.status_code == 405 and created.status_code == 405
    assert unchanged.json()["data"]["attributes"]["status"] == "due"
    assert by_admin.status_code == 200, by_admin.text
    attributes = by_admin.json()["data"]["attributes"]
    assert attributes["status"] == "paid" and attributes["paid-via"] == "bank"
    assert attributes["completed-at"] is not None
    assert await count(app_db, EventInvoice) == 1
