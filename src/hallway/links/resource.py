"""`social-link`: `/v1/social-links` and `/v1/events/{id|identifier}/social-links`."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Resource, ToMany, ToOne, relate
from hallway.links.models import SocialLink, social_links_of
from hallway.links.policy import social_link_policy
from hallway.links.schemas import SocialLinkCreate, SocialLinkUpdate


def social_link_resource() -> Resource:
    return Resource(
        type="social-link",
        model=SocialLink,
        attributes=("name", "link", "identifier", "deleted_at"),
        create=SocialLinkCreate,
        update=SocialLinkUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("name", "link", "identifier", "deleted_at", "event"),
        sorts=("name", "id"),
        soft_delete=True,
        policy=social_link_policy,
    )


def social_link_attachments() -> list[Attachment]:
    return [relate("event", social_links=ToMany("social-link", orm=social_links_of))]
