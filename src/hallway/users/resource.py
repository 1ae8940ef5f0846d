"""The `user` resource: `/v1/users`, each account and its relationships."""

from __future__ import annotations

from hallway.jsonapi import Hooks, Resource, ToMany
from hallway.users import service
from hallway.users.fields import PRIVATE_PROFILE, PUBLIC_PROFILE
from hallway.users.models import User
from hallway.users.policy import hidden_attributes, user_policy
from hallway.users.schemas import UserCreate, UserUpdate

ATTRIBUTES = (
    "email",
    *PUBLIC_PROFILE,
    *PRIVATE_PROFILE,
    "is_profile_public",
    "is_verified",
    "is_blocked",
    "is_admin",
    "is_super_admin",
    "is_sales_admin",
    "is_marketer",
    "was_registered_with_order",
    "is_rocket_chat_registered",
    "last_accessed_at",
    "created_at",
    "deleted_at",
    *(
        f"is_user_{role}"
        for role in (
            "owner",
            "organizer",
            "coorganizer",
            "track_organizer",
            "moderator",
            "registrar",
        )
    ),
)

# Events by the caller's role in them (read-only: grants change through role invitations).
ROLE_EVENTS = (
    "events",
    "owner_events",
    "organizer_events",
    "coorganizer_events",
    "track_organizer_events",
    "registrar_events",
    "moderator_events",
)
# Events by platform role; they wait for per-event system roles (marketers, sales admins).
SYSTEM_ROLE_EVENTS = ("marketer_events", "sales_admin_events")

# Filled by the domains that own them as they land.
PLANNED = {
    "feedbacks": "feedback",
    "event_invoices": "event-invoice",
    "speakers": "speaker",
    "sessions": "session",
    "groups": "group",
    "attendees": "attendee",
    "orders": "order",
    "favourite_events": "user-favourite-event",
    "favourite_sessions": "user-favourite-session",
    "followed_groups": "user-follow-group",
    "access_codes": "access-code",
    "discount_codes": "discount-code",
    "email_notifications": "email-notification",
    "alternate_emails": "user-email",
}


def user_resource() -> Resource:
    return Resource(
        type="user",
        model=User,
        attributes=ATTRIBUTES,
        create=UserCreate,
        update=UserUpdate,
        relationships={
            "notifications": ToMany("notification"),
            **{name: ToMany("event") for name in ROLE_EVENTS},
            **{name: ToMany("event", planned="user-system-role") for name in SYSTEM_ROLE_EVENTS},
            **{name: ToMany(type_, planned=True) for name, type_ in PLANNED.items()},
        },
        filters=(
            "email",
            "first_name",
            "last_name",
            "is_verified",
            "is_admin",
            "is_super_admin",
            "is_sales_admin",
            "is_marketer",
            "is_blocked",
            "created_at",
            "deleted_at",
        ),
        sorts=("email", "first_name", "last_name", "created_at"),
        soft_delete=True,
        policy=user_policy,
        hidden=hidden_attributes(ATTRIBUTES),
        hooks=Hooks(
            build=service.sign_up,
            after_create=service.after_sign_up,
            apply=service.apply_changes,
            before_delete=service.anonymise,
        ),
    )
