"""The Open Event server's short paths to a favourite's user: `/v1/favourite-events/{id}/user`
and `/v1/favourite-sessions/{id}/user`, answered as `/v1/user-favourite-…/{id}/user`."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.jsonapi.dispatch import reroute

router = APIRouter(tags=["user"])


@router.get("/v1/favourite-events/{favourite_id}/user", include_in_schema=False)
async def user_of_favourite_event(favourite_id: str, request: Request) -> Response:
    return await reroute(request, f"user-favourite-events/{favourite_id}/user")


@router.get("/v1/favourite-sessions/{favourite_id}/user", include_in_schema=False)
async def user_of_favourite_session(favourite_id: str, request: Request) -> Response:
    return await reroute(request, f"user-favourite-sessions/{favourite_id}/user")
