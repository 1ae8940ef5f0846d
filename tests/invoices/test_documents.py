"""An event invoice's PDF (made by the invoice job, mailed to the billed user, downloaded by
them, the event's owner and admins) and the reminders of unpaid invoices past due."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from hallway.invoices.documents import REMIND_EVERY
from hallway.invoices.models import EventInvoice
from hallway.invoices.tasks import REMIND, remind
from hallway.jobs import JobContext
from hallway.jobs.catalog import schedule
from hallway.mail.models import OutboxMail
from tests.invoices.test_invoices import _invoiced
from tests.tickets.helpers import patch


async def _invoice(db):
    async with db.sessions() as session:
        return await session.scalar(select(EventInvoice))


async def _mails(db, template):
    async with db.sessions() as session:
        found = await session.scalars(
            select(OutboxMail).where(OutboxMail.template == template).order_by(OutboxMail.id)
        )
        return list(found)


async def test_the_invoice_job_mails_the_pdf_and_its_readers_download_it(client, app_db, settings):
    c, _, _ = await _invoiced(client, app_db, settings)
    invoice = await _invoice(app_db)
    path = f"/v1/events/invoices/{invoice.identifier}"

    (mail,) = await _mails(app_db, "event_invoice")
    downloads = {who: await client.get(path, headers=c.jwt(who)) for who in ("owner", "admin")}
    refused = {
        who: (await client.get(path, headers=c.jwt(who))).status_code
        for who in ("organizer", "coorganizer", "registrar", "user", "stranger")
    }
    anonymous = await client.get(path)
    unknown = await client.get("/v1/events/invoices/200001U-999999", headers=c.jwt("admin"))
    nul = await client.get("/v1/events/invoices/a%00b", headers=c.jwt("admin"))
    shown = await client.get(f"/v1/event-invoices/{invoice.id}", headers=c.jwt("owner"))

    assert invoice.invoice_pdf_url.endswith(path)
    assert shown.json()["data"]["attributes"]["invoice-pdf-url"] == invoice.invoice_pdf_url
    assert mail.recipient == "owner@example.com"
    assert mail.context["pdf_url"] == invoice.invoice_pdf_url
    (attached,) = mail.attachments
    assert attached["filename"] == f"invoice-{invoice.identifier}.pdf"
    content = base64.b64decode(attached["content"])
    assert content.startswith(b"%PDF")
    for who, answer in downloads.items():
        assert answer.status_code == 200, (who, answer.text)
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.content == content
    assert refused == dict.fromkeys(refused, 404)
    assert anonymous.status_code == 401 and "errors" in anonymous.json()
    assert unknown.status_code == 404 and "errors" in unknown.json()
    assert nul.status_code == 404


async def _due(db, when):
    async with db.sessions() as session, session.begin():
        await session.execute(update(EventInvoice).values(due_at=when))


async def test_unpaid_invoices_past_due_are_reminded_once_per_interval(client, app_db, settings):
    await _invoiced(client, app_db, settings)
    job = JobContext(settings, app_db)

    before_due = await remind(job)
    await _due(app_db, datetime.now(UTC) - timedelta(days=1))
    first = await remind(job)
    again = await remind(job)
    async with app_db.sessions() as session, session.begin():
        await session.execute(
            update(EventInvoice).values(reminded_at=datetime.now(UTC) - REMIND_EVERY)
        )
    later = await remind(job)

    assert schedule()[REMIND] == 3600.0
    assert (before_due, first, again, later) == (
        {"reminded": 0}, {"reminded": 1}, {"reminded": 0}, {"reminded": 1},
    )  # fmt: skip
    mails = await _mails(app_db, "event_invoice_reminder")
    assert [m.recipient for m in mails] == ["owner@example.com"] * 2
    invoice = await _invoice(app_db)
    assert "past due" in mails[0].subject and invoice.identifier in mails[0].subject
    assert mails[0].attachments[0]["filename"] == f"invoice-{invoice.identifier}.pdf"
    assert invoice.reminded_at is not None


async def test_paid_invoices_are_not_reminded(client, app_db, settings):
    c, _, _ = await _invoiced(client, app_db, settings)
    invoice = await _invoice(app_db)
    await _due(app_db, datetime.now(UTC) - timedelta(days=30))
    paid = patch("event-invoice", invoice.id, status="paid", paid_via="bank")
    answer = await client.patch(
        f"/v1/event-invoices/{invoice.id}", json=paid, headers=c.jwt("admin")
    )

    reminded = await remind(JobContext(settings, app_db))

    assert answer.status_code == 200, answer.text
    assert reminded == {"reminded": 0}
    assert await _mails(app_db, "event_invoice_reminder") == []
    assert (await _invoice(app_db)).reminded_at is None
