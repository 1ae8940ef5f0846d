"""What a PATCH or DELETE of an attendee may do.

The buyer fills in their attendees while the order is being made; the event's co-organizers
correct them at any time while the order is live. Check-in (`is-checked-in`,
`checkin-times`, `device-name-checkin`, check-out, registration, badges) is the event's
staff's — owner, organizers, co-organizers, registrars — and only for attendees of placed or
completed orders; a buyer never checks themselves in. Clients send the whole attendee back,
so only the values that change count."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select

from hallway.auth.policy import actor_of
from hallway.errors import Forbidden, ValidationFailed
from hallway.events.models import Event
from hallway.forms.answers import check_answers
from hallway.jsonapi import RequestContext
from hallway.loading import load
from hallway.orders import stock
from hallway.orders.models import LIVE_STATUSES, Attendee, Order, Tag
from hallway.orders.policy import STAFF_ROLES, roles_on
from hallway.orders.schemas import CHECKIN_FIELDS
from hallway.roles.policy import COORGANIZERS
from hallway.tickets.models import Ticket

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CHECKED_IN = ("placed", "completed")
MAX_ANSWERS_BYTES = 64 * 1024


def _invalid(name: str, message: str) -> ValidationFailed:
    wire = name.replace("_", "-")
    return ValidationFailed(f"{wire}: {message}", pointer=f"/data/attributes/{wire}")


async def _order(ctx: RequestContext, attendee: Attendee) -> Order:
    order = await load(ctx.session, Order, attendee.order_id)
    assert order is not None
    return order


async def apply_attendee(ctx: RequestContext, attendee: Attendee, values: dict[str, Any]) -> None:
    actor = actor_of(ctx)
    order = await _order(ctx, attendee)
    roles = await roles_on(ctx, attendee.event_id)
    is_buyer = actor is not None and order.user_id == actor.id
    staff = bool(roles & {*STAFF_ROLES, "admin"})
    manager = bool(roles & {*COORGANIZERS, "admin"})
    changes = {k: v for k, v in values.items() if getattr(attendee, k) != v}
    checkin = {name: changes.pop(name) for name in list(changes) if name in CHECKIN_FIELDS}
    if checkin.get("tag_id") is not None:
        await _check_tag(ctx, attendee, checkin["tag_id"])
    if checkin:
        if not staff:
            raise Forbidden("Only the event's staff check attendees in")
        if order.status not in CHECKED_IN:
            raise _invalid("is_checked_in", f"the attendee's order is {order.status}")
        _check_in(attendee, checkin)
    if changes:
        _check_details(changes, order, is_buyer=is_buyer, manager=manager)
    for name, value in changes.items():
        setattr(attendee, name, value)
    if "complex_field_values" in changes:
        # Answers are checked as they come; whether every required one is there, when the
        # order is placed or completed.
        await check_attendee_answers(ctx, attendee, required=False)


_FORM_OF_TICKET = select(Ticket.form_id).where(Ticket.id == bindparam("_ticket"))
UNREAD = object()  # the ticket's form id, not read yet


async def check_attendee_answers(
    ctx: RequestContext,
    attendee: Attendee,
    *,
    required: bool = True,
    skip: tuple[str, ...] = (),
    form_id: Any = UNREAD,
) -> None:
    """The attendee's answers to the form of their ticket (its `form_id`, read here unless
    given), when the event asks them."""
    event = await load(ctx.session, Event, attendee.event_id)
    if event is None or not event.is_ticket_form_enabled:
        return
    if form_id is UNREAD:
        form_id = await ctx.session.scalar(_FORM_OF_TICKET, {"_ticket": attendee.ticket_id})
    await check_answers(
        ctx.session, "attendee", attendee, form_id=form_id, skip=skip, required=required
    )


def _check_details(changes: dict[str, Any], order: Order, *, is_buyer: bool, manager: bool) -> None:
    if not (is_buyer or manager):
        raise Forbidden("Only the buyer and the event's organizers change attendee details")
    if order.status not in LIVE_STATUSES:
        raise ValidationFailed(f"the order is {order.status}", pointer="/data/attributes")
    overdue = order.expires_at is not None and order.expires_at < datetime.now(UTC)
    if not manager and (order.status != "initializing" or overdue):
        raise ValidationFailed(
            "attendee details are filled in while the order is being made",
            pointer="/data/attributes",
        )
    email = changes.get("email")
    if email is not None and not EMAIL.fullmatch(email):
        raise _invalid("email", "not an e-mail address")
    answers = changes.get("complex_field_values")
    if answers is not None and len(repr(answers)) > MAX_ANSWERS_BYTES:
        raise _invalid("complex_field_values", "too large")


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _entries(history: str | None) -> list[str]:
    return [item for item in (history or "").split(",") if item]


def _one_more(history: str | None, sent: Any, name: str) -> str | None:
    """The entry a client appended to a history (`checkin-times`): the Open Event apps send
    the whole history with one more time. None when nothing was added; a rewrite is refused."""
    if sent is None:
        return None
    before, after = _entries(history), _entries(sent)
    if after == before:
        return None
    if len(after) == len(before) + 1 and after[: len(before)] == before:
        return after[-1]
    raise _invalid(name, "append one time to the history at a time")


def _check_in(attendee: Attendee, changes: dict[str, Any]) -> None:
    """Checking in or out (by the flag, or by a time appended to its history) appends to its
    history; other check-in fields are set as sent."""
    going_in = changes.pop("is_checked_in", None)
    going_out = changes.pop("is_checked_out", None)
    new_in = _one_more(attendee.checkin_times, changes.pop("checkin_times", None), "checkin_times")
    new_out = _one_more(
        attendee.checkout_times, changes.pop("checkout_times", None), "checkout_times"
    )
    devices = changes.pop("device_name_checkin", None)
    if going_in is True or new_in:
        stamp = new_in or _stamp()
        device = (_entries(devices) or ["-"])[-1] if isinstance(devices, str) else "-"
        attendee.checkin_times = ",".join([*_entries(attendee.checkin_times), stamp])
        attendee.device_name_checkin = ",".join([*_entries(attendee.device_name_checkin), device])
        attendee.is_checked_in, attendee.is_checked_out = True, False
    elif going_in is False:
        attendee.is_checked_in = False
    if going_out is True or new_out:
        stamp = new_out or _stamp()
        attendee.checkout_times = ",".join([*_entries(attendee.checkout_times), stamp])
        attendee.is_checked_out, attendee.is_checked_in = True, False
    elif going_out is False:
        attendee.is_checked_out = False
    for name, value in changes.items():
        setattr(attendee, name, value)


async def before_delete(ctx: RequestContext, attendee: Attendee) -> None:
    """An attendee taken out of a live order gives its ticket back."""
    order = await _order(ctx, attendee)
    if order.status in LIVE_STATUSES and attendee.deleted_at is None:
        await stock.give_back_attendee(ctx.session, attendee, order)


async def _check_tag(ctx: RequestContext, attendee: Attendee, tag_id: int) -> None:
    tag = await ctx.session.get(Tag, tag_id)
    if tag is None or tag.event_id != attendee.event_id:
        raise _invalid("tag_id", "not a tag of this event")


async def keep_read_only_tags(ctx: RequestContext, tag: Tag) -> None:
    if tag.is_read_only:
        raise ValidationFailed("A read-only tag is not deleted", pointer="/data")
