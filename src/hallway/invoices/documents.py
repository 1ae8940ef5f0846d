"""An event invoice's PDF and the mails that carry it.

The invoice job makes the PDF right after issuing the invoice (a claim on the invoice,
`invoice-pdf-url` set once, makes a second run do nothing) and mails it to the billed user.
Unpaid invoices past their due date are recalled to the billed user once per
`REMIND_EVERY`: a conditional UPDATE of `reminded_at` claims each reminder, so two runs of the
job never send the same reminder twice. fpdf2 is imported only when a PDF is made."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import Settings
from hallway.events.models import Event
from hallway.invoices.models import EventInvoice, EventInvoiceDocument
from hallway.mail import Attachment, queue_mail
from hallway.orders.pdfs import latin
from hallway.users.models import User

PDF = "application/pdf"
REMIND_EVERY = timedelta(days=7)
REMINDERS_PER_RUN = 200


@dataclass(frozen=True)
class InvoiceFacts:
    app_name: str
    identifier: str
    event_name: str
    month: str
    billed: str
    amount: str
    currency: str
    issued: str
    due: str


def pdf_url(settings: Settings, invoice: EventInvoice) -> str:
    return f"{(settings.public_url or '').rstrip('/')}/v1/events/invoices/{invoice.identifier}"


def render(facts: InvoiceFacts) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creator(facts.app_name)
    pdf.set_title(latin(f"Invoice {facts.identifier}"))
    pdf.add_page()

    def line(text: str, size: int = 11, style: str = "") -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, size * 0.55, latin(text), new_x="LMARGIN", new_y="NEXT")

    line(f"{facts.app_name} - Invoice {facts.identifier}", 18, "B")
    line(f"Issued: {facts.issued}")
    line(f"Due: {facts.due}")
    line(f"Billed to: {facts.billed}")
    pdf.ln(4)
    line(f"Service fee on the ticket sales of {facts.event_name} in {facts.month}")
    pdf.ln(2)
    line(f"Total: {facts.amount} {facts.currency}", 13, "B")
    return bytes(pdf.output())


def _facts(settings: Settings, invoice: EventInvoice, event: Event, billed: str) -> InvoiceFacts:
    return InvoiceFacts(
        app_name=settings.app_name,
        identifier=invoice.identifier,
        event_name=event.name,
        month=invoice.month,
        billed=billed,
        amount=str(invoice.amount),
        currency=invoice.currency or "",
        issued=invoice.issued_at.date().isoformat(),
        due=invoice.due_at.date().isoformat(),
    )


def _context(settings: Settings, invoice: EventInvoice, event: Event) -> dict[str, Any]:
    frontend = (settings.frontend_url or "").rstrip("/")
    return {
        "event_name": event.name,
        "identifier": invoice.identifier,
        "month": invoice.month,
        "amount": str(invoice.amount),
        "currency": invoice.currency or "",
        "due": invoice.due_at.date().isoformat(),
        "invoices_url": f"{frontend}/events/{event.identifier}/dashboard",
        "pdf_url": invoice.invoice_pdf_url or pdf_url(settings, invoice),
    }


def _attachment(invoice: EventInvoice, content: bytes) -> Attachment:
    return Attachment(f"invoice-{invoice.identifier}.pdf", PDF, content)


async def _claim(session: AsyncSession, settings: Settings, invoice: EventInvoice) -> bool:
    result = await session.execute(
        update(EventInvoice)
        .where(EventInvoice.id == invoice.id, EventInvoice.invoice_pdf_url.is_(None))
        .values(invoice_pdf_url=pdf_url(settings, invoice))
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def document_and_mail(session: AsyncSession, settings: Settings, invoice_id: int) -> bool:
    """Make, store and mail the invoice's PDF; False when it was made already."""
    invoice = await session.get(EventInvoice, invoice_id)
    if invoice is None or not await _claim(session, settings, invoice):
        return False
    await session.refresh(invoice, ["invoice_pdf_url"])
    event = await session.get(Event, invoice.event_id)
    user = None if invoice.user_id is None else await session.get(User, invoice.user_id)
    assert event is not None
    billed = user.email if user is not None else ""
    content = await asyncio.to_thread(render, _facts(settings, invoice, event, billed))
    session.add(EventInvoiceDocument(invoice_id=invoice.id, content=content))
    await session.flush()
    if billed:
        await queue_mail(
            session,
            to=billed,
            template="event_invoice",
            context=_context(settings, invoice, event),
            attachments=[_attachment(invoice, content)],
        )
    return True


async def _claim_reminder(session: AsyncSession, invoice_id: int, now: datetime) -> bool:
    result = await session.execute(
        update(EventInvoice)
        .where(
            EventInvoice.id == invoice_id,
            EventInvoice.status == "due",
            or_(
                EventInvoice.reminded_at.is_(None),
                EventInvoice.reminded_at <= now - REMIND_EVERY,
            ),
        )
        .values(reminded_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def remind_overdue(session: AsyncSession, settings: Settings, now: datetime) -> list[int]:
    """Remind the billed users of unpaid invoices past due (once per `REMIND_EVERY`)."""
    rows = await session.execute(
        select(EventInvoice, Event, User)
        .join(Event, Event.id == EventInvoice.event_id)
        .join(User, User.id == EventInvoice.user_id)
        .where(
            EventInvoice.status == "due",
            EventInvoice.due_at < now,
            or_(
                EventInvoice.reminded_at.is_(None),
                EventInvoice.reminded_at <= now - REMIND_EVERY,
            ),
        )
        .order_by(EventInvoice.id)
        .limit(REMINDERS_PER_RUN)
    )
    reminded = []
    for invoice, event, user in rows.all():
        if not await _claim_reminder(session, invoice.id, now):
            continue
        content = await session.scalar(
            select(EventInvoiceDocument.content).where(
                EventInvoiceDocument.invoice_id == invoice.id
            )
        )
        attachments = [] if content is None else [_attachment(invoice, bytes(content))]
        await queue_mail(
            session,
            to=user.email,
            template="event_invoice_reminder",
            context=_context(settings, invoice, event),
            attachments=attachments,
        )
        reminded.append(invoice.id)
    return reminded
