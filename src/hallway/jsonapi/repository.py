"""Statements: scoped reads, pages, and include loading planned from the include tree.

A list costs one statement for the page (the total rides along as a window count), plus one
per include path, whatever the number of rows. Every read goes through the policy's SQL scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import aliased

from hallway.errors import InvalidQueryParameter, ObjectNotFound
from hallway.jsonapi.filters import FilterCompiler
from hallway.jsonapi.policy import RequestContext
from hallway.jsonapi.query import IncludeNode, Query
from hallway.jsonapi.statements import PAGE_LIMIT, PAGE_OFFSET, restricting

if TYPE_CHECKING:
    from hallway.jsonapi.registry import JsonApi
    from hallway.jsonapi.resource import Relationship, Resource

Row = tuple[Any, ...]
IN_CHUNK = 5000


@dataclass
class Included:
    """Resources pulled in by `include`, and the linkage of every object that has any."""

    objects: dict[tuple[str, str], tuple[Resource, Row]] = field(default_factory=dict)
    linkage: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def link(self, type_: str, id_: Any, wire: str, data: Any) -> None:
        self.linkage.setdefault((type_, str(id_)), {})[wire] = data


@dataclass
class Page:
    rows: list[Row]
    total: int


class Repository:
    def __init__(self, api: JsonApi, ctx: RequestContext) -> None:
        self.api = api
        self.ctx = ctx

    # -- statements ------------------------------------------------------------------------------
    def columns(self, resource: Resource) -> list[Any]:
        return self.api.statements(resource).columns

    async def scope(
        self, resource: Resource, action: str, *, trashed: bool = False
    ) -> list[ColumnElement[bool]]:
        """The clauses that limit what the caller may read (none when everything is allowed)."""
        clauses = [await resource.policy.rule_for(action).scope(self.ctx, resource.model)]
        if trashed:
            clauses.append(await resource.policy.rule_for("trash").scope(self.ctx, resource.model))
        else:
            clauses += self.api.visible_rows(resource)
        return restricting(clauses)

    def match_id(self, resource: Resource, key: str) -> ColumnElement[bool]:
        if key.isdigit():
            return resource.pk == int(key)
        if resource.identifier:
            return resource.column(resource.identifier) == key
        raise ObjectNotFound(f"{resource.type} {key!r} not found")

    async def rows(self, stmt: Any, params: dict[str, Any] | None = None) -> list[Row]:
        """Run a read on the session's connection: plain tuples, no ORM result handling."""
        connection = await self.ctx.session.connection()
        return [tuple(row) for row in await connection.execute(stmt, params or {})]

    # -- reads -----------------------------------------------------------------------------------
    async def one_row(self, resource: Resource, key: str, *, trashed: bool = False) -> Row:
        statements = self.api.statements(resource)
        value: int | str
        if key.isdigit():
            base, value = statements.by_pk, int(key)
        elif statements.by_identifier is not None:
            base, value = statements.by_identifier, key
        else:
            raise ObjectNotFound(f"{resource.type} {key!r} not found")
        scope = await self.scope(resource, "view", trashed=trashed)
        found = await self.rows(base.where(*scope) if scope else base, {"_key": value})
        if not found:
            raise ObjectNotFound(f"{resource.type} {key!r} not found")
        return found[0]

    async def one_object(self, resource: Resource, key: str, *, trashed: bool = False) -> Any:
        stmt = select(resource.model).where(
            self.match_id(resource, key), *await self.scope(resource, "view", trashed=trashed)
        )
        obj = (await self.ctx.session.execute(stmt)).scalars().first()
        if obj is None:
            raise ObjectNotFound(f"{resource.type} {key!r} not found")
        return obj

    async def page(self, resource: Resource, query: Query, where: Sequence[Any] = ()) -> Page:
        clauses = [*await self.scope(resource, "list", trashed=query.get_trashed), *where]
        if query.filter:
            clauses.append(await FilterCompiler(self.api, self.ctx).compile(query.filter, resource))
        clauses = restricting(clauses)
        stmt: Select[Any] = self.api.statements(resource).counted
        stmt = self._sorted(stmt.where(*clauses) if clauses else stmt, resource, query)
        size, number = query.page_size, query.page_number
        limit = size if size else self.api.max_page_size + 1
        stmt = stmt.limit(PAGE_LIMIT).offset(PAGE_OFFSET)
        result = await self.rows(stmt, {"_limit": limit, "_offset": (number - 1) * size})
        if not size and len(result) > self.api.max_page_size:
            raise InvalidQueryParameter(
                "page[size]",
                f"more than {self.api.max_page_size} rows match: ask for them page by page",
            )
        if result:
            return Page([r[:-1] for r in result], result[0][-1])
        count = select(func.count()).select_from(resource.model).where(*clauses)
        return Page([], (await self.ctx.session.scalar(count)) or 0)

    def _sorted(self, stmt: Select[Any], resource: Resource, query: Query) -> Select[Any]:
        order = []
        joined: dict[str, Any] = {}
        for path, descending in query.sort:
            owner, _, name = path.rpartition(".")
            if owner:
                column = self._join_sort(stmt, resource, owner, name, joined)
            else:
                column = resource.column(name)
            order.append(column.desc() if descending else column.asc())
        for target, onclause in joined.values():
            stmt = stmt.outerjoin(target, onclause)
        return stmt.order_by(*order, resource.pk)

    def _join_sort(
        self, stmt: Select[Any], resource: Resource, owner: str, name: str, joined: dict[str, Any]
    ) -> Any:
        rel = resource.relations[owner.replace("_", "-")]
        if not rel.fk_key:
            raise InvalidQueryParameter("sort", f"cannot sort through {rel.wire!r}")
        if owner not in joined:
            target = self.api.resource(rel.type)
            alias = aliased(target.model)
            onclause = resource.column(rel.fk_key) == getattr(alias, target.pk.key)
            joined[owner] = (alias, onclause)
        return getattr(joined[owner][0], name)

    # -- includes --------------------------------------------------------------------------------
    async def include(
        self,
        resource: Resource,
        rows: Sequence[Row],
        tree: dict[str, IncludeNode],
        included: Included,
    ) -> None:
        for wire, node in tree.items():
            rel = resource.relations[wire]
            if node.resource is None:
                for row in rows:
                    included.link(resource.type, row[0], wire, [] if rel.many else None)
                continue
            pairs = await self.related_rows(resource, rel, node.resource, rows)
            self.record_linkage(resource, rel, node.resource, rows, pairs, included)
            targets: dict[Any, Row] = {}
            for _, row in pairs:
                targets[row[0]] = row
                included.objects.setdefault((node.resource.type, str(row[0])), (node.resource, row))
            if node.children and targets:
                await self.include(node.resource, list(targets.values()), node.children, included)

    async def related_rows(
        self, resource: Resource, rel: Relationship, target: Resource, rows: Sequence[Row]
    ) -> list[tuple[Any, Row]]:
        """(owner key, target row) pairs, read through the target's scope in chunked IN lists."""
        if rel.fk_key:
            fk_index = resource.row_columns.index(rel.fk_key)
            keys = {row[fk_index] for row in rows if row[fk_index] is not None}
        else:
            keys = {row[0] for row in rows}
        if not keys:
            return []
        scope = await self.scope(target, "view")
        dialect = self.ctx.session.get_bind().dialect.name
        stmt = self.api.statements(target).related(rel, dialect)
        if scope:
            stmt = stmt.where(*scope)
        ordered = sorted(keys)
        chunk_size = len(ordered) if dialect == "postgresql" else IN_CHUNK
        pairs: list[tuple[Any, Row]] = []
        for start in range(0, len(ordered), chunk_size):
            for values in await self.rows(stmt, {"_keys": ordered[start : start + chunk_size]}):
                pairs.append((values[-1], values[:-1]))
        return pairs

    def record_linkage(
        self,
        resource: Resource,
        rel: Relationship,
        target: Resource,
        rows: Sequence[Row],
        pairs: list[tuple[Any, Row]],
        included: Included,
    ) -> None:
        serializer = self.api.serializer(target)
        if rel.fk_key:
            by_key = {key: row for key, row in pairs}
            fk_index = resource.row_columns.index(rel.fk_key)
            for row in rows:
                found = by_key.get(row[fk_index])
                data = serializer.identifier(found) if found is not None else None
                included.link(resource.type, row[0], rel.wire, data)
            return
        grouped: dict[Any, list[Any]] = {}
        for key, row in pairs:
            grouped.setdefault(key, []).append(serializer.identifier(row))
        for row in rows:
            items = grouped.get(row[0], [])
            included.link(
                resource.type,
                row[0],
                rel.wire,
                items if rel.many else (items[0] if items else None),
            )
