"""One entry point for every JSON:API URL, dispatched by path segments in O(1).

/v1/<path>                                GET list · POST create (a singleton: GET · PATCH)
/v1/<path>/<id|identifier>                GET · PATCH · DELETE
/v1/<path>/<id>/<relationship>            GET related (nested lists and "owner of" aliases)
/v1/<path>/<id>/relationships/<name>      GET · and PATCH / POST / DELETE when writable
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm.exc import StaleDataError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from hallway.errors import (
    CHANGED_MEANWHILE,
    Conflict,
    HallwayError,
    MethodNotAllowed,
    ObjectNotFound,
    RouteNotFound,
    ServerError,
)
from hallway.jsonapi import reads, writes
from hallway.jsonapi.api import JsonApi
from hallway.jsonapi.connections import Reader
from hallway.jsonapi.holding import holding
from hallway.jsonapi.http import check_accept, check_content_type, document_response, error_response
from hallway.jsonapi.policy import RequestContext
from hallway.jsonapi.query import Query, parse_query
from hallway.jsonapi.reads import Call
from hallway.jsonapi.resource import Relationship, Resource
from hallway.jsonapi.serialize import compound
from hallway.outages import outage_error

log = logging.getLogger("hallway.jsonapi")
Handler = Callable[[Call], Awaitable[Response]]
Pick = Callable[[RequestContext], Awaitable[Sequence[ColumnElement[bool]]]]


class Dispatcher:
    """The ASGI endpoint behind `/v1/{rest:path}`: every error becomes a JSON:API document
    here, so Starlette's request/response wrapper would add nothing but its cost."""

    def __init__(self, api: JsonApi) -> None:
        self.api = api
        self.reader = Reader(api.sessions)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.handle(Request(scope, receive))
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        try:
            return await self.dispatch(request)
        except HallwayError as error:
            return error_response(error)
        except StaleDataError:  # a hook's own flush of a guarded write
            return error_response(Conflict(CHANGED_MEANWHILE))
        except Exception as exc:
            if outage := outage_error(exc):  # the database or Redis does not answer: 503
                return error_response(outage)
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            return error_response(ServerError())

    async def dispatch(self, request: Request) -> Response:
        resource, segments = self.api.locate(request.path_params["rest"].strip("/").split("/"))
        if resource is None:
            raise RouteNotFound(f"no route for {request.url.path}")
        method = "GET" if request.method == "HEAD" else request.method
        handler = self.route(resource, segments, method)
        # The route's template for the access log and the metrics: `/v1/events/{id}` whether
        # the URL names an id or an identifier.
        request.scope["route_template"] = _template(segments)
        check_accept(request)
        writing = method != "GET"
        if method in ("POST", "PATCH"):
            check_content_type(request)
        target = self.target_of(resource, segments)
        query = (
            Query()
            if target is None or not request.scope["query_string"]
            else parse_query(request.query_params, target, self.api)
        )
        if not writing:
            async with self.reader.open() as (session, connection):
                return await handler(
                    await self._call(request, session, resource, query, connection)
                )
        async with self.api.sessions() as session:
            holding(session)
            async with session.begin():
                response = await handler(await self._call(request, session, resource, query))
            return response

    async def list_where(
        self, request: Request, path: str, where: list[ColumnElement[bool]]
    ) -> Response:
        """A list of `path` narrowed by `where`, with every engine rule still applied: for
        custom list endpoints such as `/v1/events/upcoming`."""
        resource = self.api.by_path[path]
        check_accept(request)
        query = parse_query(request.query_params, resource, self.api)
        async with self.reader.open() as (session, connection):
            call = await self._call(request, session, resource, query, connection)
            return document_response(request, await reads.list_collection(call, where))

    async def show_where(self, request: Request, path: str, pick: Pick) -> Response:
        """The one live object of `path` that `pick(ctx)` names by SQL clauses (404 when
        none), for custom look-ups that decide who may find what themselves (a code typed
        into a form): the resource's view rule is not applied; includes still are."""
        resource = self.api.by_path[path]
        check_accept(request)
        query = parse_query(request.query_params, resource, self.api)
        async with self.reader.open() as (session, connection):
            call = await self._call(request, session, resource, query, connection)
            where = await pick(call.ctx)
            repo = call.repo
            stmt = select(*repo.columns(resource)).where(*where, *self.api.visible_rows(resource))
            rows = await repo.rows(stmt.limit(1))
            if not rows:
                raise ObjectNotFound(f"no such {resource.type}")
            data, included = await reads.document_for_rows(call, resource, rows)
            document = compound(data[0], included=included, links={"self": call.path})
            return document_response(request, document)

    async def document_in(self, ctx: RequestContext, path: str, key: str) -> dict[str, Any]:
        """The document of one object of `path` as the context's session sees it (its
        transaction's own writes included) and for its caller, for custom routes that answer
        what they just made; the view rule applies, and the request's `include` and `fields`
        too."""
        resource = self.api.by_path[path]
        request = ctx.request
        assert request is not None
        query = (
            parse_query(request.query_params, resource, self.api)
            if request.scope["query_string"]
            else Query()
        )
        call = Call(self.api, ctx, request, resource, query, None)
        row = await call.repo.one_row(resource, key)
        data, included = await reads.document_for_rows(call, resource, [row])
        return compound(data[0], included=included, links={"self": resource.self_link(row[0])})

    async def _call(
        self,
        request: Request,
        session: AsyncSession,
        resource: Resource,
        query: Query,
        connection: AsyncConnection | None = None,
    ) -> Call:
        actor = await self.api.authenticate(request, session)
        ctx = RequestContext(request, session, actor)
        return Call(self.api, ctx, request, resource, query, connection)

    def target_of(self, resource: Resource, segments: list[str]) -> Resource | None:
        """The resource whose documents the URL returns (query parameters refer to it);
        None for a planned relationship, whose answer is always empty."""
        if len(segments) == 3:
            rel = self.relation(resource, segments[2])
            return None if rel.planned else self.api.resource(rel.type)
        return resource

    def relation(self, resource: Resource, wire: str) -> Relationship:
        rel = resource.relations.get(wire)
        if rel is None:
            raise RouteNotFound(f"{resource.type} has no relationship {wire!r}")
        return rel

    def route(self, resource: Resource, segments: list[str], method: str) -> Handler:
        count = len(segments)
        if count == 1:
            if resource.singleton is not None:
                return self._one(resource, resource.singleton, method)
            return self._pick(method, {"GET": _list, "POST": _create}, resource)
        key = segments[1]
        if count == 2:
            return self._one(resource, key, method)
        if count == 3:
            rel = self.relation(resource, segments[2])
            handlers = {"GET": _bind(_related, key, rel)}
            back = self.back_link(resource, rel)
            if back is not None:
                handlers["POST"] = _bind(_create_under, key, resource, rel, back)
            # A POST is offered only where the child's resource takes creates (`back_link`).
            return self._pick(method, handlers, resource, writes_ok=True)
        if count == 4 and segments[2] == "relationships":
            rel = self.relation(resource, segments[3])
            change = _bind(_change, key, rel)
            allowed: dict[str, Handler] = {"GET": _bind(_linkage, key, rel)}
            if rel.writable:
                allowed["PATCH"] = change
                if rel.many:
                    allowed["POST"] = allowed["DELETE"] = change
            return self._pick(method, allowed, resource, writes_ok=True)
        raise RouteNotFound("no such route")

    def back_link(self, parent: Resource, rel: Relationship) -> str | None:
        """For a to-many list whose children may be made under it: the one writable to-one of
        the child's resource that names the parent's type."""
        if not rel.many or rel.planned:
            return None
        child = self.api.resource(rel.type)
        if child.create is None:
            return None
        links = [
            r.wire
            for r in child.relations.values()
            if r.writable and not r.many and r.type == parent.type
        ]
        return links[0] if len(links) == 1 else None

    def _one(self, resource: Resource, key: str, method: str) -> Handler:
        handlers = {
            "GET": _bind(_show, key),
            "PATCH": _bind(_update, key),
            "DELETE": _bind(_delete, key),
        }
        return self._pick(method, handlers, resource)

    def _pick(
        self,
        method: str,
        handlers: dict[str, Handler],
        resource: Resource,
        *,
        writes_ok: bool = False,
    ) -> Handler:
        if not writes_ok:
            allowed = {m: h for m, h in handlers.items() if _exposed(resource, m)}
        else:
            allowed = handlers
        handler = allowed.get(method)
        if handler is None:
            raise MethodNotAllowed(
                f"{method} is not allowed here", headers={"Allow": ", ".join(allowed)}
            )
        return handler


