"""The CSV and PDF exports of an event's orders, attendees, sessions and speakers. A CSV cell
that a spreadsheet would take for a formula (= + - @, tab, carriage return) is neutralised."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.exports.parts import to_json
from hallway.orders.models import Attendee, Order
from hallway.orders.pdfs import latin
from hallway.sessions.models import Session, Speaker
from hallway.tickets.models import Ticket
from hallway.users.models import User

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SESSION_STATES = ("pending", "accepted", "confirmed", "rejected", "canceled", "withdrawn", "draft")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Any]]


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(to_json(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    writer.writerows([safe_cell(value) for value in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8")


def to_pdf(title: str, table: Table) -> bytes:
    from fpdf import FPDF  # Pillow comes with it: never loaded by the web process

    pdf = FPDF(orientation="landscape")
    pdf.set_auto_page_break(auto=True, margin=10)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8)
    with pdf.table(text_align="LEFT") as grid:
        for row in [table.headers, *table.rows]:
            line = grid.row()
            for value in row:
                line.cell(latin(safe_cell(value))[:80])
    return bytes(pdf.output())


async def _table(session: AsyncSession, query: Any, headers: list[str]) -> Table:
    rows = [list(row) for row in await session.execute(query)]
    return Table(headers, rows)


async def orders(session: AsyncSession, event_id: int, _: str | None) -> Table:
    query = (
        select(
            Order.identifier, Order.amount, Order.status, Order.payment_mode, Order.created_at,
            Order.completed_at, User.email, Order.quantity,
        )
        .outerjoin(User, User.id == Order.user_id)
        .where(Order.event_id == event_id)
        .order_by(Order.id)
    )  # fmt: skip
    headers = ["Order", "Amount", "Status", "Payment mode", "Created at", "Completed at",
               "Buyer email", "Quantity"]  # fmt: skip
    return await _table(session, query, headers)


async def attendees(session: AsyncSession, event_id: int, _: str | None) -> Table:
    query = (
        select(
            Order.identifier, Attendee.firstname, Attendee.lastname, Attendee.email,
            Ticket.name, Ticket.price, Order.status, Attendee.is_checked_in,
        )
        .join(Order, Order.id == Attendee.order_id)
        .join(Ticket, Ticket.id == Attendee.ticket_id)
        .where(Attendee.event_id == event_id, Attendee.deleted_at.is_(None))
        .order_by(Attendee.id)
    )  # fmt: skip
    headers = ["Order", "First name", "Last name", "Email", "Ticket", "Price", "Order status",
               "Checked in"]  # fmt: skip
    return await _table(session, query, headers)


async def sessions(session: AsyncSession, event_id: int, status: str | None) -> Table:
    query = (
        select(
            Session.id, Session.title, Session.state, Session.starts_at, Session.ends_at,
            Session.language, Session.short_abstract,
        )
        .where(Session.event_id == event_id, Session.deleted_at.is_(None))
        .order_by(Session.id)
    )  # fmt: skip
    if status and status != "all":
        query = query.where(Session.state == status)
    headers = ["Id", "Title", "State", "Starts at", "Ends at", "Language", "Short abstract"]
    return await _table(session, query, headers)


async def speakers(session: AsyncSession, event_id: int, status: str | None) -> Table:
    query = (
        select(
            Speaker.id, Speaker.name, Speaker.email, Speaker.organisation, Speaker.position,
            Speaker.country, Speaker.short_biography,
        )
        .where(Speaker.event_id == event_id, Speaker.deleted_at.is_(None))
        .order_by(Speaker.id)
    )  # fmt: skip
    if status and status != "all":
        talks = select(Session.id).where(Session.state == status, Session.deleted_at.is_(None))
        query = query.where(Speaker.sessions.any(Session.id.in_(talks)))
    headers = ["Id", "Name", "Email", "Organisation", "Position", "Country", "Short biography"]
    return await _table(session, query, headers)


TABLES = {"orders": orders, "attendees": attendees, "sessions": sessions, "speakers": speakers}
