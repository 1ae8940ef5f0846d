"""What co-organizers may send about social links."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from hallway.jsonapi import Attributes, RequiredWebAddress

Name = Annotated[str, Field(min_length=1, max_length=200)]


class SocialLinkCreate(Attributes):
    name: Name
    link: RequiredWebAddress
    identifier: str | None = Field(default=None, max_length=200)


class SocialLinkUpdate(SocialLinkCreate):
    """An attribute that is not sent is left alone; one sent must be valid."""

    name: Name = None  # type: ignore[assignment]
    link: RequiredWebAddress = None
