"""`GET /v1/admin/statistics/event-types` and `…/event-topics`: per type (topic), its name,
id and number of live events, as a plain JSON list; admins only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import and_, func, select
from starlette.responses import Response

from hallway.deps import DbSession, OptionalUser
from hallway.errors import Forbidden, Unauthorized
from hallway.events.models import Event
from hallway.jsonapi.serialize import encode
from hallway.taxonomy.models import EventTopic, EventType
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["admin-statistics-event"], route_class=TransactionalRoute)


def _admitted(actor: Any) -> None:
    if actor is None:
        raise Unauthorized("Sign in as an admin to see the platform statistics")
    if not actor.is_staff:
        raise Forbidden("Only admins may see the platform statistics")


async def _counted(session: Any, model: Any, key: Any) -> Response:
    """One statement: each row of `model` with the live events filed under it."""
    rows = await session.execute(
        select(model.name, model.id, func.count(Event.id).label("count"))
        .outerjoin(Event, and_(key == model.id, Event.deleted_at.is_(None)))
        .group_by(model.id, model.name)
        .order_by(model.id)
    )
    found = [{"name": name, "id": id_, "count": count} for name, id_, count in rows]
    return Response(encode(found), media_type="application/json")


@router.get("/v1/admin/statistics/event-types")
async def event_types(session: DbSession, actor: OptionalUser) -> Response:
    _admitted(actor)
    return await _counted(session, EventType, Event.event_type_id)


@router.get("/v1/admin/statistics/event-topics")
async def event_topics(session: DbSession, actor: OptionalUser) -> Response:
    _admitted(actor)
    return await _counted(session, EventTopic, Event.event_topic_id)
