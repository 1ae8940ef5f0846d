"""Fields a caller may not see.

A resource may declare `hidden`: an async function of the request context that names the
fields (python names: attributes, computed attributes or relationships) this caller must not
see in any document of the resource: primary data, `included`, write answers, ETags. It returns
either a frozenset of names (hidden on every row) or a `Hidden`, whose `exempt` predicate gets
each row as a mapping of the resource's row columns and lets the caller see that row whole
(for example their own account).

It is asked once per request and resource type. A resource without `hidden`, or a caller from
whom nothing is hidden, takes the serializer's ordinary path: nothing is computed per row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

    from hallway.jsonapi.policy import RequestContext
    from hallway.jsonapi.resource import Resource
    from hallway.jsonapi.serialize import Serializer

RowTest = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class Hidden:
    """`names` are hidden on every row, except rows for which `exempt(row)` is true. With
    `keep`, every attribute not in `keep` is hidden too, those that other domains attach
    included. `exempt_where`, the SQL form of `exempt`, lets the caller filter on hidden
    fields: such a filter then matches the exempt rows only (without it, it is refused)."""

    names: frozenset[str] = frozenset()
    exempt: RowTest | None = None
    keep: frozenset[str] | None = None
    exempt_where: ColumnElement[bool] | None = None


HiddenFrom = Callable[["RequestContext"], Awaitable["frozenset[str] | Hidden"]]
Fields = frozenset[str] | None


class View:
    """The fields one caller sees of each row of one resource (for `resource_object`)."""

    __slots__ = ("columns", "cut", "exempt", "whole")

    def __init__(
        self, whole: Fields, cut: frozenset[str], exempt: RowTest | None, columns: Sequence[str]
    ) -> None:
        self.whole, self.cut, self.exempt, self.columns = whole, cut, exempt, columns

    def __call__(self, row: Sequence[Any]) -> Fields:
        if self.exempt is not None and self.exempt(dict(zip(self.columns, row, strict=False))):
            return self.whole
        return self.cut


async def hidden_from(ctx: RequestContext, resource: Resource) -> Hidden | None:
    """What `resource` hides from this caller (asked once per request); None for nothing."""
    if resource.hidden is None:
        return None
    hidden_of = resource.hidden

    async def ask() -> Hidden | None:
        found = await hidden_of(ctx)
        hidden = found if isinstance(found, Hidden) else Hidden(frozenset(found))
        if hidden.keep is not None:
            names = hidden.names | frozenset(resource.attribute_names).difference(hidden.keep)
            hidden = Hidden(names, hidden.exempt, exempt_where=hidden.exempt_where)
        return hidden if hidden.names else None

    result: Hidden | None = await ctx.remember(("hidden", resource.type), ask)
    return result


async def view_of(
    ctx: RequestContext, resource: Resource, serializer: Serializer, fields: Fields
) -> View | None:
    """The caller's view of `resource` under the sparse fieldset `fields`; None when the
    caller sees every field asked for."""
    hidden = await hidden_from(ctx, resource)
    if hidden is None:
        return None
    return View(
        fields, serializer.without(fields, hidden.names), hidden.exempt, resource.row_columns
    )
