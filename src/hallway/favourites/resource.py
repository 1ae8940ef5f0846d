"""`user-favourite-event` (`/v1/user-favourite-events`, `/v1/users/{id}/user-favourite-events`)
and `user-favourite-session` (`/v1/user-favourite-sessions`, and under a user, a session and an
event). What favourites add to others: a session's `favourite-count`, its `favourites` and the
caller's own `favourite`; an event's `session-favourites`; a user's `favourite-events` and
`favourite-sessions`."""

from __future__ import annotations

from hallway.favourites import service
from hallway.favourites.models import (
    UserFavouriteEvent,
    UserFavouriteSession,
    event_favourites_of,
    favourite_count,
    favourites_of_event_sessions,
    one_favourite_of,
    session_favourites_of,
)
from hallway.favourites.policy import own_favourite, policy_for
from hallway.favourites.schemas import FavouriteCreate
from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate


def event_favourite_resource() -> Resource:
    return Resource(
        type="user-favourite-event",
        model=UserFavouriteEvent,
        attributes=("created_at", "deleted_at"),
        create=FavouriteCreate,
        relationships={
            "user": ToOne("user", writable=True),
            "event": ToOne("event", writable=True, required=True),
        },
        filters=("created_at", "user", "event"),
        sorts=("created_at", "id"),
        policy=policy_for("event"),
        hooks=Hooks(
            build=service.build_event_favourite,
            before_create=service.refuse_second_event_favourite,
        ),
    )


def session_favourite_resource() -> Resource:
    return Resource(
        type="user-favourite-session",
        model=UserFavouriteSession,
        attributes=("created_at",),
        create=FavouriteCreate,
        relationships={
            "user": ToOne("user", writable=True),
            "session": ToOne("session", writable=True, required=True),
        },
        filters=("created_at", "user", "session"),
        sorts=("created_at", "id"),
        policy=policy_for("session"),
        hooks=Hooks(
            build=service.build_session_favourite,
            before_create=service.refuse_second_session_favourite,
        ),
    )


def favourite_resources() -> list[Resource]:
    return [event_favourite_resource(), session_favourite_resource()]


def favourite_attachments() -> list[Attachment]:
    sessions = ToMany("user-favourite-session", orm=session_favourites_of)
    return [
        Attachment(
            "session",
            relationships={
                # The caller's own favourite of the session (null when they have none).
                "favourite": ToOne(
                    "user-favourite-session", orm=one_favourite_of, only=own_favourite
                ),
                "favourites": sessions,
                # `/v1/sessions/{id}/user-favourite-sessions`
                "user_favourite_sessions": ToMany(
                    "user-favourite-session", attr="favourites", orm=session_favourites_of
                ),
            },
            attributes={"favourite_count": favourite_count},
        ),
        relate(
            "event",
            session_favourites=ToMany("user-favourite-session", orm=favourites_of_event_sessions),
            user_favourite_sessions=ToMany(
                "user-favourite-session",
                attr="session_favourites",
                orm=favourites_of_event_sessions,
            ),
        ),
        relate(
            "user",
            favourite_events=ToMany("user-favourite-event", orm=event_favourites_of),
            favourite_sessions=ToMany("user-favourite-session", orm=session_favourites_of),
            user_favourite_events=ToMany(
                "user-favourite-event", attr="favourite_events", orm=event_favourites_of
            ),
            user_favourite_sessions=ToMany(
                "user-favourite-session", attr="favourite_sessions", orm=session_favourites_of
            ),
        ),
    ]
