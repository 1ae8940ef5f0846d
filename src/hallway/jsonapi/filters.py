"""The Open Event JSON filter language, compiled to whitelisted SQLAlchemy clauses.

A filter is a JSON list of nodes ANDed together. A node is `{"name","op","val"}`,
`{"name","op","field"}`, `{"and":[…]}`, `{"or":[…]}` or `{"not":{…}}`; `any` / `has` take a nested
filter through a relationship, and `rel__col` is shorthand for that. Only declared names are
accepted; every mistake is a 400 pointing at the `filter` parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Float,
    Integer,
    Numeric,
    and_,
    false,
    not_,
    or_,
    true,
)

from hallway.errors import InvalidQueryParameter
from hallway.jsonapi.limits import MAX_FILTER_DEPTH, MAX_FILTER_NODES
from hallway.jsonapi.names import dasherize, undasherize
from hallway.jsonapi.policy import RequestContext
from hallway.jsonapi.visibility import hidden_from

if TYPE_CHECKING:
    from hallway.jsonapi.api import JsonApi
    from hallway.jsonapi.resource import Relationship, Resource

Clause = ColumnElement[bool]

_COMPARE: dict[str, Callable[[Any, Any], Clause]] = {
    "eq": lambda c, v: c.is_(None) if v is None else c == v,
    "ne": lambda c, v: c.is_not(None) if v is None else c != v,
    "lt": lambda c, v: c < v,
    "le": lambda c, v: c <= v,
    "gt": lambda c, v: c > v,
    "ge": lambda c, v: c >= v,
    "is_": lambda c, v: c.is_(v),
    "isnot": lambda c, v: c.is_not(v),
    "in_": lambda c, v: c.in_(v),
    "notin_": lambda c, v: c.not_in(v),
    "between": lambda c, v: c.between(v[0], v[1]),
}
_TEXT: dict[str, Callable[[Any, str], Clause]] = {
    "like": lambda c, v: c.like(v),
    "ilike": lambda c, v: c.ilike(v),
    "notlike": lambda c, v: c.not_like(v),
    "notilike": lambda c, v: c.not_ilike(v),
    "startswith": lambda c, v: c.startswith(v, autoescape=True),
    "endswith": lambda c, v: c.endswith(v, autoescape=True),
    "contains": lambda c, v: c.contains(v, autoescape=True),
}
OPERATORS = frozenset(_COMPARE) | frozenset(_TEXT) | {"any", "has"}
_NULL_TESTS = ("eq", "ne", "is_", "isnot")


def bad(detail: str) -> InvalidQueryParameter:
    return InvalidQueryParameter("filter", detail)


def check_filter_size(nodes: list[Any]) -> None:
    """Refuse a filter of more than MAX_FILTER_NODES objects, or with objects nested more than
    MAX_FILTER_DEPTH deep (through and / or / not and the nested filter of has / any), before
    any of it is compiled. The walk keeps its own stack: a deep filter cannot exhaust Python's."""
    count = 0
    stack: list[tuple[Any, int]] = [(nodes, 0)]  # a value, and the filter objects around it
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            count, depth = count + 1, depth + 1
            if count > MAX_FILTER_NODES:
                raise bad(f"a filter may hold at most {MAX_FILTER_NODES} filter objects")
            if depth > MAX_FILTER_DEPTH:
                raise bad(f"filter objects may be nested at most {MAX_FILTER_DEPTH} deep")
            value = value.values()
        elif not isinstance(value, list):
            continue
        stack.extend((item, depth) for item in value if isinstance(item, (dict, list)))


