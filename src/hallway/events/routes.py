"""`GET /v1/events/upcoming`: the home page's list of what is coming up."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import ColumnElement, and_, or_
from starlette.requests import Request
from starlette.responses import Response

from hallway.events.models import Event
from hallway.jsonapi.dispatch import Dispatcher
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["event"], route_class=TransactionalRoute)


def upcoming_clause() -> ColumnElement[bool]:
    """Public, published, not over, and either promoted or complete enough to show off
    (an image, a logo and a type, topic and sub-topic), and not demoted."""
    complete = and_(
        Event.original_image_url.is_not(None),
        Event.logo_url.is_not(None),
        Event.event_type_id.is_not(None),
        Event.event_topic_id.is_not(None),
        Event.event_sub_topic_id.is_not(None),
    )
    return and_(
        Event.state == "published",
        Event.privacy == "public",
        Event.ends_at > datetime.now(UTC),
        Event.is_demoted.is_(False),
        or_(Event.is_promoted.is_(True), complete),
    )


@router.get("/v1/events/upcoming", include_in_schema=False)
async def upcoming(request: Request) -> Response:
    dispatcher: Dispatcher = request.app.state.dispatcher
    return await dispatcher.list_where(request, "events", [upcoming_clause()])
