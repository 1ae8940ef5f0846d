"""Plain text for the exports: HTML fields lose their tags, and speakers are named."""

from __future__ import annotations

import html

import nh3

from hallway.schedules.service import Slot


def plain(value: str | None) -> str:
    """The text of an HTML field: tags dropped, entities decoded, runs of blanks collapsed."""
    if not value:
        return ""
    text = html.unescape(nh3.clean(value, tags=set()))
    return " ".join(text.split())


def description(slot: Slot) -> str:
    parts = [plain(slot.abstract)]
    if slot.speakers:
        parts.append("Speakers: " + ", ".join(name for _, name in slot.speakers))
    return "\n\n".join(part for part in parts if part)
