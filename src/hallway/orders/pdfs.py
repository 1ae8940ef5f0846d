"""The PDFs of a completed order: one ticket per attendee, with the QR code the scanners read
(`<order identifier>-<attendee identifier>`), and the buyer's invoice. fpdf2 draws them and
segno makes the QR codes; both are imported here only, when a document is made."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

QR_SCALE = 6
QR_SIZE_MM = 45


@dataclass(frozen=True)
class TicketFacts:
    attendee_id: int
    holder: str
    email: str
    ticket_name: str
    code: str


@dataclass(frozen=True)
class OrderFacts:
    identifier: str
    event_name: str
    event_when: str
    event_where: str
    buyer: str
    currency: str
    amount: str
    payment_mode: str
    completed_at: str
    # (ticket name, quantity, line total)
    lines: list[tuple[str, int, str]] = field(default_factory=list)
    billing: list[str] = field(default_factory=list)
    app_name: str = "Hallway"


def latin(text: str) -> str:
    """The PDF core fonts speak Latin-1; other characters show as `?`."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _document() -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_creator("Hallway")
    return pdf


def _line(pdf: Any, text: str, size: int = 11, style: str = "") -> None:
    pdf.set_font("Helvetica", style=style, size=size)
    pdf.multi_cell(0, size * 0.55, latin(text), new_x="LMARGIN", new_y="NEXT")


@lru_cache(maxsize=256)
def qr_png(payload: str) -> bytes:
    """The QR code as a PNG (kept for the few documents of one order that show it again)."""
    import segno

    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=QR_SCALE, border=2)
    return buffer.getvalue()


def _ticket_page(pdf: Any, order: OrderFacts, ticket: TicketFacts) -> None:
    pdf.add_page()
    _line(pdf, order.event_name, 20, "B")
    _line(pdf, order.event_when)
    if order.event_where:
        _line(pdf, order.event_where)
    pdf.ln(4)
    _line(pdf, ticket.ticket_name, 14, "B")
    _line(pdf, f"Attendee: {ticket.holder}")
    _line(pdf, f"E-mail: {ticket.email}")
    _line(pdf, f"Order: {order.identifier}")
    pdf.ln(4)
    pdf.image(io.BytesIO(qr_png(ticket.code)), w=QR_SIZE_MM, h=QR_SIZE_MM)
    _line(pdf, ticket.code, 9)


def tickets_pdf(order: OrderFacts, tickets: list[TicketFacts]) -> bytes:
    """One page per ticket."""
    pdf = _document()
    pdf.set_title(latin(f"Tickets {order.identifier}"))
    for ticket in tickets:
        _ticket_page(pdf, order, ticket)
    return bytes(pdf.output())


def invoice_pdf(order: OrderFacts) -> bytes:
    pdf = _document()
    pdf.set_title(latin(f"Invoice {order.identifier}"))
    pdf.add_page()
    _line(pdf, f"{order.app_name} - Invoice", 20, "B")
    _line(pdf, f"Order: {order.identifier}")
    _line(pdf, f"Date: {order.completed_at}")
    _line(pdf, f"Event: {order.event_name} ({order.event_when})")
    _line(pdf, f"Billed to: {order.buyer}")
    for billing in order.billing:
        _line(pdf, billing)
    pdf.ln(4)
    for name, quantity, total in order.lines:
        _line(pdf, f"{quantity} x {name}: {total} {order.currency}")
    pdf.ln(2)
    _line(pdf, f"Total: {order.amount} {order.currency}", 13, "B")
    _line(pdf, f"Paid by: {order.payment_mode}")
    return bytes(pdf.output())
