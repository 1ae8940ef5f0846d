"""The invitee's side of a role invite, by the token of its mail (plain JSON, as the Open
Event client reads it): `POST /v1/role_invites/user` (the invited address, to pick login or
sign-up), `/v1/role_invites/accept-invite` and `/v1/role_invites/decline-invite`; and the
organizer's `POST /v1/role-invites/{id}/resend-invite`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import JSONResponse

from hallway.auth.actor import Actor
from hallway.auth.bodies import data_fields
from hallway.deps import DbSession, OptionalUser
from hallway.errors import Unauthorized
from hallway.invites import service
from hallway.jsonapi import RequestContext
from hallway.jsonapi.http import MEDIA_TYPE
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["role-invite"], route_class=TransactionalRoute)


async def _signed_in(actor: OptionalUser) -> Actor:
    """The caller; without a token, a JSON:API 401 like the rest of the resource's routes."""
    if actor is None:
        raise Unauthorized("Sign in to answer or resend an invite")
    return actor


SignedIn = Annotated[Actor, Depends(_signed_in)]


async def _token(request: Request) -> str:
    return (await data_fields(request, "token"))["token"]


@router.post("/v1/role_invites/user")
async def invited_address(request: Request, session: DbSession) -> dict[str, str]:
    return await service.invited_address(session, await _token(request))


def _answer(content: dict[str, Any]) -> JSONResponse:
    # Plain members, under the JSON:API media type the Open Event server answered with.
    return JSONResponse(content, media_type=MEDIA_TYPE)


@router.post("/v1/role_invites/accept-invite")
async def accept_invite(request: Request, session: DbSession, actor: SignedIn) -> JSONResponse:
    return _answer(await service.accept(session, actor, await _token(request)))


@router.post("/v1/role_invites/decline-invite")
async def decline_invite(request: Request, session: DbSession, actor: SignedIn) -> JSONResponse:
    return _answer(await service.decline(session, actor, await _token(request)))


@router.post("/v1/role-invites/{invite_id}/resend-invite")
async def resend_invite(
    invite_id: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, bool]:
    return await service.resend(RequestContext(request, session, actor), invite_id)
