"""Batch check-in for scanners: `POST /v1/events/{id}/check-in-scans` with many scans, each
carrying the scanner's own id. A scan already received (same event, same id) answers what it
answered the first time and changes nothing; so a scanner that was offline sends its whole
backlog, as often as it likes, and nobody is checked in twice.

    {"scans": [{"id": "gate1-0001", "code": "<order identifier>-<attendee identifier>",
                "action": "checkin", "at": "2031-06-01T08:59:00Z", "device": "gate 1"}]}

Each answer is `ok`, `duplicate` (already checked in, or not checked in for a check-out),
`unknown` (no such attendee of this event) or `not-allowed` (the order is not placed or
completed; or the ticket restricts check-in to the event's days and the scan is outside them).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from hallway.auth.policy import actor_of
from hallway.errors import BadRequest, Conflict, Forbidden
from hallway.events.models import Event
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.orders.models import Attendee, CheckInScan, Order
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.tickets.models import Ticket

MAX_SCANS = 500
ACTIONS = ("checkin", "checkout")
# A restricted ticket checks in from the day before the event starts until it ends.
EARLY = timedelta(days=1)


def _bad(index: int, message: str) -> BadRequest:
    return BadRequest(f"scans[{index}]: {message}", pointer=f"/scans/{index}")


def read_scans(body: dict[str, Any]) -> list[dict[str, Any]]:
    scans = body.get("scans")
    if not isinstance(scans, list) or not 1 <= len(scans) <= MAX_SCANS:
        raise BadRequest(f"scans: a list of 1 to {MAX_SCANS} scans", pointer="/scans")
    seen: set[str] = set()
    read = []
    for index, scan in enumerate(scans):
        if not isinstance(scan, dict):
            raise _bad(index, "each scan is an object")
        client_id = scan.get("id")
        if not isinstance(client_id, str) or not 1 <= len(client_id) <= 100:
            raise _bad(index, "id: the scanner's own id, 1 to 100 characters")
        if client_id in seen:
            raise _bad(index, "id: given twice in this batch")
        seen.add(client_id)
        action = scan.get("action", "checkin")
        if action not in ACTIONS:
            raise _bad(index, f"action: one of {', '.join(ACTIONS)}")
        read.append({**scan, "id": client_id, "action": action, "at": _when(scan, index)})
    return read


def _when(scan: dict[str, Any], index: int) -> datetime:
    given = scan.get("at")
    if given is None:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(str(given).replace("Z", "+00:00"))
    except ValueError:
        raise _bad(index, "at: an ISO 8601 time") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


async def receive(ctx: RequestContext, event_key: str, body: dict[str, Any]) -> dict[str, Any]:
    event_id = await find_visible_event(ctx, event_key)
    if not await holds(ctx, event_id, STAFF_ROLES):
        raise Forbidden("Only the event's staff check attendees in")
    scans = read_scans(body)
    event = await ctx.session.get(Event, event_id)
    assert event is not None
    known = {
        scan.client_id: scan
        for scan in await ctx.session.scalars(
            select(CheckInScan).where(
                CheckInScan.event_id == event_id,
                CheckInScan.client_id.in_([scan["id"] for scan in scans]),
            )
        )
    }
    fresh = [scan for scan in scans if scan["id"] not in known]
    found = await _attendees(ctx, event_id, fresh)
    for scan in fresh:
        known[scan["id"]] = _apply(ctx, event, scan, found.get(_key(scan)))
    try:
        await ctx.session.flush()
    except IntegrityError:
        raise Conflict("Another request is handling these scans; send them again") from None
    return {"results": [_answer(known[scan["id"]]) for scan in scans]}


def _answer(scan: CheckInScan) -> dict[str, Any]:
    return {
        "id": scan.client_id,
        "result": scan.result,
        "reason": scan.reason,
        "attendee": None if scan.attendee_id is None else str(scan.attendee_id),
    }


Key = tuple[str, Any]


def _key(scan: dict[str, Any]) -> Key | None:
    """What a scan names: ("code", (order identifier, attendee identifier)) or ("id", id)."""
    code, given_id = scan.get("code"), scan.get("attendee")
    if isinstance(code, str) and "-" in code:
        order_part, _, attendee_part = code.rpartition("-")
        return ("code", (order_part, attendee_part))
    if isinstance(given_id, int | str) and str(given_id).isdigit() and len(str(given_id)) < 10:
        return ("id", int(given_id))
    return None


async def _attendees(ctx: RequestContext, event_id: int, scans: list[dict[str, Any]]) -> Any:
    """Every attendee of the event the scans name, with its order's status and whether its
    ticket restricts check-in: one statement, rows locked in id order (two batches naming the
    same people take their locks in the same order)."""
    keys = [key for scan in scans if (key := _key(scan)) is not None]
    orders = {key[1][0] for key in keys if key[0] == "code"}
    ids = {key[1] for key in keys if key[0] == "id"}
    named = [
        *([Order.identifier.in_(orders)] if orders else []),
        *([Attendee.id.in_(ids)] if ids else []),
    ]
    if not named:
        return {}
    stmt = (
        select(Attendee, Order.identifier, Order.status, Ticket.is_checkin_restricted)
        .join(Order, Order.id == Attendee.order_id)
        .join(Ticket, Ticket.id == Attendee.ticket_id)
        .where(Attendee.event_id == event_id, Attendee.deleted_at.is_(None), or_(*named))
        .order_by(Attendee.id)
        .with_for_update(of=Attendee)
    )
    found: dict[Key, Any] = {}
    for attendee, order_identifier, status, restricted in await ctx.session.execute(stmt):
        row = (attendee, status, restricted)
        found[("code", (order_identifier, attendee.identifier))] = row
        found[("id", attendee.id)] = row
    return found


def _apply(ctx: RequestContext, event: Event, scan: dict[str, Any], found: Any) -> CheckInScan:
    result, reason, attendee = "ok", None, None
    if found is None:
        result, reason = "unknown", "no such attendee of this event"
    else:
        attendee, status, restricted = found
        when = scan["at"]
        if status not in ("placed", "completed"):
            result, reason = "not-allowed", f"the order is {status}"
        elif restricted and not event.starts_at - EARLY <= when <= event.ends_at:
            result, reason = "not-allowed", "restricted ticket: outside the event's days"
        else:
            result, reason = _mark(attendee, scan)
    device = scan.get("device")
    actor = actor_of(ctx)
    stored = CheckInScan(
        event_id=event.id,
        client_id=scan["id"],
        attendee_id=None if attendee is None else attendee.id,
        action=scan["action"],
        device=device[:100] if isinstance(device, str) else None,
        scanned_at=scan["at"],
        result=result,
        reason=reason,
        user_id=None if actor is None else actor.id,
    )
    ctx.session.add(stored)
    return stored


def _append(history: str | None, value: str) -> str:
    return value if not history else f"{history},{value}"


def _mark(attendee: Attendee, scan: dict[str, Any]) -> tuple[str, str | None]:
    stamp = scan["at"].isoformat(timespec="seconds")
    given = scan.get("device")
    device = given[:100] if isinstance(given, str) and given else "-"
    if scan["action"] == "checkin":
        if attendee.is_checked_in:
            return "duplicate", "already checked in"
        attendee.is_checked_in, attendee.is_checked_out = True, False
        attendee.checkin_times = _append(attendee.checkin_times, stamp)
        attendee.device_name_checkin = _append(attendee.device_name_checkin, device)
        return "ok", None
    if not attendee.is_checked_in:
        return "duplicate", "not checked in"
    attendee.is_checked_in, attendee.is_checked_out = False, True
    attendee.checkout_times = _append(attendee.checkout_times, stamp)
    return "ok", None