class FilterCompiler:
    def __init__(self, api: JsonApi, ctx: RequestContext) -> None:
        self.api = api
        self.ctx = ctx

    async def compile(self, nodes: list[Any], resource: Resource) -> Clause:
        return and_(true(), *[await self.node(node, resource) for node in nodes])

    async def node(self, node: Any, resource: Resource) -> Clause:
        if not isinstance(node, dict):
            raise bad(f"a filter must be an object, not {node!r}")
        if "and" in node or "or" in node:
            key = "and" if "and" in node else "or"
            children = node[key]
            if not isinstance(children, list):
                raise bad(f"{key!r} takes a list of filters")
            if not children:
                return true()
            clauses = [await self.node(child, resource) for child in children]
            return and_(*clauses) if key == "and" else or_(*clauses)
        if "not" in node:
            return not_(await self.node(node["not"], resource))
        return await self.leaf(node, resource)

    async def leaf(self, node: dict[str, Any], resource: Resource) -> Clause:
        name, op = node.get("name"), node.get("op")
        if not isinstance(name, str) or not isinstance(op, str):
            raise bad("a filter needs a string 'name' and 'op'")
        op = undasherize(op)
        if op not in OPERATORS:
            raise bad(f"unknown filter operator {op!r}")
        if "val" not in node and "field" not in node:
            raise bad(f"the filter on {name!r} needs a 'val' or a 'field'")
        name = undasherize(name)
        if "__" in name:
            rel_name, _, column = name.partition("__")
            through = self._relation(resource, rel_name)
            return await self._exists(through, [{**node, "name": column}])
        guard = await self._visible_rows(resource, name)
        clause = await self._leaf_clause(node, resource, name, op)
        return clause if guard is None else and_(clause, guard)

    async def _leaf_clause(
        self, node: dict[str, Any], resource: Resource, name: str, op: str
    ) -> Clause:
        rel = resource.relations.get(dasherize(name))
        if rel is not None:
            return await self._relationship_leaf(rel, op, node, resource)
        column = self._column(resource, name)
        if "field" in node:
            other = node["field"]
            if not isinstance(other, str):
                raise bad("'field' must name a column")
            guard = await self._visible_rows(resource, undasherize(other))
            compared = self._apply(op, column, self._column(resource, undasherize(other)), name)
            return compared if guard is None else and_(compared, guard)
        return self._apply(op, column, coerce(column, node["val"], name), name)

    async def _visible_rows(self, resource: Resource, name: str) -> Clause | None:
        """A field hidden from the caller cannot be probed with filters either: refused, or,
        where some rows show it to the caller (`Hidden.exempt_where`), a filter on it matches
        those rows only (None: the field is not hidden)."""
        if resource.hidden is None:
            return None
        hidden = await hidden_from(self.ctx, resource)
        if hidden is None or name not in hidden.names:
            return None
        if hidden.exempt_where is None:
            raise bad(f"{resource.type} cannot be filtered by {dasherize(name)!r}")
        return hidden.exempt_where

    def _column(self, resource: Resource, name: str) -> Any:
        if name != "id" and name not in resource.filters:
            raise bad(f"{resource.type} cannot be filtered by {dasherize(name)!r}")
        return resource.column(name)

    def _relation(self, resource: Resource, name: str) -> Relationship:
        rel = resource.relations.get(dasherize(name))
        if rel is None or name not in resource.filters:
            raise bad(f"{resource.type} cannot be filtered through {dasherize(name)!r}")
        return rel

    @staticmethod
    def _planned(rel: Relationship, op: str, node: dict[str, Any]) -> Clause:
        """A planned relationship is always empty: nothing matches through it, and it is
        null when compared with null."""
        if op in ("any", "has"):
            return false()
        if "field" not in node and node.get("val") is None and op in _NULL_TESTS:
            return true() if op in ("eq", "is_") else false()
        raise bad(f"{rel.wire!r} can only be tested with 'has', 'any' or against null")

    async def _relationship_leaf(
        self, rel: Relationship, op: str, node: dict[str, Any], resource: Resource
    ) -> Clause:
        self._relation(resource, rel.name)
        if op in ("has", "any") and (op == "has") == rel.many:
            kind = "to-many" if rel.many else "to-one"
            raise bad(
                f"use '{'any' if rel.many else 'has'}' for the {kind} relationship {rel.wire!r}"
            )
        if rel.planned:
            return self._planned(rel, op, node)
        if op in ("any", "has"):
            nested = node.get("val")
            nested_list = nested if isinstance(nested, list) else [nested]
            return await self._exists(rel, nested_list)
        if not rel.fk_key or "field" in node:
            raise bad(f"{rel.wire!r} can only be compared through 'has' or 'any'")
        fk = resource.column(rel.fk_key)
        return self._apply(op, fk, coerce(fk, node["val"], rel.wire), rel.wire)

    async def _exists(self, rel: Relationship, nested: list[Any]) -> Clause:
        target = self.api.resource(rel.type)
        clause = and_(
            await self.compile(nested, target),
            await target.policy.rule_for("view").scope(self.ctx, target.model),
            *self.api.visible_rows(target),
            *([await rel.only.scope(self.ctx, target.model)] if rel.only is not None else []),
        )
        attr = getattr(rel.prop.parent.class_, rel.prop.key)
        return attr.any(clause) if rel.many else attr.has(clause)  # type: ignore[no-any-return]

    def _apply(self, op: str, column: Any, value: Any, name: str) -> Clause:
        if op in _TEXT:
            if not isinstance(value, str):
                raise bad(f"{op!r} on {dasherize(name)!r} needs a string value")
            return _TEXT[op](column, value)
        if isinstance(value, list) and op not in ("in_", "notin_", "between"):
            raise bad(f"{op!r} on {dasherize(name)!r} takes a single value, not a list")
        if op in ("in_", "notin_") and not isinstance(value, list):
            raise bad(f"{op!r} on {dasherize(name)!r} needs a list value")
        if op == "between" and not (isinstance(value, list) and len(value) == 2):
            raise bad(f"'between' on {dasherize(name)!r} needs a list of two values")
        if op in ("is_", "isnot") and value not in (None, True, False):
            raise bad(f"{op!r} on {dasherize(name)!r} takes null, true or false")
        if op in ("any", "has"):
            raise bad(f"{op!r} applies to relationships only, not {dasherize(name)!r}")
        return _COMPARE[op](column, value)


