"""`track`, `microlocation`, `session-type` and `video-stream`: `/v1/<path>`, and each under
its event (`/v1/events/{id|identifier}/tracks`, …, `/v1/events/{id}/video-stream`)."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate
from hallway.program import service
from hallway.program.models import (
    Microlocation,
    SessionType,
    Track,
    VideoStream,
    microlocations_of,
    session_types_of,
    tracks_of,
    video_stream_of,
)
from hallway.program.policy import (
    microlocation_policy,
    session_type_policy,
    stream_secrets,
    track_policy,
    video_stream_policy,
)
from hallway.program.schemas import (
    MicrolocationCreate,
    MicrolocationUpdate,
    SessionTypeCreate,
    SessionTypeUpdate,
    TrackCreate,
    TrackUpdate,
    VideoStreamCreate,
    VideoStreamUpdate,
)

EVENT = ToOne("event", writable=True, required=True)


def track_resource() -> Resource:
    return Resource(
        type="track",
        model=Track,
        attributes=("name", "description", "color", "position", "deleted_at"),
        computed={"font_color": service.font_color},
        create=TrackCreate,
        update=TrackUpdate,
        relationships={"event": EVENT},
        filters=("name", "color", "position", "deleted_at", "event"),
        sorts=("name", "position", "id"),
        soft_delete=True,
        policy=track_policy,
    )


def microlocation_resource() -> Resource:
    return Resource(
        type="microlocation",
        model=Microlocation,
        attributes=(
            "name",
            "room",
            "floor",
            "latitude",
            "longitude",
            "position",
            "hidden_in_scheduler",
            "is_chat_enabled",
            "is_global_event_room",
            "chat_room_name",
            "deleted_at",
        ),
        create=MicrolocationCreate,
        update=MicrolocationUpdate,
        relationships={
            "event": EVENT,
            "video_stream": ToOne("video-stream", writable=True),
        },
        filters=(
            "name",
            "room",
            "floor",
            "position",
            "hidden_in_scheduler",
            "is_chat_enabled",
            "is_global_event_room",
            "deleted_at",
            "event",
            "video_stream",
        ),
        sorts=("name", "position", "floor", "id"),
        soft_delete=True,
        policy=microlocation_policy,
        hooks=Hooks(
            before_create=service.check_stream_of_same_event,
            before_update=service.check_stream_of_same_event,
        ),
    )


def session_type_resource() -> Resource:
    return Resource(
        type="session-type",
        model=SessionType,
        attributes=("name", "length", "position", "deleted_at"),
        create=SessionTypeCreate,
        update=SessionTypeUpdate,
        relationships={"event": EVENT},
        filters=("name", "length", "position", "deleted_at", "event"),
        sorts=("name", "length", "position", "id"),
        soft_delete=True,
        policy=session_type_policy,
    )


def video_stream_resource() -> Resource:
    return Resource(
        type="video-stream",
        model=VideoStream,
        attributes=(
            "name",
            "url",
            "password",
            "bg_img_url",
            "additional_information",
            "extra",
            "is_chat_enabled",
            "is_global_event_room",
            "chat_room_name",
        ),
        create=VideoStreamCreate,
        update=VideoStreamUpdate,
        relationships={
            # The client sends a room's stream with its rooms and no event.
            "event": ToOne("event", writable=True),
            "rooms": ToMany("microlocation", writable=True),
            # No video server: channels, recordings and moderators are not built.
            "video_channel": ToOne("video-channel", planned=True),
            "video_recordings": ToMany("video-recording", planned=True),
            "moderators": ToMany("video-stream-moderator", planned=True),
        },
        filters=("name", "is_chat_enabled", "is_global_event_room", "event", "rooms"),
        sorts=("name", "id"),
        policy=video_stream_policy,
        hidden=stream_secrets,
        hooks=Hooks(
            before_create=service.settle_stream_event,
            before_update=service.settle_stream_event,
        ),
    )


def program_resources() -> list[Resource]:
    return [
        track_resource(),
        microlocation_resource(),
        session_type_resource(),
        video_stream_resource(),
    ]


def program_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            tracks=ToMany("track", orm=tracks_of),
            microlocations=ToMany("microlocation", orm=microlocations_of),
            session_types=ToMany("session-type", orm=session_types_of),
            video_stream=ToOne("video-stream", orm=video_stream_of, key="video_stream_id"),
        )
    ]
