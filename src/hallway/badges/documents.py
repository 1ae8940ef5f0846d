"""The print job's work: the badges of an event's attendees (all of them, those of one
ticket, or one attendee), each drawn with the form its ticket's `badge-id` names, in one PDF
kept for the event's staff. Attendees of completed orders only; one whose ticket has no form
gets no badge."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.badges.images import Backgrounds
from hallway.badges.models import BadgeFieldForm, BadgeFont, BadgeForm, BadgePdf
from hallway.badges.pdfs import Holder, Layout, badges_pdf, key_of, layout_of, normal
from hallway.badges.schemas import BadgeField
from hallway.orders.models import Attendee, Order
from hallway.tickets.models import Ticket

# What the client's standard badge fields name, as the attendee's values.
ALIASES = {"name": "fullname", "organisation": "company", "position": "jobtitle"}
FIELD_KEYS = tuple(BadgeField.model_fields)


@dataclass(frozen=True)
class Selection:
    event_id: int
    ticket_id: int | None = None
    attendee_id: int | None = None
    shown: tuple[str, ...] = ()
    """Only these fields (by identifier or name), and the QR code; all when empty."""


async def form_layouts(
    session: AsyncSession, event_id: int, backgrounds: Backgrounds | None = None
) -> dict[str, Layout]:
    """The event's forms by `badge-id` (the first form of a badge id wins)."""
    forms = list(
        await session.scalars(
            select(BadgeForm).where(BadgeForm.event_id == event_id).order_by(BadgeForm.id)
        )
    )
    rows = await session.scalars(
        select(BadgeFieldForm)
        .where(BadgeFieldForm.event_id == event_id, BadgeFieldForm.is_deleted.is_(False))
        .order_by(BadgeFieldForm.id)
    )
    extra: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        extra.setdefault(row.badge_form_id, []).append({k: getattr(row, k) for k in FIELD_KEYS})
    layouts: dict[str, Layout] = {}
    for form in forms:
        fields = [*(form.badge_fields or []), *extra.get(form.id, [])]
        layout = layout_of(form.badge_size, form.badge_orientation, form.badge_color, fields)
        if form.badge_id not in layouts:
            image = await backgrounds.read(form.badge_image_url) if backgrounds else None
            layouts[form.badge_id] = replace(layout, background=image)
    return layouts


def values_of(attendee: Attendee) -> dict[str, str]:
    values: dict[str, str] = {}
    for column in sa_inspect(Attendee).columns:
        value = getattr(attendee, column.key)
        if value is not None and not isinstance(value, dict | list):
            values[normal(column.key)] = str(value)
    for key, value in (attendee.complex_field_values or {}).items():
        if isinstance(value, str | int | float):
            values[normal(str(key))] = str(value)
    full = " ".join(part for part in (attendee.firstname, attendee.lastname) if part)
    values["fullname"] = full
    for alias, key in ALIASES.items():
        values.setdefault(alias, values.get(key, ""))
    return values


def _shown(layout: Layout, shown: tuple[str, ...]) -> Layout:
    if not shown:
        return layout
    wanted = {normal(name) for name in shown} | {"qr"}
    kept = [
        f
        for f in layout.fields
        if key_of(f) in wanted or normal(str(f.get("custom_field") or "")) in wanted
    ]
    return replace(layout, fields=kept)


async def fonts_of(session: AsyncSession, event_id: int) -> dict[str, bytes]:
    rows = await session.execute(
        select(BadgeFont.name, BadgeFont.content).where(BadgeFont.event_id == event_id)
    )
    return {name: bytes(content) for name, content in rows}


async def pages_of(
    session: AsyncSession, chosen: Selection, backgrounds: Backgrounds | None = None
) -> list[tuple[Layout, Holder]]:
    layouts = await form_layouts(session, chosen.event_id, backgrounds)
    fonts = await fonts_of(session, chosen.event_id)
    query = (
        select(Attendee, Ticket.badge_id, Order.identifier)
        .join(Ticket, Ticket.id == Attendee.ticket_id)
        .join(Order, Order.id == Attendee.order_id)
        .where(
            Attendee.event_id == chosen.event_id,
            Attendee.deleted_at.is_(None),
            Order.status == "completed",
        )
        .order_by(Attendee.id)
    )
    if chosen.ticket_id is not None:
        query = query.where(Attendee.ticket_id == chosen.ticket_id)
    if chosen.attendee_id is not None:
        query = query.where(Attendee.id == chosen.attendee_id)
    pages = []
    for attendee, badge_id, order_identifier in await session.execute(query):
        layout = layouts.get(badge_id or "")
        if layout is not None:
            holder = Holder(values_of(attendee), f"{order_identifier}-{attendee.identifier}", fonts)
            pages.append((_shown(layout, chosen.shown), holder))
    return pages


async def print_badges(
    session: AsyncSession, chosen: Selection, backgrounds: Backgrounds | None = None
) -> BadgePdf:
    """Draw and keep the PDF (an empty selection makes a PDF of no badges: one blank page);
    `backgrounds` reads the forms' background images."""
    pages = await pages_of(session, chosen, backgrounds)
    content = await asyncio.to_thread(_render, pages)
    made = BadgePdf(event_id=chosen.event_id, badges=len(pages), content=content)
    session.add(made)
    await session.flush()
    return made


def _render(pages: list[tuple[Layout, Holder]]) -> bytes:
    if not pages:
        from fpdf import FPDF

        blank = FPDF(unit="mm")
        blank.add_page()
        return bytes(blank.output())
    return badges_pdf(pages)
