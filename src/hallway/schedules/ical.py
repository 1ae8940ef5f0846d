"""The schedule as iCalendar (RFC 5545): one VEVENT for the event, one per scheduled session.

Text values are escaped (backslash, semicolon, comma, newline) and lines folded at 75
octets, as the RFC asks; times are UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from hallway.events.models import Event
from hallway.schedules.service import Schedule, Slot
from hallway.schedules.text import description, plain

PRODID = "-//Hallway//Event schedule//EN"
LIMIT = 75


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets go on in continuation lines starting with a space (never
    cutting a UTF-8 character)."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        limit = LIMIT if not out else LIMIT - 1
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, now: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.identifier}@hallway",
        f"DTSTAMP:{now}",
        f"DTSTART:{stamp(event.starts_at)}",
        f"DTEND:{stamp(event.ends_at)}",
        f"SUMMARY:{escape(event.name)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(plain(event.description))}")
    if event.location_name:
        lines.append(f"LOCATION:{escape(event.location_name)}")
    return [*lines, "END:VEVENT"]


def _slot_lines(slot: Slot, now: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:session-{slot.id}@hallway",
        f"DTSTAMP:{now}",
        f"DTSTART:{stamp(slot.starts_at)}",
        f"DTEND:{stamp(slot.ends_at)}",
        f"SUMMARY:{escape(slot.title)}",
        f"LOCATION:{escape(slot.room)}",
    ]
    text = description(slot)
    if text:
        lines.append(f"DESCRIPTION:{escape(text)}")
    if slot.track:
        lines.append(f"CATEGORIES:{escape(slot.track)}")
    return [*lines, "END:VEVENT"]


def render(event: Event, schedule: Schedule | None) -> str:
    """The calendar of the event, with the sessions of its schedule when one is given."""
    now = stamp(datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(event.name)}",
        *_event_lines(event, now),
    ]
    for slot in schedule.slots if schedule is not None else ():
        lines += _slot_lines(slot, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
