"""The `event` resource: `/v1/events`, its identifier URLs, relationships and nested lists; and
`event-copyright`: `/v1/event-copyrights` and `/v1/events/{id}/event-copyright`, one licence per
event."""

from __future__ import annotations

from typing import Any

from hallway.events import service
from hallway.events.models import Event, EventCopyright
from hallway.events.policy import copyright_policy, event_policy, public_profile, with_role
from hallway.events.schemas import CopyrightCreate, CopyrightUpdate, EventCreate, EventUpdate
from hallway.jsonapi import Attachment, Hooks, Resource, ToOne


def _relationships() -> dict[str, Any]:
    return {
        "event_type": ToOne("event-type", writable=True),
        "event_topic": ToOne("event-topic", writable=True),
        "event_sub_topic": ToOne("event-sub-topic", writable=True),
        "event_copyright": ToOne("event-copyright", key="event_copyright_id"),
        "group": ToOne("group", writable=True),
    }


def event_resource() -> Resource:
    # The export URLs are attached by the schedules domain, which serves them.
    exports = ("ical_url", "xcal_url", "pentabarf_url")
    attributes = [
        c.key
        for c in Event.__table__.columns
        if c.key != "id" and not c.foreign_keys and c.key not in exports
    ]
    return Resource(
        type="event",
        model=Event,
        identifier="identifier",
        client_key="identifier",
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
            "group",
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
            before_create=service.check_group,
            after_create=service.make_creator_owner,
            apply=service.apply_changes,
            before_update=service.check_group,
        ),
        list_params={"withRole": with_role},
    )


def copyright_resource() -> Resource:
    return Resource(
        type="event-copyright",
        model=EventCopyright,
        attributes=(
            "licence",
            "holder",
            "holder_url",
            "licence_url",
            "year",
            "logo_url",
            "deleted_at",
        ),
        create=CopyrightCreate,
        update=CopyrightUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("licence", "holder", "year"),
        sorts=("licence", "year"),
        policy=copyright_policy,
    )


def event_attachments() -> list[Attachment]:
    """Hosts of published events have a public profile; an account that owns live events
    cannot be deleted."""
    return [
        Attachment("user", readable=public_profile, before_delete=service.refuse_owner_deletion)
    ]
