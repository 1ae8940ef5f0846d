"""The badge use cases behind routes.py: who may print, what is printed, and the fonts."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy import select
from starlette.requests import Request

from hallway.auth.actor import Actor
from hallway.badges import fonts
from hallway.badges.documents import Selection, form_layouts
from hallway.badges.models import BadgeFont, BadgePdf
from hallway.badges.pdfs import Holder, badges_pdf, key_of, layout_of, normal
from hallway.badges.schemas import BadgeField, BadgeSize, Orientation
from hallway.badges.tasks import PRINT
from hallway.errors import BadRequest, Forbidden, ObjectNotFound, Unauthorized, ValidationFailed
from hallway.events.models import Event
from hallway.jobs import enqueue
from hallway.jsonapi import RequestContext
from hallway.jsonapi.body import read_body
from hallway.orders.models import Attendee
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.roles.policy import COORGANIZERS
from hallway.tickets.models import Ticket

PREVIEW_BODY = 256 * 1024
FONT_BODY = fonts.MAX_FONT_BYTES * 2
MAX_PREVIEW_FORMS = 20
MAX_ID = 2**31 - 1


def signed_in(actor: Actor | None) -> Actor:
    if actor is None:
        raise Unauthorized("Sign in first")
    return actor


async def body_of(request: Request, limit: int) -> dict[str, Any]:
    try:
        body = orjson.loads(await read_body(request, limit) or b"null")
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object", pointer="/")
    return body


def _number(value: str | None, what: str) -> int:
    if value is None or not value.isdigit() or int(value) > MAX_ID:
        raise ValidationFailed(f"{what} must be a positive whole number", pointer=what)
    return int(value)


async def _staff(ctx: RequestContext, event_id: int, roles: tuple[str, ...] = STAFF_ROLES) -> None:
    if not await holds(ctx, event_id, roles):
        raise Forbidden("Only the event's organizers and registrars print its badges")


async def _selection(ctx: RequestContext, query: Mapping[str, str]) -> Selection:
    shown = tuple(s.strip() for s in query.get("list_field_show", "").split(",") if s.strip())
    if "attendee_id" in query:
        attendee = await ctx.session.get(Attendee, _number(query["attendee_id"], "attendee_id"))
        if attendee is None or attendee.deleted_at is not None:
            raise ObjectNotFound("attendee not found")
        return Selection(attendee.event_id, attendee_id=attendee.id, shown=shown)
    if "ticket_id" in query:
        ticket = await ctx.session.get(Ticket, _number(query["ticket_id"], "ticket_id"))
        if ticket is None:
            raise ObjectNotFound("ticket not found")
        return Selection(ticket.event_id, ticket_id=ticket.id, shown=shown)
    if "event_id" in query:
        return Selection(await _event_id(ctx, query["event_id"]), shown=shown)
    raise ValidationFailed("name an attendee_id, a ticket_id or an event_id", pointer="attendee_id")


async def _event_id(ctx: RequestContext, key: str) -> int:
    if not key or len(key) > 100 or "\x00" in key:
        raise ObjectNotFound(f"event {key[:100]!r} not found")
    match = (
        Event.id == int(key) if key.isdigit() and int(key) <= MAX_ID else Event.identifier == key
    )
    found = await ctx.session.scalar(select(Event.id).where(match, Event.deleted_at.is_(None)))
    if found is None:
        raise ObjectNotFound(f"event {key!r} not found")
    return int(found)


async def start_printing(ctx: RequestContext, query: Mapping[str, str]) -> str:
    chosen = await _selection(ctx, query)
    await _staff(ctx, chosen.event_id)
    if not await form_layouts(ctx.session, chosen.event_id):
        raise ObjectNotFound("The event has no badge form")
    job_id = await enqueue(
        PRINT, chosen.event_id, chosen.ticket_id, chosen.attendee_id, list(chosen.shown)
    )
    return f"/v1/tasks/{job_id}"


async def printed(ctx: RequestContext, pdf_id: str) -> bytes:
    """The PDF, for the event's staff only; anyone else learns nothing (404)."""
    number = int(pdf_id) if pdf_id.isdigit() and int(pdf_id) <= MAX_ID else None
    made = None if number is None else await ctx.session.get(BadgePdf, number)
    if made is None or not await holds(ctx, made.event_id, STAFF_ROLES):
        raise ObjectNotFound("badge PDF not found")
    return bytes(made.content)


