"""Base classes and field types for the Pydantic schemas that validate request attributes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from hallway.jsonapi.names import dasherize


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
"""A datetime normalised to UTC; a value without an offset is taken as UTC."""


class Attributes(BaseModel):
    """Attributes arrive dasherized (underscores accepted too). Unknown and read-only attributes
    are ignored, as Open Event clients send whole models back."""

    model_config = ConfigDict(
        extra="ignore",
        alias_generator=dasherize,
        populate_by_name=True,
        str_strip_whitespace=False,
    )