def coerce(column: Any, value: Any, name: str) -> Any:
    """Turn a JSON value into the column's Python type; a list is coerced item by item."""
    if isinstance(value, list):
        return [_scalar(column, item, name) for item in value]
    return _scalar(column, value, name)


def _scalar(column: Any, value: Any, name: str) -> Any:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise bad(f"the value for {dasherize(name)!r} must be a single value")
    python_type = _python_type(column)
    try:
        converted = _CONVERT[python_type](value)
    except (ValueError, TypeError, OverflowError):
        raise bad(f"{value!r} is not a valid value for {dasherize(name)!r}") from None
    if python_type is int:
        low, high = _INT_RANGE[_is_big(column)]
        if not low <= converted <= high:
            raise bad(f"{value!r} is out of range for {dasherize(name)!r}")
    return converted


_INT_RANGE = {False: (-(2**31), 2**31 - 1), True: (-(2**63), 2**63 - 1)}


def _is_big(column: Any) -> bool:
    return isinstance(getattr(column.type, "impl", column.type), BigInteger)


def _python_type(column: Any) -> type:
    sql_type = column.type
    impl = getattr(sql_type, "impl", sql_type)
    for kind, python in (
        (Boolean, bool),
        (DateTime, datetime),
        (Date, date),
        (Integer, int),
        (Float, float),
        (Numeric, float),
    ):
        if isinstance(impl, kind):
            return python
    return str


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(value)


def _to_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(value)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _to_int(value: Any) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError(value)
    return int(value)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    return float(value)


def _to_str(value: Any) -> str:
    if isinstance(value, (bool, dict, list)) or "\x00" in str(value):
        raise ValueError(value)
    return str(value)


_CONVERT: dict[type, Callable[[Any], Any]] = {
    bool: _to_bool,
    datetime: _to_datetime,
    date: lambda v: date.fromisoformat(v),
    int: _to_int,
    float: _to_float,
    str: _to_str,
}
