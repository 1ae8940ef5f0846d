"""`sponsor` and `exhibitor`: `/v1/sponsors`, `/v1/exhibitors`, and each under its event
(`/v1/events/{id|identifier}/sponsors`, `…/exhibitors`)."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate
from hallway.sponsors.models import Exhibitor, Sponsor, exhibitors_of, sponsors_of
from hallway.sponsors.policy import exhibitor_policy, sponsor_policy
from hallway.sponsors.schemas import (
    ExhibitorCreate,
    ExhibitorUpdate,
    SponsorCreate,
    SponsorUpdate,
)
from hallway.sponsors.service import check_exhibitor_sessions


def sponsor_resource() -> Resource:
    return Resource(
        type="sponsor",
        model=Sponsor,
        attributes=("name", "description", "url", "level", "logo_url", "type", "deleted_at"),
        create=SponsorCreate,
        update=SponsorUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("name", "level", "type", "deleted_at", "event"),
        sorts=("name", "level", "type", "id"),
        soft_delete=True,
        policy=sponsor_policy,
    )


def exhibitor_resource() -> Resource:
    return Resource(
        type="exhibitor",
        model=Exhibitor,
        attributes=(
            "name",
            "status",
            "description",
            "url",
            "position",
            "logo_url",
            "banner_url",
            "thumbnail_image_url",
            "enable_video_room",
            "video_url",
            "slides_url",
            "contact_email",
            "contact_link",
            "social_links",
        ),
        create=ExhibitorCreate,
        update=ExhibitorUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "sessions": ToMany("session", writable=True),
        },
        filters=("name", "status", "position", "enable_video_room", "event"),
        sorts=("name", "position", "status", "id"),
        policy=exhibitor_policy,
        hooks=Hooks(before_create=check_exhibitor_sessions, before_update=check_exhibitor_sessions),
    )


def sponsor_resources() -> list[Resource]:
    return [sponsor_resource(), exhibitor_resource()]


def sponsor_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            sponsors=ToMany("sponsor", orm=sponsors_of),
            exhibitors=ToMany("exhibitor", orm=exhibitors_of),
        )
    ]
