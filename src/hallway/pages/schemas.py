"""What an admin may send about a page."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from hallway.jsonapi import Attributes, Html, Int32


def _page_address(value: str) -> str:
    """A path on the site (`/about`) or an http(s) address; no other scheme."""
    if urlsplit(value.strip()).scheme not in ("", "http", "https"):
        raise ValueError("must be a path or an http:// or https:// address")
    return value


PageAddress = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_page_address)]
Place = Literal["footer", "event"]


class PageFields(Attributes):
    """Every writable attribute; all optional, so this is also the update schema."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    url: PageAddress | None = None
    description: Html = None
    place: Place | None = None
    language: str | None = Field(default=None, max_length=100)
    index: Int32 | None = None


class PageCreate(PageFields):
    name: str = Field(min_length=1, max_length=200)
    url: PageAddress
    index: Int32 = 0


class PageUpdate(PageFields):
    """Partial: only the attributes sent are applied."""
