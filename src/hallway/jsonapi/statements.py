"""Statements built once per resource and relationship, reused by every request.

Reusing the same statement objects lets SQLAlchemy find the compiled SQL in its cache without
rebuilding anything; a policy scope that lets every row through adds nothing to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, ColumnElement, Select, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import True_

if TYPE_CHECKING:
    from hallway.jsonapi.resource import Relationship, Resource

PAGE_LIMIT: BindParameter[int] = bindparam("_limit")
PAGE_OFFSET: BindParameter[int] = bindparam("_offset")
KEY: BindParameter[Any] = bindparam("_key")


def restricting(clauses: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """Drop clauses that restrict nothing (`true()` from rules like `anyone`)."""
    return [clause for clause in clauses if not isinstance(clause, True_)]


class Statements:
    """The read statements of one resource."""

    def __init__(self, resource: Resource) -> None:
        self.resource = resource
        self.columns = [resource.column(key) for key in resource.row_columns]
        self.rows: Select[Any] = select(*self.columns)
        self.counted: Select[Any] = select(*self.columns, func.count().over().label("_total"))
        self.by_pk = self.rows.where(resource.pk == KEY)
        self.by_identifier = (
            self.rows.where(resource.column(resource.identifier) == KEY)
            if resource.identifier
            else None
        )
        self._related: dict[tuple[str, str], Select[Any]] = {}

    def related(self, rel: Relationship, dialect: str) -> Select[Any]:
        """Target rows of `rel` plus the owner key they belong to, for a list of owner keys
        (`_keys`): one array parameter on PostgreSQL, an expanding IN elsewhere."""
        cache_key = (rel.wire, dialect)
        if cache_key not in self._related:
            self._related[cache_key] = self._build_related(rel, dialect)
        return self._related[cache_key]

    def _build_related(self, rel: Relationship, dialect: str) -> Select[Any]:
        target = self.resource
        link = rel.link_column
        stmt = select(*self.columns, link)
        if rel.secondary is not None and rel.secondary_on is not None:
            stmt = stmt.join(rel.secondary, rel.secondary_on)
        if dialect == "postgresql":
            keys = bindparam("_keys", type_=ARRAY(link.type))
            match = link == any_(keys)
        else:
            match = link.in_(bindparam("_keys", expanding=True))
        return stmt.where(match).order_by(target.pk)
