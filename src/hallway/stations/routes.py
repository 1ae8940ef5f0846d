"""`POST /v1/station` (the Open Event server's singular path for creating a station), the
head counts of one station for one session, and the check-in figures of an event."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest, Unauthorized
from hallway.jsonapi import RequestContext
from hallway.jsonapi.dispatch import reroute
from hallway.stations import states, stats
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["user_check_in"], route_class=TransactionalRoute)
station_router = APIRouter(tags=["station"])


@station_router.post("/v1/station", include_in_schema=False)
async def create_station(request: Request) -> Response:
    return await reroute(request, "stations")


@station_router.get(
    "/v1/stations/{station_id}/sessions/{session_id}/station-store-paxs", include_in_schema=False
)
async def counts_of_station_session(station_id: str, session_id: str, request: Request) -> Response:
    """The station's head counts, narrowed to the session by a filter added to the caller's."""
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    given = [value for name, value in pairs if name == "filter"]
    try:
        nodes = orjson.loads(given[-1]) if given and given[-1] else []
    except orjson.JSONDecodeError:
        raise BadRequest("filter: not valid JSON", pointer="/") from None
    if not isinstance(nodes, list):
        nodes = [nodes]
    nodes.append({"name": "session", "op": "eq", "val": session_id})
    kept = [(name, value) for name, value in pairs if name != "filter"]
    query = urlencode([*kept, ("filter", orjson.dumps(nodes).decode())])
    return await reroute(request, f"stations/{station_id}/station-store-paxs", query)


@router.get("/v1/user-check-in/stats/event/{event_id}")
async def check_in_stats(
    event_id: str,
    request: Request,
    session: DbSession,
    actor: OptionalUser,
    session_ids: str = "",
    track_ids: str = "",
) -> dict[str, Any]:
    if actor is None:
        raise Unauthorized("Sign in first")
    ctx = RequestContext(request, session, actor)
    return await stats.event_stats(ctx, event_id, _ids(session_ids), _ids(track_ids))


@router.get("/v1/states")
async def attendee_state(
    request: Request,
    session: DbSession,
    actor: OptionalUser,
    event_id: str | None = None,
    attendee_id: str | None = None,
) -> dict[str, Any]:
    if actor is None:
        raise Unauthorized("Sign in first")
    ctx = RequestContext(request, session, actor)
    event = states.id_param("event_id", event_id)
    attendee = states.id_param("attendee_id", attendee_id)
    return await states.attendee_state(ctx, event, attendee)


def _ids(given: str) -> list[int]:
    ids = []
    for part in filter(None, (item.strip() for item in given.split(","))):
        if not part.isdigit() or len(part) > 9:
            raise BadRequest(f"{part!r} is not an id", pointer="/")
        ids.append(int(part))
    return ids[:100]
