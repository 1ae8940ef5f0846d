"""`GET /v1/events/{id|identifier}/has-streams`, which every public event page asks."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request

from hallway.deps import DbSession, OptionalUser
from hallway.jsonapi import RequestContext
from hallway.program import service
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["video-stream"], route_class=TransactionalRoute)


@router.get("/v1/events/{event}/has-streams")
async def has_streams(
    event: str, request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, bool]:
    """Whether the event has a video stream and the caller may join it."""
    return await service.stream_status(RequestContext(request, session, actor), event)