def _exposed(resource: Resource, method: str) -> bool:
    if method == "POST":
        return resource.create is not None
    if method == "PATCH":
        return resource.update is not None
    if method == "DELETE":
        return resource.deletable
    return True


def _bind(fn: Callable[..., Awaitable[Response]], *args: Any) -> Handler:
    async def handler(call: Call) -> Response:
        return await fn(call, *args)

    return handler


async def _list(call: Call) -> Response:
    return document_response(call.request, await reads.list_collection(call))


async def _show(call: Call, key: str) -> Response:
    return document_response(call.request, await reads.show(call, key))


async def _related(call: Call, key: str, rel: Relationship) -> Response:
    return document_response(call.request, await reads.show_related(call, key, rel))


async def _linkage(call: Call, key: str, rel: Relationship) -> Response:
    return document_response(call.request, await reads.show_linkage(call, key, rel))


async def _create(call: Call) -> Response:
    document, path = await writes.create(call)
    location = call.api.absolute(call.request, path)
    return document_response(call.request, document, 201, {"Location": location})


async def _create_under(
    call: Call, key: str, parent: Resource, rel: Relationship, wire: str
) -> Response:
    """`POST /v1/<parents>/<id>/<children>`: a child of the parent the URL names, which the
    caller must be able to see; the parent's create rule still decides."""
    found = await call.repo.one_object(parent, key)
    parent_id = str(getattr(found, parent.pk.key))
    child = Call(call.api, call.ctx, call.request, call.api.resource(rel.type), call.query)
    document, path = await writes.create(child, (wire, parent_id))
    location = call.api.absolute(call.request, path)
    return document_response(call.request, document, 201, {"Location": location})


async def _update(call: Call, key: str) -> Response:
    return document_response(call.request, await writes.update(call, key))


async def _delete(call: Call, key: str) -> Response:
    return document_response(call.request, await writes.delete(call, key))


async def _change(call: Call, key: str, rel: Relationship) -> Response:
    return document_response(call.request, await writes.change_relationship(call, key, rel))


def _template(segments: list[str]) -> str:
    if len(segments) == 1:
        return f"/v1/{segments[0]}"
    return "/".join(("/v1", segments[0], "{id}", *segments[2:]))


async def reroute(request: Request, rest: str, query: str | None = None) -> Response:
    """Answer `request` as the engine answers `/v1/<rest>` (with `query` in place of the
    request's query string when given): for the Open Event URLs that name a resource by
    another path than its own."""
    dispatcher: Dispatcher = request.app.state.dispatcher
    scope = {**request.scope, "path_params": {"rest": rest}}
    if query is not None:
        scope["query_string"] = query.encode()
    return await dispatcher.handle(Request(scope, request.receive))
