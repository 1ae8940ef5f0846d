"""`session`, `speaker` and `speakers-call`: `/v1/<path>`, and under their event, track, room,
session type, speaker, session and user (`/v1/events/{id}/sessions`, …)."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate
from hallway.sessions import feedbacks, invites, service, speakers, submissions
from hallway.sessions.models import (
    Feedback,
    Session,
    Speaker,
    SpeakerInvite,
    SpeakersCall,
    feedbacks_of,
    invites_of,
    sessions_of,
    speakers_call_of,
    speakers_of,
)
from hallway.sessions.policy import (
    call_secret,
    session_policy,
    speaker_policy,
    speaker_private,
    speakers_call_policy,
)
from hallway.sessions.schemas import (
    FeedbackCreate,
    FeedbackUpdate,
    SessionCreate,
    SessionUpdate,
    SpeakerCreate,
    SpeakerInviteCreate,
    SpeakersCallCreate,
    SpeakersCallUpdate,
    SpeakerUpdate,
)

EVENT = ToOne("event", writable=True, required=True)
SESSION_ATTRIBUTES = (
    "title",
    "subtitle",
    "level",
    "short_abstract",
    "long_abstract",
    "comments",
    "starts_at",
    "ends_at",
    "language",
    "slides_url",
    "slides",
    "video_url",
    "audio_url",
    "signup_url",
    "website",
    "twitter",
    "facebook",
    "github",
    "gitlab",
    "linkedin",
    "instagram",
    "mastodon",
    "state",
    "submitted_at",
    "is_locked",
    "is_mail_sent",
    "complex_field_values",
    "created_at",
    "last_modified_at",
    "deleted_at",
    "average_rating",
    "rating_count",
)


def session_resource() -> Resource:
    return Resource(
        type="session",
        model=Session,
        attributes=SESSION_ATTRIBUTES,
        create=SessionCreate,
        update=SessionUpdate,
        relationships={
            "event": EVENT,
            "track": ToOne("track", writable=True),
            "microlocation": ToOne("microlocation", writable=True),
            "session_type": ToOne("session-type", writable=True),
            "creator": ToOne("user"),
            "speakers": ToMany("speaker", writable=True),
            "exhibitors": ToMany("exhibitor", writable=True),
            "feedbacks": ToMany("feedback"),
            "speaker_invites": ToMany("speaker-invite"),
        },
        filters=(
            "title",
            "subtitle",
            "level",
            "state",
            "language",
            "starts_at",
            "ends_at",
            "is_locked",
            "is_mail_sent",
            "submitted_at",
            "created_at",
            "deleted_at",
            "event",
            "track",
            "microlocation",
            "session_type",
            "creator",
            "speakers",
            # Attached by the favourites domain (the client's "my schedule" filter).
            "favourites",
        ),
        sorts=(
            "title",
            "starts_at",
            "ends_at",
            "state",
            "submitted_at",
            "created_at",
            "favourite_count",
            "id",
        ),
        soft_delete=True,
        policy=session_policy,
        hooks=Hooks(
            build=service.build_session,
            apply=service.apply_session,
            before_create=service.prepare_session,
            before_update=service.check_session_change,
            after_create=submissions.announce_submission,
        ),
    )


def speaker_resource() -> Resource:
    return Resource(
        type="speaker",
        model=Speaker,
        create=SpeakerCreate,
        update=SpeakerUpdate,
        relationships={
            "event": EVENT,
            "user": ToOne("user"),
            "sessions": ToMany("session", writable=True),
        },
        filters=(
            "name",
            "email",
            "organisation",
            "country",
            "city",
            "is_featured",
            "order",
            "deleted_at",
            "event",
            "user",
            "sessions",
        ),
        sorts=("name", "order", "organisation", "country", "id"),
        soft_delete=True,
        policy=speaker_policy,
        hidden=speaker_private,
        hooks=Hooks(
            before_create=speakers.prepare_speaker,
            before_update=speakers.check_speaker_change,
        ),
    )


def speakers_call_resource() -> Resource:
    return Resource(
        type="speakers-call",
        model=SpeakersCall,
        create=SpeakersCallCreate,
        update=SpeakersCallUpdate,
        relationships={"event": EVENT},
        # The home page's "call for speakers" row filters on its announcement too.
        filters=("privacy", "starts_at", "soft_ends_at", "ends_at", "announcement", "event"),
        sorts=("starts_at", "ends_at", "id"),
        policy=speakers_call_policy,
        hidden=call_secret,
        hooks=Hooks(before_create=speakers.check_call, before_update=speakers.check_call),
    )


def speaker_invite_resource() -> Resource:
    return Resource(
        type="speaker-invite",
        model=SpeakerInvite,
        attributes=("email", "status", "created_at"),
        create=SpeakerInviteCreate,
        relationships={
            "session": ToOne("session", writable=True, required=True),
            "event": ToOne("event", writable=True),
        },
        filters=("email", "status", "session", "event"),
        sorts=("created_at", "status", "id"),
        policy=invites.speaker_invite_policy,
        hooks=Hooks(before_create=invites.prepare_invite, after_create=invites.mail_invite),
    )


def feedback_resource() -> Resource:
    return Resource(
        type="feedback",
        model=Feedback,
        attributes=("rating", "comment", "created_at", "deleted_at"),
        create=FeedbackCreate,
        update=FeedbackUpdate,
        relationships={
            "event": ToOne("event", writable=True),
            "session": ToOne("session", writable=True),
            "user": ToOne("user"),
        },
        filters=("rating", "created_at", "event", "session", "user"),
        sorts=("rating", "created_at", "id"),
        policy=feedbacks.feedback_policy,
        hooks=Hooks(before_create=feedbacks.prepare_feedback, before_update=feedbacks.keep_target),
    )


def session_resources() -> list[Resource]:
    return [
        session_resource(),
        speaker_resource(),
        speakers_call_resource(),
        speaker_invite_resource(),
        feedback_resource(),
    ]


def session_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            sessions=ToMany("session", orm=sessions_of),
            speakers=ToMany("speaker", orm=speakers_of),
            speakers_call=ToOne("speakers-call", orm=speakers_call_of),
            speaker_invites=ToMany("speaker-invite", orm=invites_of),
            feedbacks=ToMany("feedback", orm=feedbacks_of),
        ),
        relate(
            "user",
            sessions=ToMany("session", orm=sessions_of),
            speakers=ToMany("speaker", orm=speakers_of),
            feedbacks=ToMany("feedback", orm=feedbacks_of),
        ),
        *(
            relate(target, sessions=ToMany("session", orm=sessions_of))
            for target in ("track", "microlocation", "session-type")
        ),
    ]
