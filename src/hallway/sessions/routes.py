"""The custom routes of sessions and speakers: the state tables, the mail templates, a
session's notice, an event's session days and languages, and the speakers' order."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends
from pydantic import ValidationError
from starlette.requests import Request

from hallway.auth.actor import Actor
from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest, Unauthorized, ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.sessions import invites, service, speakers
from hallway.sessions.mails import MAILS, RECIPIENT
from hallway.sessions.schemas import Notice
from hallway.sessions.states import TABLES
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["session"], route_class=TransactionalRoute)
speaker_router = APIRouter(tags=["speaker"], route_class=TransactionalRoute)


async def _signed_in(actor: OptionalUser) -> Actor:
    """The caller; without a token, a JSON:API 401 like the rest of the resource's routes."""
    if actor is None:
        raise Unauthorized("Sign in first")
    return actor


SignedIn = Annotated[Actor, Depends(_signed_in)]


async def _json(request: Request) -> Any:
    try:
        return orjson.loads(await request.body() or b"null")
    except orjson.JSONDecodeError:
        raise BadRequest("the request body is not valid JSON", pointer="/") from None


@router.get("/v1/sessions/states")
async def session_states() -> dict[str, dict[str, dict[str, bool]]]:
    """Which state the event's team (`organizer`) and a speaker may move a session to."""
    return TABLES


@router.get("/v1/sessions/mails")
async def session_mails() -> dict[str, Any]:
    """The subject and message of the mail about each state (placeholders in braces), and
    who receives them."""
    return {**MAILS, "recipient": RECIPIENT}


@router.post("/v1/sessions/{session_id}/notify")
async def notify_session(
    session_id: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, bool]:
    """Mail the session's speakers and the event's owner about the session's state."""
    body = await _json(request)
    try:
        notice = Notice.model_validate(body if body is not None else {})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/" + "/".join(str(part) for part in first["loc"])
        raise ValidationFailed(first["msg"], pointer=where) from None
    return await service.notify(RequestContext(request, session, actor), session_id, notice)


@router.get("/v1/events/{event}/sessions/dates")
async def session_dates(
    event: str, request: Request, session: DbSession, actor: OptionalUser
) -> list[str]:
    """The days with sessions the caller may see, `YYYY-MM-DD` in the event's time zone."""
    return await service.session_dates(RequestContext(request, session, actor), event)


@router.get("/v1/events/{event}/sessions/languages")
async def session_languages(
    event: str, request: Request, session: DbSession, actor: OptionalUser
) -> list[str]:
    """The languages of the sessions the caller may see."""
    return await service.session_languages(RequestContext(request, session, actor), event)


@speaker_router.post("/v1/events/{event}/reorder-speakers")
async def reorder_speakers(
    event: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, bool]:
    """The order of the event's speakers: a list of `{"speaker": id, "order": n}`; with
    `?reset`, every order goes back to 0."""
    reset = "reset" in request.query_params
    body = None if reset else await _json(request)
    ctx = RequestContext(request, session, actor)
    return await speakers.reorder_speakers(ctx, event, body, reset=reset)


invite_router = APIRouter(tags=["speaker-invite"], route_class=TransactionalRoute)


@invite_router.get("/v1/speaker-invites/{invite_id}/accept-invite")
@invite_router.post("/v1/speaker-invites/{invite_id}/accept-invite")
async def accept_speaker_invite(
    invite_id: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, Any]:
    """The invitee joins the session's speakers (GET, as the web client calls it, or POST)."""
    ctx = RequestContext(request, session, actor)
    return await invites.answer(ctx, invite_id, accept=True)


@invite_router.get("/v1/speaker-invites/{invite_id}/reject-invite")
@invite_router.post("/v1/speaker-invites/{invite_id}/reject-invite")
async def reject_speaker_invite(
    invite_id: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, Any]:
    """The invitee declines (GET, as the web client calls it, or POST)."""
    ctx = RequestContext(request, session, actor)
    return await invites.answer(ctx, invite_id, accept=False)
