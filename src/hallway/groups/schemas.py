"""What a client may send about a group and a follow."""

from __future__ import annotations

from typing import Annotated

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from hallway.jsonapi import Attributes, WebAddress

Url = WebAddress


class SocialLink(BaseModel):
    """One link of a group's page; the client sends `is_custom` (also read as `is-custom`)."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(max_length=200)
    link: WebAddress = None
    is_custom: bool = Field(default=False, validation_alias=AliasChoices("is_custom", "is-custom"))


SocialLinks = Annotated[list[SocialLink] | None, Field(max_length=50)]


class GroupFields(Attributes):
    """Every writable attribute; all optional, so this is also the update schema."""

    name: str | None = Field(default=None, min_length=1, max_length=500)
    about: str | None = Field(default=None, max_length=10_000)
    logo_url: Url = None
    banner_url: Url = None
    social_links: SocialLinks = None
    is_promoted: bool | None = None


class GroupCreate(GroupFields):
    name: str = Field(min_length=1, max_length=500)


class GroupUpdate(GroupFields):
    """Partial: only the attributes sent are applied."""


class FollowCreate(Attributes):
    """A follow has no attributes: it links the caller to a group."""
