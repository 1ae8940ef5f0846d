"""Rules of tracks, rooms and video streams that are not plain CRUD."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, or_, select

from hallway.errors import ValidationFailed
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.program.models import Microlocation, VideoStream
from hallway.program.policy import may_join, stream_event


def font_color(row: Mapping[str, Any]) -> str | None:
    """Black on light track colours, white on dark ones (by perceived luminance)."""
    color = row.get("color")
    if not color or len(color) != 7:
        return None
    return _font_for(color)


@functools.lru_cache(maxsize=1024)
def _font_for(color: str) -> str:
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    luminance = (0.299 * red + 0.587 * green + 0.114 * blue) / 255
    return "#000000" if luminance > 0.5 else "#ffffff"


async def check_stream_of_same_event(ctx: RequestContext, room: Microlocation) -> None:
    """A room shows a video stream of its own event only."""
    if room.video_stream_id is None:
        return
    event_id = await ctx.session.scalar(
        select(VideoStream.event_id).where(VideoStream.id == room.video_stream_id)
    )
    if event_id != room.event_id:
        raise ValidationFailed(
            "the video stream belongs to another event",
            pointer="/data/relationships/video-stream",
        )


async def settle_stream_event(ctx: RequestContext, stream: VideoStream) -> None:
    """A stream belongs to an event: the one sent, or that of the rooms it is sent with (as
    the client creates a room's stream); every room it serves is of that event."""
    event_id = await stream_event(ctx, stream)
    if event_id is None:
        raise ValidationFailed(
            "a video stream needs its event or its rooms", pointer="/data/relationships/event"
        )
    stream.event_id = event_id
    rooms = await ctx.session.run_sync(lambda _: list(stream.rooms))
    if any(room.event_id != event_id for room in rooms):
        raise ValidationFailed(
            "every room must be of the stream's event", pointer="/data/relationships/rooms"
        )


async def stream_status(ctx: RequestContext, key: str) -> dict[str, bool]:
    """`has-streams`: whether the event (id or identifier; 404 unless the caller may see
    it) has a video stream, its own or one of its rooms', and whether the caller may join."""
    event_id = await find_visible_event(ctx, key)
    rooms = select(Microlocation.video_stream_id).where(
        Microlocation.event_id == event_id,
        Microlocation.deleted_at.is_(None),
        Microlocation.video_stream_id.is_not(None),
    )
    found = await ctx.session.scalar(
        select(exists().where(or_(VideoStream.event_id == event_id, VideoStream.id.in_(rooms))))
    )
    return {"exists": bool(found), "can_access": await may_join(ctx, event_id)}
