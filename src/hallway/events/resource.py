"""The `event` resource: `/v1/events`, its identifier URLs, relationships and nested lists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

from hallway.auth.rules import actor_of
from hallway.events import service
from hallway.events.models import Event
from hallway.events.policy import event_policy
from hallway.events.schemas import EventCreate, EventUpdate
from hallway.jsonapi import Hooks, RequestContext, Resource, ToMany, ToOne
from hallway.roles.rules import ANY_ROLE, events_where

# Domains that have not landed yet: links now, empty answers until they do.
PLANNED_MANY = {
    "tickets": "ticket",
    "faqs": "faq",
    "faq_types": "faq-type",
    "feedbacks": "feedback",
    "ticket_tags": "ticket-tag",
    "microlocations": "microlocation",
    "social_links": "social-link",
    "tracks": "track",
    "sponsors": "sponsor",
    "session_types": "session-type",
    "sessions": "session",
    "speakers": "speaker",
    "custom_forms": "custom-form",
    "exhibitors": "exhibitor",
    "session_favourites": "user-favourite-session",
    "speaker_invites": "speaker-invite",
    "station": "station",
    "badge_forms": "badge-form",
    "tags": "tag",
    "event_invoices": "event-invoice",
    "discount_codes": "discount-code",
    "orders": "order",
    "role_invites": "role-invite",
    "access_codes": "access-code",
    "attendees": "attendee",
}
PLANNED_ONE = {
    "speakers_call": "speakers-call",
    "tax": "tax",
    "group": "group",
    "stripe_authorization": "stripe-authorization",
    "order_statistics": "order-statistics-event",
    "general_statistics": "event-statistics-general",
    "video_stream": "video-stream",
}


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
    users = {
        name: ToMany("user")
        for name in ("organizers", "coorganizers", "track_organizers", "registrars", "moderators")
    }
    return {
        "event_type": ToOne("event-type", writable=True),
        "event_topic": ToOne("event-topic", writable=True),
        "event_sub_topic": ToOne("event-sub-topic", writable=True),
        "event_copyright": ToOne("event-copyright"),
        "owner": ToOne("user"),
        **users,
        "roles": ToMany("users-events-roles"),
        **{name: ToMany(type_, planned=True) for name, type_ in PLANNED_MANY.items()},
        **{name: ToOne(type_, planned=True) for name, type_ in PLANNED_ONE.items()},
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
