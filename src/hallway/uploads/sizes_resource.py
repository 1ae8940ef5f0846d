"""`event-image-size` and `speaker-image-size`: singletons at `/v1/event-image-sizes` (id 1)
and `/v1/speaker-image-sizes` (id 2), also at `/…/{id}`. Anyone reads them; only admins
change them (a caller without a token is asked to sign in)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from hallway.auth.policy import actor_of
from hallway.errors import Unauthorized
from hallway.jsonapi import Attributes, Policy, RequestContext, Resource, Rule, anyone
from hallway.uploads.sizes import (
    EVENT_SIZES_ID,
    SPEAKER_SIZES_ID,
    EventImageSize,
    SpeakerImageSize,
)

Pixels = Annotated[int | None, Field(default=None, ge=1, le=10_000)]
Quality = Annotated[int | None, Field(default=None, ge=1, le=100)]
Type = Annotated[str | None, Field(default=None, max_length=40)]


class EventImageSizeUpdate(Attributes):
    type: Type
    full_width: Pixels
    full_height: Pixels
    full_aspect: bool | None = None
    full_quality: Quality
    icon_width: Pixels
    icon_height: Pixels
    icon_aspect: bool | None = None
    icon_quality: Quality
    thumbnail_width: Pixels
    thumbnail_height: Pixels
    thumbnail_aspect: bool | None = None
    thumbnail_quality: Quality
    logo_width: Pixels
    logo_height: Pixels


class SpeakerImageSizeUpdate(Attributes):
    type: Type
    small_size_width_height: Pixels
    small_size_quality: Quality
    thumbnail_size_width_height: Pixels
    thumbnail_size_quality: Quality
    icon_size_width_height: Pixels
    icon_size_quality: Quality


async def _signed_in_admin(ctx: RequestContext, obj: Any) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        raise Unauthorized("Sign in as an admin to change the image sizes")
    return actor.is_staff


signed_in_admin = Rule("signed_in_admin", check=_signed_in_admin)
size_policy = Policy(view=anyone, update=signed_in_admin)


def image_size_resources() -> list[Resource]:
    return [
        Resource(
            type="event-image-size",
            model=EventImageSize,
            attributes=tuple(EventImageSizeUpdate.model_fields),
            update=EventImageSizeUpdate,
            deletable=False,
            singleton=str(EVENT_SIZES_ID),
            policy=size_policy,
        ),
        Resource(
            type="speaker-image-size",
            model=SpeakerImageSize,
            attributes=tuple(SpeakerImageSizeUpdate.model_fields),
            update=SpeakerImageSizeUpdate,
            deletable=False,
            singleton=str(SPEAKER_SIZES_ID),
            policy=size_policy,
        ),
    ]
