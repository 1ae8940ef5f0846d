"""Statements built once per resource and relationship, reused by every request.

They select plain Core columns (no ORM annotations): cheaper cache keys, and rows read on the
connection come back as positional tuples. Reusing the same statement objects lets SQLAlchemy
find the compiled SQL in its cache without rebuilding anything; a policy scope that lets every
row through adds nothing to them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    Table,
    any_,
    bindparam,
    func,
    inspect,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import QueryableAttribute, joinedload
from sqlalchemy.sql.elements import True_

from hallway.jsonapi.driver import Driver

if TYPE_CHECKING:
    from hallway.jsonapi.resource import Relationship, Resource

PAGE_LIMIT: BindParameter[int] = bindparam("_limit")
PAGE_OFFSET: BindParameter[int] = bindparam("_offset")
KEY: BindParameter[Any] = bindparam("_key")
# Statements kept per resource for distinct scopes (per-user scopes make many).
KEPT_STATEMENTS = 256


def scope_key(clauses: Sequence[ColumnElement[bool]]) -> Hashable | None:
    """What makes clauses the same SQL with the same values: their SQLAlchemy cache keys and
    bound values (with their types). None when that cannot be told (an uncacheable clause,
    a value computed at execution, or one that cannot be hashed)."""
    parts = []
    for clause in clauses:
        part = _clause_key(clause)
        if part is None:
            return None
        parts.append(part)
    return tuple(parts)


# Keys of clause objects seen lately, by identity (the object is kept, so its id is not
# reused): policies that answer the same clause object every time are keyed once.
_KEYS: dict[int, tuple[ColumnElement[bool], Hashable | None]] = {}
_KEYS_MAX = 1024


def _clause_key(clause: ColumnElement[bool]) -> Hashable | None:
    found = _KEYS.get(id(clause))
    if found is not None and found[0] is clause:
        return found[1]
    key = _compute_key(clause)
    if len(_KEYS) >= _KEYS_MAX:
        _KEYS.clear()
    _KEYS[id(clause)] = (clause, key)
    return key


def _compute_key(clause: ColumnElement[bool]) -> Hashable | None:
    cache_key = clause._generate_cache_key()
    if cache_key is None:
        return None
    values = []
    for bind in cache_key.bindparams:
        if bind.callable is not None:
            return None
        value = bind.value
        if isinstance(value, list):  # an IN list: the same values make the same SQL
            value = tuple(value)
        values.append((type(bind.value), value))
    key = (cache_key.key, tuple(values))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def restricting(clauses: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """Drop clauses that restrict nothing (`true()` from rules like `anyone`)."""
    return [clause for clause in clauses if not isinstance(clause, True_)]


def single_table(resource: Resource) -> bool:
    """Whether the model maps one table, so its Core columns alone name the FROM clause (with
    inheritance only the ORM knows it)."""
    mapper = inspect(resource.model)
    return mapper.inherits is None and isinstance(mapper.local_table, Table)


def core(column: Any) -> Any:
    """The plain Core column behind an ORM attribute."""
    if isinstance(column, QueryableAttribute):
        return column.property.columns[0]
    return column


class Statements:
    """The read statements of one resource."""

    def __init__(self, resource: Resource, driver: Driver | None = None) -> None:
        self.resource = resource
        # Told about every statement kept here, so a read may run it on the driver directly.
        self.driver = driver or Driver()
        plain = single_table(resource)
        self.columns = [
            core(column) if plain else column
            for column in map(resource.column, resource.row_columns)
        ]
        self.plain = plain
        self.rows: Select[Any] = select(*self.columns)
        self.counted: Select[Any] = select(*self.columns, func.count().over().label("_total"))
        self.by_pk = self.driver.keep(self.rows.where(resource.pk == KEY))
        self.by_identifier = (
            self.driver.keep(self.rows.where(resource.column(resource.identifier) == KEY))
            if resource.identifier
            else None
        )
        # The mapped objects a write changes, by key (see `scoped(driven=False)`).
        objects = select(resource.model).options(
            *(joinedload(getattr(resource.model, name)) for name in resource.loads_with)
        )
        self.objects_by_pk = objects.where(resource.pk == KEY)
        self.objects_by_identifier = (
            objects.where(resource.column(resource.identifier) == KEY)
            if resource.identifier
            else None
        )
        # Rows every caller sees by default: soft-deleted ones are hidden.
        self.visible: tuple[ColumnElement[bool], ...] = (
            (resource.column("deleted_at").is_(None),) if resource.soft_delete else ()
        )
        self._related: dict[tuple[str, str], Select[Any]] = {}
        # How pages join their to-one includes, by wire name (see joins.py).
        self.join_plans: dict[str, Any] = {}
        self._kept: dict[Hashable, Select[Any]] = {}

    @property
    def kept_count(self) -> int:
        """How many scoped statements are kept (one per distinct scope)."""
        return len(self._kept)

    def kept(
        self, key: Hashable, build: Callable[[], Select[Any]], *, driven: bool = True
    ) -> Select[Any]:
        """The statement built for `key` the first time it was asked for. Policy scopes are
        built per request but mostly repeat (the same SQL with the same values); a new
        statement object would make SQLAlchemy compute its whole cache key again. `driven`:
        the driver is told about it (a read of rows, not of ORM objects)."""
        stmt = self._kept.get(key)
        if stmt is None:
            if len(self._kept) >= KEPT_STATEMENTS:
                self._kept.clear()
            stmt = build()
            self._kept[key] = self.driver.keep(stmt) if driven else stmt
        return stmt

    def scoped(
        self, base: Select[Any], scope: Sequence[ColumnElement[bool]], *, driven: bool = True
    ) -> Select[Any]:
        """`base` limited by a policy scope, kept per distinct scope."""
        if not scope:
            return base
        key = scope_key(scope)
        if key is None:
            return base.where(*scope)
        return self.kept((base, key), lambda: base.where(*scope), driven=driven)

    def related(self, rel: Relationship, dialect: str) -> Select[Any]:
        """Target rows of `rel` plus the owner key they belong to, for a list of owner keys
        (`_keys`): one array parameter on PostgreSQL, an expanding IN elsewhere."""
        cache_key = (rel.wire, dialect)
        if cache_key not in self._related:
            self._related[cache_key] = self.driver.keep(self._build_related(rel, dialect))
        return self._related[cache_key]

    def _build_related(self, rel: Relationship, dialect: str) -> Select[Any]:
        target = self.resource
        link = core(rel.link_column) if self.plain else rel.link_column
        stmt = select(*self.columns, link)
        if rel.secondary is not None and rel.secondary_on is not None:
            stmt = stmt.join(rel.secondary, rel.secondary_on)
        if dialect == "postgresql":
            keys = bindparam("_keys", type_=ARRAY(link.type))
            match = link == any_(keys)
        else:
            match = link.in_(bindparam("_keys", expanding=True))
        return stmt.where(match).order_by(target.pk)
