"""GET handlers: collections, single objects, related objects and relationship linkage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, exists, select
from starlette.requests import Request

from hallway.errors import InvalidQueryParameter, ObjectNotFound
from hallway.jsonapi.joins import Pairs
from hallway.jsonapi.policy import RequestContext
from hallway.jsonapi.query import Query
from hallway.jsonapi.repository import Included, Page, Repository, Row
from hallway.jsonapi.serialize import compound
from hallway.jsonapi.visibility import View, hidden_from, view_of

PAGE_NUMBER = urlencode({"page[number]": ""})

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncConnection

    from hallway.jsonapi.api import JsonApi
    from hallway.jsonapi.resource import Relationship, Resource


@dataclass
class Call:
    """One JSON:API request being served."""

    api: JsonApi
    ctx: RequestContext
    request: Request
    resource: Resource
    query: Query
    # A GET reads on the connection it opened without a transaction; writes ask the session.
    connection: AsyncConnection | None = None

    @property
    def path(self) -> str:
        """The request's path (what `links.self` names), without building its whole URL."""
        path: str = self.request.scope["path"]
        return path

    @property
    def repo(self) -> Repository:
        return Repository(self.api, self.ctx, self.connection)

    def check_trash_access(self) -> None:
        if self.query.get_trashed and not self.resource.soft_delete:
            raise InvalidQueryParameter("get_trashed", f"{self.resource.type} is never trashed")


