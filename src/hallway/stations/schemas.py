"""What the event's staff send about stations, check-ins and head counts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from hallway.jsonapi import Attributes

StationType = Literal["registration", "daily", "check in", "check out"]
Pax = Annotated[int, Field(ge=0, le=1_000_000)]


class StationCreate(Attributes):
    station_name: str = Field(min_length=1, max_length=255)
    station_type: StationType


class StationUpdate(StationCreate):
    station_name: str = Field(default=None, min_length=1, max_length=255)  # type: ignore[assignment]
    station_type: StationType = None  # type: ignore[assignment]


class UserCheckInCreate(Attributes):
    """A check-in is made of its relationships only (station, ticket holder, session)."""


class StationStorePaxCreate(Attributes):
    current_pax: Pax


class StationStorePaxUpdate(StationStorePaxCreate):
    current_pax: Pax = None  # type: ignore[assignment]
