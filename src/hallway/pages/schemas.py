"""What an admin may send about a page."""

from __future__ import annotations

from typing import Annotated, Literal

import nh3
from pydantic import AfterValidator, Field

from hallway.jsonapi import Attributes, Int32


def _clean_html(value: str | None) -> str | None:
    return None if value is None else nh3.clean(value)


Html = Annotated[str | None, AfterValidator(_clean_html)]
Place = Literal["footer", "event"]


class PageFields(Attributes):
    """Every writable attribute; all optional, so this is also the update schema."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, min_length=1, max_length=1000)
    description: Html = None
    place: Place | None = None
    language: str | None = Field(default=None, max_length=100)
    index: Int32 | None = None


class PageCreate(PageFields):
    name: str = Field(min_length=1, max_length=200)
    url: str = Field(min_length=1, max_length=1000)
    index: Int32 = 0


class PageUpdate(PageFields):
    """Partial: only the attributes sent are applied."""
