"""`GET /v1/admin/user-emails`: every alternate e-mail address, for admins only (others get
a JSON:API 401 or 403); answered as the engine answers the `user-email` list, with its
paging, sorting and filters."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.errors import Forbidden, Unauthorized
from hallway.jsonapi.dispatch import reroute
from hallway.users.authentication import authenticate

router = APIRouter(tags=["user-email"])


@router.get("/v1/admin/user-emails")
async def every_alternate_email(request: Request) -> Response:
    async with request.app.state.db.sessions() as session:
        actor = await authenticate(request, session)
    if actor is None:
        raise Unauthorized("Sign in to see this")
    if not actor.is_staff:
        raise Forbidden("Only admins see every alternate e-mail address")
    return await reroute(request, "user-emails")
