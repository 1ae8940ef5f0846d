"""Statements: scoped reads, pages, and include loading planned from the include tree.

A list costs one statement for the page (the total rides along as a window count), plus one
per include path, whatever the number of rows. Every read goes through the policy's SQL scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from hallway.errors import InvalidQueryParameter, ObjectNotFound
from hallway.jsonapi.filters import FilterCompiler
from hallway.jsonapi.ids import row_id
from hallway.jsonapi.joins import Pairs, join_plan, pairs
from hallway.jsonapi.pages import Join, Order, cut, default_page
from hallway.jsonapi.policy import RequestContext
from hallway.jsonapi.query import IncludeNode, Query
from hallway.jsonapi.statements import restricting

if TYPE_CHECKING:
    from hallway.jsonapi.api import JsonApi
    from hallway.jsonapi.resource import Relationship, Resource

Row = tuple[Any, ...]
IN_CHUNK = 5000
# Rows are read by position only, so a cached compiled statement need not be re-keyed to the
# columns of each new statement object (what the ORM also skips).
POSITIONAL = {"_result_disable_adapt_to_context": True}
_FIRST = itemgetter(0)


@dataclass
class Included:
    """Resources pulled in by `include`, and the linkage of every object that has any, both
    keyed by (type, primary key as read)."""

    objects: dict[tuple[str, Any], tuple[Resource, Row]] = field(default_factory=dict)
    linkage: dict[tuple[str, Any], dict[str, Any]] = field(default_factory=dict)

    def link(self, type_: str, id_: Any, wire: str, data: Any) -> None:
        key = (type_, id_)
        found = self.linkage.get(key)
        if found is None:
            self.linkage[key] = {wire: data}
        else:
            found[wire] = data


@dataclass
class Page:
    rows: list[Row]
    total: int
    # (key, row) pairs of the to-one includes the page statement joined, by wire name.
    joined: dict[str, Pairs] = field(default_factory=dict)


class Repository:
    def __init__(
        self, api: JsonApi, ctx: RequestContext, connection: AsyncConnection | None = None
    ) -> None:
        self.api = api
        self.ctx = ctx
        self.connection = connection

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
            clauses += self.api.statements(resource).visible
        return restricting(clauses)

    async def related_scope(self, rel: Relationship, target: Resource) -> list[ColumnElement[bool]]:
        """The target's view scope, narrowed by what the relationship shows the caller."""
        clauses = await self.scope(target, "view")
        if rel.only is None:
            return clauses
        return restricting([*clauses, await rel.only.scope(self.ctx, target.model)])

    async def _connection(self) -> AsyncConnection:
        """The read's own connection, or the transaction's."""
        return self.connection or await self.ctx.session.connection()

    async def rows(self, stmt: Any, params: dict[str, Any] | None = None) -> list[Row]:
        """Run a read on the session's connection: plain tuples, no ORM result handling.
        Kept statements go straight to the driver where it can take them (driver.py), a
        write's too: on its transaction's connection they see what it has flushed (and before
        its first statement there is nothing of its own to see)."""
        connection = await self._connection()
        params = {**self.ctx.params, **params} if params else self.ctx.params
        if self.api.driver.kept(stmt):
            found = await self.api.driver.rows(connection, stmt, params)
            if found is not None:
                return found
        result = await connection.execute(stmt, params, execution_options=POSITIONAL)
        return [tuple(row) for row in result.all()]

    # -- reads -----------------------------------------------------------------------------------
    async def one_row(self, resource: Resource, key: str, *, trashed: bool = False) -> Row:
        statements = self.api.statements(resource)
        base, value = _by_key(resource, key, statements.by_pk, statements.by_identifier)
        scope = await self.scope(resource, "view", trashed=trashed)
        found = await self.rows(statements.scoped(base, scope), {"_key": value})
        if not found:
            raise ObjectNotFound(f"{resource.type} {key!r} not found")
        return found[0]

    async def one_object(self, resource: Resource, key: str, *, trashed: bool = False) -> Any:
        statements = self.api.statements(resource)
        base, value = _by_key(
            resource, key, statements.objects_by_pk, statements.objects_by_identifier
        )
        scope = await self.scope(resource, "view", trashed=trashed)
        stmt = statements.scoped(base, scope, driven=False)
        obj = (await self.ctx.session.execute(stmt, {"_key": value})).scalars().first()
        if obj is None:
            raise ObjectNotFound(f"{resource.type} {key!r} not found")
        return obj

    async def page(self, resource: Resource, query: Query, where: Sequence[Any] = ()) -> Page:
        scope = await self.scope(resource, "list", trashed=query.get_trashed)
        narrowing = [*where]
        if query.filter:
            narrowing.append(
                await FilterCompiler(self.api, self.ctx).compile(query.filter, resource)
            )
        narrowing = restricting(narrowing)
        joins = await self._joins(resource, query.include)
        stmt = self._page_statement(resource, query, scope, narrowing, joins)
        size, number = query.page_size, query.page_number
        limit = size if size else self.api.max_page_size + 1
        result = await self.rows(stmt, {"_limit": limit, "_offset": (number - 1) * size})
        if not size and len(result) > self.api.max_page_size:
            raise InvalidQueryParameter(
                "page[size]",
                f"more than {self.api.max_page_size} rows match: ask for them page by page",
            )
        if result:
            return self._page_of(resource, result, joins)
        count = select(func.count()).select_from(resource.model).where(*scope, *narrowing)
        return Page([], (await self.ctx.session.scalar(count)) or 0)

    async def _joins(self, resource: Resource, tree: dict[str, IncludeNode]) -> list[Join]:
        """The includes the page statement reads itself, with their targets' view scopes."""
        joins: list[Join] = []
        for wire in tree:
            plan = join_plan(self.api, resource, resource.relations[wire])
            if plan is not None:
                joins.append((plan, await self.scope(plan.target, "view")))
        return joins

    def _page_of(self, resource: Resource, result: list[Row], joins: list[Join]) -> Page:
        """Page rows are the resource's columns, the total, then each joined target's."""
        width = len(self.columns(resource))
        joined: dict[str, Pairs] = {}
        start = width + 1
        for plan, _ in joins:
            joined[plan.wire] = pairs(result, start, plan.width)
            start += plan.width
        return Page([row[:width] for row in result], result[0][width], joined)

    def _page_statement(
        self,
        resource: Resource,
        query: Query,
        scope: list[ColumnElement[bool]],
        narrowing: list[ColumnElement[bool]],
        joins: list[Join],
    ) -> Select[Any]:
        """A page in the default order and without filters is a statement kept per scope;
        the others differ from request to request and are built for each."""
        statements = self.api.statements(resource)
        if not query.sort and not narrowing:
            return default_page(statements, scope, joins)
        where = statements.counted.where(*scope, *narrowing)
        order: Order = []
        joined: dict[str, Any] = {}
        for path, descending in query.sort:
            owner, _, name = path.rpartition(".")
            if owner:
                column = self._join_sort(resource, owner, name, joined)
            else:
                column = resource.column(name)
            order.append((column, descending))
        for target, onclause in joined.values():
            where = where.outerjoin(target, onclause)
        return cut(statements, where, [*order, (resource.pk, False)], joins)

    def _join_sort(self, resource: Resource, owner: str, name: str, joined: dict[str, Any]) -> Any:
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
        joined: dict[str, Pairs] | None = None,
    ) -> None:
        """Read every include path below `rows`; `joined` has what the page read already."""
        joined = {**(joined or {}), **await self._read_level(resource, rows, tree, joined)}
        for wire, node in tree.items():
            rel = resource.relations[wire]
            if node.resource is None:
                for row in rows:
                    included.link(resource.type, row[0], wire, [] if rel.many else None)
                continue
            if wire in joined:
                found = joined[wire]
            else:
                found = await self.related_rows(resource, rel, node.resource, rows)
            self.record_linkage(resource, rel, node.resource, rows, found, included)
            targets: dict[Any, Row] = {}
            for _, row in found:
                targets[row[0]] = row
                included.objects.setdefault((node.resource.type, row[0]), (node.resource, row))
            if node.children and targets:
                await self.include(node.resource, list(targets.values()), node.children, included)

    async def related_rows(
        self, resource: Resource, rel: Relationship, target: Resource, rows: Sequence[Row]
    ) -> list[tuple[Any, Row]]:
        """(owner key, target row) pairs, read through the target's scope in chunked IN lists."""
        keys = self._owner_keys(resource, rel, rows)
        if not keys:
            return []
        dialect = self.ctx.session.get_bind().dialect.name
        stmt = await self._related_statement(rel, target, dialect)
        ordered = sorted(keys)
        chunk_size = len(ordered) if dialect == "postgresql" else IN_CHUNK
        pairs: list[tuple[Any, Row]] = []
        for start in range(0, len(ordered), chunk_size):
            for values in await self.rows(stmt, {"_keys": ordered[start : start + chunk_size]}):
                pairs.append((values[-1], values[:-1]))
        return pairs

    @staticmethod
    def _owner_keys(resource: Resource, rel: Relationship, rows: Sequence[Row]) -> set[Any]:
        """The keys the target rows of `rel` are found by: the owners' foreign keys to them,
        or the owners' own keys."""
        if rel.fk_key:
            fk_index = resource.row_columns.index(rel.fk_key)
            return {row[fk_index] for row in rows if row[fk_index] is not None}
        return {row[0] for row in rows}

    async def _related_statement(self, rel: Relationship, target: Resource, dialect: str) -> Any:
        statements = self.api.statements(target)
        scope = await self.related_scope(rel, target)
        return statements.scoped(statements.related(rel, dialect), scope)

    async def _read_level(
        self,
        resource: Resource,
        rows: Sequence[Row],
        tree: dict[str, IncludeNode],
        joined: dict[str, Pairs] | None,
    ) -> dict[str, Pairs]:
        """On PostgreSQL's driver, the includes of one level that need a statement of their
        own are read in one round trip (driver.py `batch`), as `related_rows` would read each;
        {} where they cannot be, and then each is read on its own."""
        connection = await self._connection()
        if connection.dialect.name != "postgresql":
            return {}
        reads: dict[str, tuple[Any, dict[str, Any]]] = {}
        for wire, node in tree.items():
            if node.resource is None or (joined is not None and wire in joined):
                continue
            rel = resource.relations[wire]
            keys = self._owner_keys(resource, rel, rows)
            if keys:
                stmt = await self._related_statement(rel, node.resource, "postgresql")
                reads[wire] = (stmt, {**self.ctx.params, "_keys": sorted(keys)})
        if len(reads) < 2:
            return {}
        found = await self.api.driver.batch(connection, list(reads.values()))
        if found is None:
            return {}
        # The order of each statement (by the target's key), kept whatever order the records
        # came back in.
        return {
            wire: [(values[-1], values[:-1]) for values in sorted(rows_, key=_FIRST)]
            for wire, rows_ in zip(reads, found, strict=True)
        }

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


def _by_key(
    resource: Resource, key: str, by_pk: Select[Any], by_identifier: Select[Any] | None
) -> tuple[Select[Any], int | str]:
    """The statement that finds `key` (a numeric id, else the resource's identifier) and the
    value it takes as `_key`."""
    number = row_id(resource.pk, key)
    if number is not None:
        return by_pk, number
    if by_identifier is not None:
        return by_identifier, key
    raise ObjectNotFound(f"{resource.type} {key!r} not found")
