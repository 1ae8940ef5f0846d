"""To-one includes read by the page statement itself: a list costs one statement less for each.

A many-to-one include adds its target's columns to the page through a LEFT JOIN on an alias of
the target table. The join is made to the page once it is cut (a subquery with its order, limit
and offset), so the database joins the rows of one page, not every row the window count sees.
The target's view scope is checked by an EXISTS on the real table correlated to that alias:
the policy's clauses are used as written, and no other clause of the page (which may have
subqueries on the target table) can be correlated to the join by accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, exists, inspect

if TYPE_CHECKING:
    from hallway.jsonapi.api import JsonApi
    from hallway.jsonapi.resource import Relationship, Resource

Row = tuple[Any, ...]
Pairs = list[tuple[Any, Row]]
_BY_KEY = itemgetter(0)


@dataclass(frozen=True)
class JoinPlan:
    """The statement parts of joining one to-one include, built once per relationship."""

    wire: str
    target: Resource
    width: int
    alias: Any
    columns: list[Any]
    key: Any
    fk_index: int  # where the owner's foreign key is among its row columns

    def on(self, page: Sequence[Any], scope: Sequence[ColumnElement[bool]]) -> ColumnElement[bool]:
        """The join condition to the columns of a cut page."""
        on: ColumnElement[bool] = self.key == page[self.fk_index]
        if scope:
            visible = exists().where(self.target.pk == self.key, *scope).correlate(self.alias)
            on = and_(on, visible)
        return on


def pairs(rows: Sequence[Row], start: int, width: int) -> Pairs:
    """(key, row) for every distinct target found at `start` in the page rows, by key: what a
    statement of its own would have returned."""
    found: dict[Any, Row] = {}
    end = start + width
    for row in rows:
        key = row[start]
        if key is not None and key not in found:
            found[key] = row[start:end]
    return sorted(found.items(), key=_BY_KEY)


def join_plan(api: JsonApi, resource: Resource, rel: Relationship) -> JoinPlan | None:
    """How pages of `resource` join the include `rel`; None when they cannot: not a
    many-to-one, or a self-join (the scope would have to be rewritten for the alias)."""
    plans = api.statements(resource).join_plans
    if rel.wire not in plans:
        plans[rel.wire] = _plan(api, resource, rel)
    plan = plans[rel.wire]
    assert plan is None or isinstance(plan, JoinPlan)
    return plan


def _plan(api: JsonApi, resource: Resource, rel: Relationship) -> JoinPlan | None:
    if rel.planned or not rel.fk_key or rel.only is not None:
        return None
    target = api.resource(rel.type)
    statements = api.statements(target)
    owner_table = inspect(resource.model).local_table
    table = inspect(target.model).local_table
    if not (api.statements(resource).plain and statements.plain) or table is owner_table:
        return None
    if any(column.key not in table.c for column in statements.columns):
        return None  # computed columns (column_property) cannot be read through an alias
    alias = table.alias()
    key = alias.c[target.pk.key]
    return JoinPlan(
        wire=rel.wire,
        target=target,
        width=len(statements.columns),
        alias=alias,
        columns=[alias.c[column.key] for column in statements.columns],
        key=key,
        fk_index=resource.row_columns.index(rel.fk_key),
    )
