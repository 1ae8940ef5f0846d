"""What co-organizers may send about sponsors and exhibitors."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from hallway.jsonapi import Attributes, Html, Int32, RequiredWebAddress, WebAddress

Name = Annotated[str, Field(min_length=1, max_length=200)]

# Update schemas: an attribute that is not sent is left alone; one sent must be valid.


class SponsorCreate(Attributes):
    name: Name
    description: Html = None
    url: WebAddress = None
    level: Int32 | None = None
    logo_url: WebAddress = None
    type: str | None = Field(default=None, max_length=200)


class SponsorUpdate(SponsorCreate):
    name: Name = None  # type: ignore[assignment]


class ExhibitorSocialLink(BaseModel):
    """One entry of an exhibitor's `social-links`, as the client keeps them."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=1, max_length=200)
    link: RequiredWebAddress
    is_custom: bool = False


class ExhibitorCreate(Attributes):
    name: Name
    status: Literal["pending", "accepted"] = "pending"
    description: Html = None
    url: WebAddress = None
    position: Int32 = 0
    logo_url: WebAddress = None
    banner_url: WebAddress = None
    thumbnail_image_url: WebAddress = None
    enable_video_room: bool = False
    video_url: WebAddress = None
    slides_url: WebAddress = None
    contact_email: EmailStr | None = None
    contact_link: WebAddress = None
    social_links: list[ExhibitorSocialLink] = Field(default_factory=list, max_length=50)


class ExhibitorUpdate(ExhibitorCreate):
    name: Name = None  # type: ignore[assignment]
    status: Literal["pending", "accepted"] = None  # type: ignore[assignment]
    position: Int32 = None  # type: ignore[assignment]
    enable_video_room: bool = None  # type: ignore[assignment]
    social_links: list[ExhibitorSocialLink] = None  # type: ignore[assignment]


class ReorderItem(BaseModel):
    """One entry of `POST /v1/events/{id}/reorder-exhibitors`."""

    exhibitor: int = Field(ge=1, le=2**31 - 1)
    position: Int32
