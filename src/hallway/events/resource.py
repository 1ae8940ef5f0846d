"""The `event` resource: `/v1/events`, its identifier URLs, relationships and nested lists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

from hallway.auth.rules import actor_of
from hallway.events import service
from hallway.events.models import Event
from hallway.events.policy import event_policy, public_profile
from hallway.events.schemas import EventCreate, EventUpdate
from hallway.jsonapi import Attachment, Hooks, RequestContext, Resource, ToOne
from hallway.roles.rules import ANY_ROLE, events_where


async def _with_role(ctx: RequestContext, value: str) -> ColumnElement[bool]:
    """`?withRole`: only events where the caller holds a role (none for anonymous callers)."""
    actor = actor_of(ctx)
    if value.lower() in ("false", "0"):
        return true()
    if actor is None:
        return false()
    clause: ColumnElement[bool] = Event.id.in_(events_where(actor.id, ANY_ROLE))
    return clause


def _relationships() -> dict[str, Any]:
    return {
        "event_type": ToOne("event-type", writable=True),
        "event_topic": ToOne("event-topic", writable=True),
        "event_sub_topic": ToOne("event-sub-topic", writable=True),
        "event_copyright": ToOne("event-copyright"),
    }


def event_resource() -> Resource:
    attributes = [c.key for c in Event.__table__.columns if c.key != "id" and not c.foreign_keys]
    return Resource(
        type="event",
        model=Event,
        identifier="identifier",
        soft_delete=True,
        attributes=attributes,
        create=EventCreate,
        update=EventUpdate,
        relationships=_relationships(),
        filters=(
            "name",
            "state",
            "privacy",
            "starts_at",
            "ends_at",
            "timezone",
            "online",
            "identifier",
            "location_name",
            "searchable_location_name",
            "is_featured",
            "is_promoted",
            "is_demoted",
            "is_announced",
            "logo_url",
            "original_image_url",
            "is_sessions_speakers_enabled",
            "is_cfs_enabled",
            "is_ticket_form_enabled",
            "created_at",
            "deleted_at",
            "event_type",
            "event_topic",
            "event_sub_topic",
            "owner",
            "speakers_call",
            "tickets",
            "sessions",
            "speakers",
        ),
        sorts=(
            "name",
            "starts_at",
            "ends_at",
            "created_at",
            "identifier",
            "state",
            "location_name",
        ),
        policy=event_policy,
        hooks=Hooks(
            build=service.build_event,
            after_create=service.make_creator_owner,
            apply=service.apply_changes,
        ),
        list_params={"withRole": _with_role},
    )


def event_attachments() -> list[Attachment]:
    """Hosts of published events have a public profile; an account that owns live events
    cannot be deleted."""
    return [
        Attachment("user", readable=public_profile, before_delete=service.refuse_owner_deletion)
    ]