async def ticket_fields(ctx: RequestContext, ticket_id: str) -> list[dict[str, Any]]:
    ticket = await ctx.session.get(Ticket, _number(ticket_id, "ticket_id"))
    if ticket is None or ticket.deleted_at is not None:
        raise ObjectNotFound("ticket not found")
    await _staff(ctx, ticket.event_id)
    layout = (await form_layouts(ctx.session, ticket.event_id)).get(ticket.badge_id or "")
    if layout is None:
        raise ObjectNotFound("This ticket has no badge form")
    return [{"id": position, **spec} for position, spec in enumerate(layout.fields, start=1)]


def _form_fields(form: dict[str, Any]) -> dict[str, Any]:
    """A form as the client sends it for a preview (camelCase or underscored keys)."""
    keys = {normal(str(key)): value for key, value in form.items()}
    fields = keys.get("badgefields") or []
    if not isinstance(fields, list) or len(fields) > 50:
        raise ValidationFailed("badgeFields: a list of at most 50 fields", pointer="/badgeForms")
    try:
        checked = [BadgeField.model_validate(f).model_dump() for f in fields]
        size = _checked(BadgeSize, keys.get("badgesize"))
        orientation = _checked(Orientation, keys.get("badgeorientation"))
    except ValidationError as exc:
        raise ValidationFailed(
            f"badgeForms: {exc.errors()[0]['msg']}", pointer="/badgeForms"
        ) from None
    color = keys.get("badgecolor") if isinstance(keys.get("badgecolor"), str) else None
    return {"size": size, "orientation": orientation, "color": color, "fields": checked}


def _checked(kind: Any, value: Any) -> Any:
    from pydantic import TypeAdapter

    return None if value is None else TypeAdapter(kind).validate_python(value)


async def preview(body: dict[str, Any]) -> bytes:
    forms = body.get("badgeForms")
    if not isinstance(forms, list) or not forms or len(forms) > MAX_PREVIEW_FORMS:
        raise ValidationFailed(
            f"badgeForms: a list of 1 to {MAX_PREVIEW_FORMS} badge forms", pointer="/badgeForms"
        )
    pages = []
    for form in forms:
        if not isinstance(form, dict):
            raise ValidationFailed("badgeForms: each form is an object", pointer="/badgeForms")
        given = _form_fields(form)
        layout = layout_of(given["size"], given["orientation"], given["color"], given["fields"])
        samples = {key_of(f): str(f.get("sample_text") or "") for f in layout.fields}
        pages.append((layout, Holder(samples, "https://eventyay.com")))
    return await asyncio.to_thread(badges_pdf, pages, "Badge preview")


async def add_font(ctx: RequestContext, event: str, body: dict[str, Any]) -> dict[str, Any]:
    event_id = await _event_id(ctx, event)
    await _staff(ctx, event_id, COORGANIZERS)
    name, content = fonts.font_name(body), fonts.font_bytes(body)
    await asyncio.to_thread(fonts.check_font, content)
    existing = await ctx.session.scalar(
        select(BadgeFont).where(BadgeFont.event_id == event_id, BadgeFont.name == name)
    )
    if existing is not None:
        existing.content = content
    else:
        existing = BadgeFont(event_id=event_id, name=name, content=content)
        ctx.session.add(existing)
    await ctx.session.flush()
    return {"id": existing.id, "name": name, "bytes": len(content)}
