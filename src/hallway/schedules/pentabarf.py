"""The schedule as Pentabarf XML (the `schedule.xml` that conference apps read): the
conference, then each day with its rooms and their sessions, times in the event's zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from xml.etree import ElementTree as ET

from hallway.schedules.service import Schedule, Slot
from hallway.schedules.text import plain


def _duration(length: timedelta) -> str:
    minutes = int(length.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text(parent: ET.Element, name: str, value: str | None) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = value or ""
    return element


def _conference(root: ET.Element, schedule: Schedule, first: date, last: date) -> None:
    event = schedule.event
    conference = ET.SubElement(root, "conference")
    _text(conference, "title", event.name)
    _text(conference, "subtitle", "")
    _text(conference, "venue", event.location_name)
    _text(conference, "city", "")
    _text(conference, "start", first.isoformat())
    _text(conference, "end", last.isoformat())
    _text(conference, "days", str((last - first).days + 1))
    _text(conference, "day_change", "00:00")
    _text(conference, "timeslot_duration", "00:05")


def _event(room: ET.Element, slot: Slot, start: datetime) -> None:
    element = ET.SubElement(room, "event", id=str(slot.id))
    _text(element, "start", start.strftime("%H:%M"))
    _text(element, "duration", _duration(slot.ends_at - slot.starts_at))
    _text(element, "room", slot.room)
    _text(element, "slug", f"session-{slot.id}")
    _text(element, "title", slot.title)
    _text(element, "subtitle", slot.subtitle)
    _text(element, "track", slot.track)
    _text(element, "type", slot.kind)
    _text(element, "language", slot.language)
    _text(element, "abstract", plain(slot.abstract))
    _text(element, "description", "")
    persons = ET.SubElement(element, "persons")
    for speaker_id, name in slot.speakers:
        _text(persons, "person", name).set("id", str(speaker_id))
    ET.SubElement(element, "links")


def render(schedule: Schedule) -> bytes:
    zone = schedule.zone
    event = schedule.event
    first = event.starts_at.astimezone(zone).date()
    last = max(first, event.ends_at.astimezone(zone).date())
    days: dict[date, dict[str, list[tuple[Slot, datetime]]]] = {}
    for slot in schedule.slots:
        start = slot.starts_at.astimezone(zone)
        days.setdefault(start.date(), {}).setdefault(slot.room, []).append((slot, start))
    if days:
        first, last = min(first, *days), max(last, *days)
    root = ET.Element("schedule")
    _conference(root, schedule, first, last)
    for day in sorted(days):
        index = (day - first).days + 1
        element = ET.SubElement(root, "day", date=day.isoformat(), index=str(index))
        for name, slots in days[day].items():
            room = ET.SubElement(element, "room", name=name)
            for slot, start in slots:
                _event(room, slot, start)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
