"""The statement that reads one page of a list: scope, filters, order, limit and offset, the total
as a window count, and the to-one includes joined to the cut page (see joins.py).

Without joins a page is one SELECT. With joins the cut page is a subquery; the outer SELECT
joins the includes and orders by the same keys again, which the subquery carries as extra
columns (`_s0`, `_s1`…), so a sort through a relationship keeps its order too. Every order ends
with the primary key, so the two orders are the same total order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, select

from hallway.jsonapi.joins import JoinPlan
from hallway.jsonapi.statements import PAGE_LIMIT, PAGE_OFFSET, Statements, scope_key

Order = list[tuple[Any, bool]]  # (expression, descending), the primary key last
Join = tuple[JoinPlan, list[ColumnElement[bool]]]  # a planned join and its target's scope


def _directed(order: Order) -> list[Any]:
    return [expr.desc() if descending else expr.asc() for expr, descending in order]


def cut(
    statements: Statements, where: Select[Any], order: Order, joins: Sequence[Join]
) -> Select[Any]:
    """The page of `where` (the counted rows with their conditions and sort joins)."""
    if not joins:
        return where.order_by(*_directed(order)).limit(PAGE_LIMIT).offset(PAGE_OFFSET)
    keys = [expr.label(f"_s{index}") for index, (expr, _) in enumerate(order)]
    page = (
        where.add_columns(*keys)
        .order_by(*_directed(order))
        .limit(PAGE_LIMIT)
        .offset(PAGE_OFFSET)
        .subquery("page")
    )
    columns = list(page.c)
    stmt = select(*columns[: len(statements.columns) + 1])
    source: Any = page
    for plan, scope in joins:
        stmt = stmt.add_columns(*plan.columns)
        source = source.outerjoin(plan.alias, plan.on(columns, scope))
    again = [(page.c[f"_s{index}"], descending) for index, (_, descending) in enumerate(order)]
    return stmt.select_from(source).order_by(*_directed(again))


def default_page(
    statements: Statements, scope: list[ColumnElement[bool]], joins: Sequence[Join]
) -> Select[Any]:
    """The page in the default order (by primary key) with its scope and joins, kept per
    distinct scopes: a new statement object would make SQLAlchemy compute its cache key again."""
    pk = statements.resource.pk

    def build() -> Select[Any]:
        where = statements.counted.where(*scope) if scope else statements.counted
        return cut(statements, where, [(pk, False)], joins)

    keys = [scope_key(scope), *(scope_key(target_scope) for _, target_scope in joins)]
    if any(key is None for key in keys):
        return build()
    return statements.kept(("page", tuple(plan.wire for plan, _ in joins), *keys), build)
