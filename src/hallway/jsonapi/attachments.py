"""Children attach to their parents.

A domain declares what it adds to another domain's resource — relationships (`tickets` on an
event), attributes computed in SQL, a rule that lets more callers view an object, a check
before deletion — inside its own package, and registers it with `JsonApi.attach`. The parent's
declaration never lists its children, so a new domain touches its own folder, the registry and
a migration.

Relationships of the wire contract whose domain does not exist yet are declared once, with
`JsonApi.plan`: they render links and answer empty (to-one: null) until a domain attaches the
real relationship, at which point the plan must go (registration says so).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement

from hallway.jsonapi.policy import ModelClass, Rule
from hallway.jsonapi.resource import Computed, Hook, Relationship
from hallway.jsonapi.visibility import HiddenFrom

# An attribute computed in SQL: a function of the parent's model returning a column expression.
SqlAttribute = Callable[[ModelClass], ColumnElement[Any]]


@dataclass(frozen=True)
class Attachment:
    """What one domain adds to the resource of type `target`."""

    target: str
    relationships: Mapping[str, Relationship] = field(default_factory=dict)
    attributes: Mapping[str, SqlAttribute] = field(default_factory=dict)
    # OR'ed into the target's `view` rule (e.g. hosts of published events have a public profile).
    readable: Rule | None = None
    # Runs after the target's own `before_delete` hook, in the same transaction; may refuse.
    before_delete: Hook | None = None
    # Runs after the target's own `after_create` hook (the new object has its id).
    after_create: Hook | None = None
    # Who may not see the attached attributes (the target must hide nothing of its own).
    hidden: HiddenFrom | None = None
    # Attached SQL attributes read with each row but never shown, and attributes computed
    # from a row (they may read those).
    internal: tuple[str, ...] = ()
    computed: Mapping[str, Computed] = field(default_factory=dict)


def relate(target: str, **relationships: Relationship) -> Attachment:
    """`relate("event", tickets=ToMany("ticket", orm=...))`: relationships only."""
    return Attachment(target, relationships=relationships)


def planned(target: str, **relationships: Relationship) -> Attachment:
    """Relationships of `target` whose domain is not built yet (see `JsonApi.plan`); a
    string `planned` names another type they wait for."""
    marked = {
        name: replace(rel, planned=rel.planned or True) for name, rel in relationships.items()
    }
    return Attachment(target, relationships=marked)
