"""Who may see and change tracks, rooms, session types and video streams.

They are read with their event (public for published events, drafts only by its
co-organizers). Tracks and rooms are written as the role-by-service matrix says (seeded: the
event's owner, organizers and co-organizers; track organizers may also change and delete
tracks), session types by the event's co-organizers. Admins may do everything. A video stream's
address, password and notes are shown only to those who may join it: the event's
co-organizers and admins (Hallway sells no tickets yet, so no attendee joins)."""

from __future__ import annotations

from typing import Any

from hallway.auth.policy import actor_of, is_admin
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Hidden, Policy, RequestContext, Rule
from hallway.permissions.policy import matrix_policy
from hallway.roles.policy import COORGANIZERS, event_role, grants

reads = of_readable_event()
manages = event_role(*COORGANIZERS) | is_admin


def content_policy(service: str | None = None, **relationships: Rule) -> Policy:
    """Read with the event; written as the matrix says for `service` (None: by the event's
    co-organizers)."""
    writes = (
        matrix_policy(service)
        if service
        else dict.fromkeys(("create", "update", "delete"), manages)
    )
    return Policy(
        list=reads,
        view=reads,
        create=writes["create"],
        update=writes["update"],
        delete=writes["delete"],
        trash=manages,
        relationships={"event": writes["update"], **relationships},
    )


track_policy = content_policy("track")
session_type_policy = content_policy()
microlocation_policy = content_policy("microlocation", video_stream=manages)


async def stream_event(ctx: RequestContext, stream: Any) -> int | None:
    """The event of a stream: its own, or (a new stream the client sends with its rooms
    only) that of its first room."""
    if stream.event_id is not None:
        return int(stream.event_id)
    rooms = await ctx.session.run_sync(lambda _: list(stream.rooms))
    return int(rooms[0].event_id) if rooms else None


async def _creates_stream(ctx: RequestContext, stream: Any) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        return False
    if actor.is_staff:
        return True
    event_id = await stream_event(ctx, stream)
    return event_id is not None and event_id in await managed_events(ctx)


video_stream_policy = Policy(
    list=reads,
    view=reads,
    create=Rule("manages_stream_event", check=_creates_stream),
    update=manages,
    delete=manages,
    relationships={"event": manages, "rooms": manages},
)

STREAM_SECRETS = frozenset({"url", "password", "additional_information", "extra"})


async def managed_events(ctx: RequestContext) -> frozenset[int]:
    held = await grants(ctx)
    return frozenset(event_id for event_id, roles in held.items() if roles & set(COORGANIZERS))


async def may_join(ctx: RequestContext, event_id: int) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        return False
    return actor.is_staff or event_id in await managed_events(ctx)


async def stream_secrets(ctx: RequestContext) -> frozenset[str] | Hidden:
    """Hidden from whoever may not join: a stream's link and password."""
    actor = actor_of(ctx)
    if actor is not None and actor.is_staff:
        return frozenset()
    managed = await managed_events(ctx)

    def joins(row: Any) -> bool:
        return row["event_id"] in managed

    return Hidden(STREAM_SECRETS, exempt=joins if managed else None)
