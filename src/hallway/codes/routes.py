"""Look-ups by code: `GET /v1/events/{id|identifier}/discount-codes/{code}` and
`/access-codes/{code}`, as the order form checks a code someone typed. Whoever may see the
event finds its live, active codes this way (and only this way, unless they manage it)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter
from sqlalchemy import ColumnElement
from starlette.requests import Request
from starlette.responses import Response

from hallway.codes.models import AccessCode, DiscountCode
from hallway.codes.service import by_code
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.jsonapi.dispatch import Dispatcher

router = APIRouter(tags=["discount-code"])


@router.get("/v1/events/{event}/discount-codes/{code}", include_in_schema=False)
async def discount_code_by_code(event: str, code: str, request: Request) -> Response:
    async def pick(ctx: RequestContext) -> Sequence[ColumnElement[bool]]:
        return by_code(DiscountCode, await find_visible_event(ctx, event), code)

    dispatcher: Dispatcher = request.app.state.dispatcher
    return await dispatcher.show_where(request, "discount-codes", pick)


@router.get("/v1/events/{event}/access-codes/{code}", include_in_schema=False)
async def access_code_by_code(event: str, code: str, request: Request) -> Response:
    async def pick(ctx: RequestContext) -> Sequence[ColumnElement[bool]]:
        return by_code(AccessCode, await find_visible_event(ctx, event), code)

    dispatcher: Dispatcher = request.app.state.dispatcher
    return await dispatcher.show_where(request, "access-codes", pick)
