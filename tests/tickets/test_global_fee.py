"""The platform's global fee (country `global`, no currency, as the admin's ticket fees page
saves it) is charged where the event's currency has no fee of its own; a fee of the currency
wins over it. Prices, the monthly invoice and the admin's fee figures agree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from hallway.invoices.models import EventInvoice
from hallway.invoices.service import month_start
from hallway.invoices.tasks import issue
from hallway.jobs import JobContext
from hallway.orders.models import Order
from tests.orders.helpers import cart, shop
from tests.tickets.helpers import body

LAST_MONTH = month_start(datetime.now(UTC), 1) + timedelta(days=2)


async def _fee(client, s, **attributes):
    made = await client.post(
        "/v1/ticket-fees", json=body("ticket-fee", attributes), headers=s.jwt("admin")
    )
    assert made.status_code == 201, made.text


async def _line_fee(client, s):
    answer = await client.post(
        "/v1/orders/calculate-amount", json=cart((s.paid, 2)), headers=s.jwt("user")
    )
    assert answer.status_code == 200, answer.text
    (line,) = answer.json()["tickets"]
    return Decimal(str(line["ticket_fee"]))


async def test_the_global_fee_is_charged_where_the_currency_has_none(client, app_db):
    s = await shop(client, app_db, currency="GBP")
    assert await _line_fee(client, s) == 0
    await _fee(client, s, country="global", **{"service-fee": "4", "maximum-fee": "0.75"})
    # 4 % of 25.00 is 1.00, capped at 0.75 per ticket, for two tickets.
    assert await _line_fee(client, s) == Decimal("1.50")
    await _fee(client, s, currency="GBP", **{"service-fee": "2", "maximum-fee": "0"})
    assert await _line_fee(client, s) == Decimal("1.00")


async def test_the_invoice_and_the_admin_fees_use_the_global_fee(client, app_db, settings):
    s = await shop(client, app_db, currency="GBP")
    await _fee(client, s, country="global", **{"service-fee": "5", "maximum-fee": "0"})
    async with app_db.sessions() as session, session.begin():
        session.add(
            Order(
                amount=Decimal("300.00"),
                status="completed",
                completed_at=LAST_MONTH,
                event_id=int(s.c.event["id"]),
                user_id=s.c.ids["user"],
                quantity=1,
            )
        )
    assert await issue(JobContext(settings, app_db)) == {"issued": 1}
    async with app_db.sessions() as session:
        invoice = await session.scalar(select(EventInvoice))
    assert invoice is not None and invoice.amount == Decimal("15.00")

    fees = await client.get("/v1/admin/sales/fees", headers=s.jwt("admin"))
    assert fees.status_code == 200, fees.text
    (row,) = [r for r in fees.json()["data"] if r["id"] == str(s.c.event["id"])]
    assert Decimal(str(row["attributes"]["fee-percentage"])) == Decimal("5")
    refused = await client.get("/v1/admin/sales/fees", headers=s.jwt("owner"))
    assert refused.status_code == 403