async def document_for_rows(
    call: Call, resource: Resource, rows: Sequence[Row], joined: dict[str, Pairs] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Primary resource objects and the `included` array for them (`joined`: the includes
    the rows' statement read already)."""
    included = Included()
    if call.query.include:
        await call.repo.include(resource, rows, call.query.include, included, joined)
    fields = call.query.fields
    linkage = included.linkage
    type_ = resource.type
    serializer = call.api.serializer(resource)
    build = serializer.resource_object
    own_fields = fields.get(type_)
    view = (
        None
        if resource.hidden is None
        else await view_of(call.ctx, resource, serializer, own_fields)
    )
    if view is None:
        data = [build(row, own_fields, linkage.get((type_, row[0]))) for row in rows]
    else:
        data = [build(row, view(row), linkage.get((type_, row[0]))) for row in rows]
    if not included.objects:
        return data, []
    primary = {(type_, row[0]) for row in rows}
    return data, await _included_objects(call, included, primary)


async def _included_objects(
    call: Call, included: Included, primary: set[tuple[str, Any]]
) -> list[dict[str, Any]]:
    fields = call.query.fields
    views: dict[str, View | None] = {}
    extra = []
    for key, (res, row) in included.objects.items():
        if key in primary:
            continue
        serializer = call.api.serializer(res)
        own_fields = fields.get(res.type)
        if res.type not in views:
            hides = res.hidden is not None
            views[res.type] = (
                await view_of(call.ctx, res, serializer, own_fields) if hides else None
            )
        view = views[res.type]
        chosen = own_fields if view is None else view(row)
        extra.append(serializer.resource_object(row, chosen, included.linkage.get(key)))
    return extra


async def list_collection(call: Call, where: Sequence[ColumnElement[bool]] = ()) -> dict[str, Any]:
    call.check_trash_access()
    await check_sort_visible(call)
    params = call.request.query_params
    where = [
        *where,
        *[
            await clause(call.ctx, params[name])
            for name, clause in call.resource.list_params.items()
            if name in params
        ],
    ]
    page = await call.repo.page(call.resource, call.query, where)
    data, included = await document_for_rows(call, call.resource, page.rows, page.joined)
    links = pagination_links(call.request, call.query, page)
    return compound(data, included=included, links=links, meta={"count": page.total})


async def check_sort_visible(call: Call) -> None:
    """A field hidden from the caller cannot be probed by sorting on it either."""
    if not call.query.sort:
        return
    for path, _ in call.query.sort:
        owner, _, name = path.rpartition(".")
        target = call.resource
        if owner:
            target = call.api.resource(call.resource.relations[owner.replace("_", "-")].type)
        hidden = await hidden_from(call.ctx, target)
        if hidden is not None and name in hidden.names:
            raise InvalidQueryParameter("sort", f"{target.type} cannot be sorted by {name!r}")


def pagination_links(request: Request, query: Query, page: Page) -> dict[str, str]:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page[number]"]
    # The query without page[number] is encoded once; each link appends its page number.
    path: str = request.scope["path"]
    base = path + "?" + urlencode(params) if params else path
    number_at = (base + "&" if params else base + "?") + PAGE_NUMBER

    def link(number: int | None) -> str:
        return base if number is None else number_at + str(number)

    links = {
        "self": link(None if "page[number]" not in request.query_params else query.page_number)
    }
    if not query.page_size:
        return links
    last = max(1, -(-page.total // query.page_size))
    if last > 1:
        links["first"] = link(1)
        links["last"] = link(last)
    if query.page_number > 1:
        links["prev"] = link(min(query.page_number - 1, last))
    if query.page_number < last:
        links["next"] = link(query.page_number + 1)
    return links


async def show(call: Call, key: str) -> dict[str, Any]:
    call.check_trash_access()
    row = await call.repo.one_row(call.resource, key, trashed=call.query.get_trashed)
    data, included = await document_for_rows(call, call.resource, [row])
    return compound(data[0], included=included, links={"self": call.path})


def related_condition(
    parent: Resource, rel: Relationship, target: Resource, parent_row: Row
) -> ColumnElement[bool]:
    """Target rows that belong to the parent row through `rel`."""
    condition: ColumnElement[bool]
    if rel.fk_key:
        condition = target.pk == parent_row[parent.row_columns.index(rel.fk_key)]
        return condition
    if rel.secondary_on is None:
        condition = rel.link_column == parent_row[0]
        return condition
    # Correlated to the target: an association row joins it to the parent.
    return exists().where(rel.secondary_on, rel.link_column == parent_row[0])


async def show_related(call: Call, key: str, rel: Relationship) -> dict[str, Any]:
    """`/v1/<parent>/<id>/<relationship>`: a to-one as a single document (404 when it is
    empty: see docs/wire-rules.md), a to-many as a list."""
    parent = call.resource
    parent_row = await call.repo.one_row(parent, key)
    if rel.planned:
        if rel.many:
            return planned_document(call, rel)
        raise _empty(parent, key, rel)
    target = call.api.resource(rel.type)
    condition = related_condition(parent, rel, target, parent_row)
    sub = Call(call.api, call.ctx, call.request, target, call.query, call.connection)
    if rel.many:
        narrowed = [condition]
        if rel.only is not None:
            narrowed.append(await rel.only.scope(call.ctx, target.model))
        return await list_collection(sub, narrowed)
    repo = call.repo
    stmt = select(*repo.columns(target)).where(condition, *await repo.related_scope(rel, target))
    found = await repo.rows(stmt.limit(1))
    if not found:
        raise _empty(parent, key, rel)
    data, included = await document_for_rows(sub, target, found)
    return compound(data[0], included=included, links={"self": call.path})


def _empty(parent: Resource, key: str, rel: Relationship) -> ObjectNotFound:
    return ObjectNotFound(f"{parent.type} {key} has no {rel.wire}")


async def show_linkage(call: Call, key: str, rel: Relationship) -> dict[str, Any]:
    parent = call.resource
    row = await call.repo.one_row(parent, key)
    if rel.planned:
        return planned_document(call, rel)
    return await linkage_document(call, parent, row, rel)


def planned_document(call: Call, rel: Relationship) -> dict[str, Any]:
    """A relationship whose domain does not exist yet is empty: an empty list, or the null
    linkage of an empty to-one."""
    links = {"self": call.path}
    if rel.many:
        return compound([], links=links, meta={"count": 0})
    return compound(None, links=links)


async def linkage_document(
    call: Call, parent: Resource, row: Row, rel: Relationship
) -> dict[str, Any]:
    included = Included()
    target = call.api.resource(rel.type)
    pairs = await call.repo.related_rows(parent, rel, target, [row])
    call.repo.record_linkage(parent, rel, target, [row], pairs, included)
    data = included.linkage[(parent.type, row[0])][rel.wire]
    base = parent.self_link(row[0])
    links = {"self": f"{base}/relationships/{rel.wire}", "related": f"{base}/{rel.wire}"}
    return compound(data, links=links)
