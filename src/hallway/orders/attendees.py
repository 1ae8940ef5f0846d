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

from hallway.auth.policy import actor_of
from hallway.errors import Forbidden, ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.orders import stock
from hallway.orders.lifecycle import roles_on
from hallway.orders.models import LIVE_STATUSES, Attendee, Order, Tag
from hallway.orders.policy import STAFF_ROLES
from hallway.orders.schemas import CHECKIN_FIELDS
from hallway.roles.policy import COORGANIZERS

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CHECKED_IN = ("placed", "completed")
MAX_ANSWERS_BYTES = 64 * 1024


def _invalid(name: str, message: str) -> ValidationFailed:
    wire = name.replace("_", "-")
    return ValidationFailed(f"{wire}: {message}", pointer=f"/data/attributes/{wire}")


async def _order(ctx: RequestContext, attendee: Attendee) -> Order:
    order = await ctx.session.get(Order, attendee.order_id)
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
            raise _invalid("is_checked_in", f"an attendee of a {order.status} order")
        _check_in(attendee, checkin)
    if changes:
        _check_details(changes, order, is_buyer=is_buyer, manager=manager)
    for name, value in changes.items():
        setattr(attendee, name, value)


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


def _appended(old: str | None, sent: Any, default: str) -> str:
    """The history `old` with one more entry: the client's when it sent exactly `old` plus
    one (what the Open Event apps send), else `default`."""
    before = [item for item in (old or "").split(",") if item]
    if isinstance(sent, str):
        items = [item for item in sent.split(",") if item]
        if len(items) == len(before) + 1 and items[: len(before)] == before:
            return ",".join(items)
    return ",".join([*before, default])


def _check_in(attendee: Attendee, changes: dict[str, Any]) -> None:
    """Checking in or out appends to its history; other check-in fields are set as sent."""
    going_in = changes.pop("is_checked_in", None)
    going_out = changes.pop("is_checked_out", None)
    sent_times = changes.pop("checkin_times", None)
    sent_devices = changes.pop("device_name_checkin", None)
    sent_out = changes.pop("checkout_times", None)
    if going_in is True:
        attendee.checkin_times = _appended(attendee.checkin_times, sent_times, _stamp())
        device = sent_devices.split(",")[-1] if isinstance(sent_devices, str) else "-"
        attendee.device_name_checkin = _appended(
            attendee.device_name_checkin, sent_devices, device or "-"
        )
        attendee.is_checked_in, attendee.is_checked_out = True, False
    elif going_in is False:
        attendee.is_checked_in = False
    if going_out is True:
        attendee.checkout_times = _appended(attendee.checkout_times, sent_out, _stamp())
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
