"""Base classes and field types for the Pydantic schemas that validate request attributes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

import nh3
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from hallway.jsonapi.names import dasherize


def _as_utc(value: datetime) -> datetime:
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the date is out of range") from None


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
"""A datetime normalised to UTC; a value without an offset is taken as UTC."""

Int32 = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
"""An integer that fits an `Integer` column on every database."""


def _null_is_zero(value: Any) -> Any:
    return 0 if value is None else value


ZeroIfNull = Annotated[Int32, BeforeValidator(_null_is_zero)]
"""A position or order the client may send as null on a new object (its store's empty value):
taken as 0."""


def _web_address(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    address = value.strip()
    if address.startswith("/") and not address.startswith("//"):
        return address  # a path on the site itself (the frontend's licence logos)
    if not urlsplit(address).scheme:  # `example.com/talks`, as the web frontend accepts it
        address = "https://" + address.removeprefix("//")
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http:// or https:// address")
    return address


WebAddress = Annotated[str | None, Field(max_length=1000), AfterValidator(_web_address)]
"""An http(s) address (one without a scheme is taken as https) or a path on the site (`/…`);
blank means none. Any other
scheme (`javascript:`, `data:`, `vbscript:`, `file:`) is refused: these values end up in links
and images on pages."""


def _present(value: str | None) -> str:
    if value is None:
        raise ValueError("an http:// or https:// address is required")
    return value


RequiredWebAddress = Annotated[WebAddress, AfterValidator(_present)]
"""A `WebAddress` that may not be left blank."""


def _clean_html(value: str | None) -> str | None:
    return None if value is None else nh3.clean(value)


Html = Annotated[str | None, AfterValidator(_clean_html)]
"""HTML kept to what is safe to show on a page (scripts, handlers and the like removed)."""


class Attributes(BaseModel):
    """Attributes arrive dasherized (underscores accepted too). Unknown and read-only attributes
    are ignored, as Open Event clients send whole models back."""

    model_config = ConfigDict(
        extra="ignore",
        alias_generator=dasherize,
        populate_by_name=True,
        str_strip_whitespace=False,
    )

    @model_validator(mode="before")
    @classmethod
    def _no_nul_characters(cls, data: Any) -> Any:
        """No database stores U+0000 in text; refuse it up front."""
        if isinstance(data, dict):
            for key, value in data.items():
                if isinstance(value, str) and "\x00" in value:
                    raise ValueError(f"{key}: text may not contain NUL characters")
        return data
