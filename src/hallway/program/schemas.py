"""What co-organizers may send about tracks, rooms, session types and video streams."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from hallway.jsonapi import Attributes, Html, Int32, RequiredWebAddress, WebAddress

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_LENGTH = re.compile(r"(\d{2}):(\d{2})")


def _color(value: str) -> str:
    """`#rrggbb` (a `#rgb` or a missing `#` is accepted and written out in full)."""
    found = _HEX.fullmatch(value.strip())
    if found is None:
        raise ValueError("must be a colour like #a04b4b")
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.lower()


def _length(value: str) -> str:
    found = _LENGTH.fullmatch(value.strip())
    if found is None or int(found.group(2)) > 59:
        raise ValueError("must be a duration HH:MM, e.g. 00:30")
    return found.group(0)


Color = Annotated[str, AfterValidator(_color)]
Length = Annotated[str, AfterValidator(_length)]
Name = Annotated[str, Field(min_length=1, max_length=200)]

# Update schemas: an attribute that is not sent is left alone (its default is never applied or
# validated); one sent must be valid, so a required value cannot be emptied with `null`.


class TrackCreate(Attributes):
    name: Name
    color: Color
    description: Html = None
    position: Int32 = 0


class TrackUpdate(TrackCreate):
    name: Name = None  # type: ignore[assignment]
    color: Color = None  # type: ignore[assignment]
    position: Int32 = None  # type: ignore[assignment]


class SessionTypeCreate(Attributes):
    name: Name
    length: Length = "00:30"
    position: Int32 = 0


class SessionTypeUpdate(SessionTypeCreate):
    name: Name = None  # type: ignore[assignment]
    length: Length = None  # type: ignore[assignment]
    position: Int32 = None  # type: ignore[assignment]


class MicrolocationCreate(Attributes):
    name: Name
    room: str | None = Field(default=None, max_length=200)
    floor: Int32 | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    position: Int32 = 0
    hidden_in_scheduler: bool = False
    is_chat_enabled: bool = False
    is_global_event_room: bool = False


class MicrolocationUpdate(MicrolocationCreate):
    name: Name = None  # type: ignore[assignment]
    position: Int32 = None  # type: ignore[assignment]
    hidden_in_scheduler: bool = None  # type: ignore[assignment]
    is_chat_enabled: bool = None  # type: ignore[assignment]
    is_global_event_room: bool = None  # type: ignore[assignment]


class VideoStreamCreate(Attributes):
    name: Name
    url: RequiredWebAddress
    password: str | None = Field(default=None, max_length=200)
    bg_img_url: WebAddress = None
    additional_information: Html = None
    extra: dict[str, Any] | None = None
    is_chat_enabled: bool = False
    is_global_event_room: bool = False


class VideoStreamUpdate(VideoStreamCreate):
    name: Name = None  # type: ignore[assignment]
    url: RequiredWebAddress = None
    is_chat_enabled: bool = None  # type: ignore[assignment]
    is_global_event_room: bool = None  # type: ignore[assignment]
