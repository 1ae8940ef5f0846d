"""What schedules add to the event: `ical-url`, `xcal-url` and `pentabarf-url` name the
exports of its schedule once it is published (null before), absolute: the frontend that links
to them is served from another origin than the API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hallway.jsonapi import Attachment

SUFFIXES = {
    "ical_url": ".ics?include_sessions",
    "xcal_url": ".xcs",
    "pentabarf_url": ".xml",
}


def _url(origin: str, suffix: str) -> Callable[[Mapping[str, Any]], str | None]:
    def url(row: Mapping[str, Any]) -> str | None:
        published = row["state"] == "published" and row["schedule_published_on"] is not None
        return f"{origin}/v1/events/{row['identifier']}{suffix}" if published else None

    return url


def schedule_attachments(origin: str) -> list[Attachment]:
    """`origin`: the API's public origin (PUBLIC_URL, or the address it listens on)."""
    computed = {name: _url(origin.rstrip("/"), suffix) for name, suffix in SUFFIXES.items()}
    return [Attachment("event", computed=computed)]
