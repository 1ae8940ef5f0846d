"""The schedule as xCal (RFC 6321, iCalendar in XML): the event and each scheduled session
as a `vevent`, built with ElementTree (which escapes every value)."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from hallway.events.models import Event
from hallway.schedules.ical import PRODID
from hallway.schedules.service import Schedule, Slot
from hallway.schedules.text import description, plain

NS = "urn:ietf:params:xml:ns:icalendar-2.0"


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _property(parent: ET.Element, name: str, kind: str, value: str) -> None:
    ET.SubElement(ET.SubElement(parent, name), kind).text = value


def _vevent(components: ET.Element, values: list[tuple[str, str, str]]) -> None:
    properties = ET.SubElement(ET.SubElement(components, "vevent"), "properties")
    for name, kind, value in values:
        if value:
            _property(properties, name, kind, value)


def _slot_values(slot: Slot, now: str) -> list[tuple[str, str, str]]:
    return [
        ("uid", "text", f"session-{slot.id}@hallway"),
        ("dtstamp", "date-time", now),
        ("dtstart", "date-time", _moment(slot.starts_at)),
        ("dtend", "date-time", _moment(slot.ends_at)),
        ("summary", "text", slot.title),
        ("location", "text", slot.room),
        ("description", "text", description(slot)),
        ("categories", "text", slot.track or ""),
    ]


def render(schedule: Schedule) -> bytes:
    event: Event = schedule.event
    now = _moment(datetime.now(UTC))
    root = ET.Element("icalendar", xmlns=NS)
    calendar = ET.SubElement(root, "vcalendar")
    properties = ET.SubElement(calendar, "properties")
    _property(properties, "prodid", "text", PRODID)
    _property(properties, "version", "text", "2.0")
    components = ET.SubElement(calendar, "components")
    _vevent(
        components,
        [
            ("uid", "text", f"event-{event.identifier}@hallway"),
            ("dtstamp", "date-time", now),
            ("dtstart", "date-time", _moment(event.starts_at)),
            ("dtend", "date-time", _moment(event.ends_at)),
            ("summary", "text", event.name),
            ("description", "text", plain(event.description)),
            ("location", "text", event.location_name or ""),
        ],
    )
    for slot in schedule.slots:
        _vevent(components, _slot_values(slot, now))
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
