"""A resource is a declaration: the engine derives routes, queries and documents from it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import Column, ColumnElement, FromClause, inspect
from sqlalchemy.orm import (
    InstrumentedAttribute,
    Mapper,
    RelationshipDirection,
    RelationshipProperty,
    column_property,
)

from hallway.jsonapi.names import dasherize
from hallway.jsonapi.policy import ModelClass, Policy, RequestContext, Rule
from hallway.jsonapi.visibility import HiddenFrom

if TYPE_CHECKING:
    from hallway.jsonapi.attachments import Attachment

SchemaClass = type[BaseModel]
OrmRelationship = Callable[[ModelClass], Any]


class DeclarationError(Exception):
    """A resource declaration is incomplete or inconsistent (raised at registration)."""


@dataclass
class Relationship:
    """A relationship of a resource to resources of `type`, backed by an ORM relationship."""

    type: str
    attr: str | None = None
    writable: bool = False
    required: bool = False
    many: bool = False
    # Declared for the wire before the domain that fills it exists: links are served and the
    # related list is empty (to-one: null). No ORM relationship backs it yet. True waits for
    # the target type; a string names another resource type it waits for.
    planned: bool | str = False
    # The ORM relationship behind it, for a relationship a domain attaches to another domain's
    # model: a function of that model returning `relationship(...)`, installed under `attr`
    # (or the name) when the model has no such attribute yet.
    orm: OrmRelationship | None = None
    # A to-one whose related row holds the owner's key (a one-to-one seen from its owner) may
    # name an attribute of the owner's model that reads the related id (a `column_property`):
    # like a foreign key, it is then read with every row and the to-one linked in every answer.
    key: str = ""
    # Rows of the target this relationship shows the caller, beyond the target's own view rule
    # (its SQL scope narrows them): a relationship whose rows depend on who asks, such as "the
    # caller's own favourite of this session".
    only: Rule | None = None
    # Filled in by `bind` when the owning resource is built.
    name: str = ""
    wire: str = ""
    prop: RelationshipProperty[Any] = field(init=False, repr=False)
    direction: RelationshipDirection = field(init=False, repr=False)
    fk_key: str = ""  # many-to-one: the owner's foreign-key attribute
    # The column a related row carries the owner's key in: the target's primary key (many-to-one),
    # its foreign key (one-to-many) or the association table's owner column (many-to-many).
    link_column: ColumnElement[Any] = field(init=False, repr=False)
    secondary: FromClause | None = field(default=None, init=False, repr=False)
    # many-to-many: the association table and the full condition joining it to the target
    # (extra conditions included, e.g. "only grants of the owner role")
    secondary_on: ColumnElement[bool] | None = field(default=None, init=False, repr=False)

    @property
    def row_key(self) -> str:
        """The owner's attribute holding the related id ("" when the row does not hold it)."""
        return self.fk_key or self.key

    @property
    def awaits(self) -> str:
        """The resource type whose arrival ends the planning."""
        return self.planned if isinstance(self.planned, str) else self.type

    def bind(self, owner: ModelClass, name: str, prop: RelationshipProperty[Any]) -> None:
        self.name, self.wire, self.prop = name, dasherize(name), prop
        self.direction = prop.direction
        target = prop.mapper
        if prop.direction is RelationshipDirection.MANYTOONE:
            ((local, remote),) = prop.local_remote_pairs
            self.fk_key = inspect(owner).get_property_by_column(local).key
            self.link_column = target.get_property_by_column(remote).class_attribute
        elif prop.direction is RelationshipDirection.ONETOMANY:
            ((_, remote),) = prop.local_remote_pairs
            self.link_column = target.get_property_by_column(remote).class_attribute
        else:
            ((_, owner_col),) = prop.synchronize_pairs
            self.link_column = owner_col
            self.secondary = prop.secondary
            self.secondary_on = prop.secondaryjoin


def ToOne(  # noqa: N802 - reads like a type in declarations
    type: str,
    *,
    attr: str | None = None,
    writable: bool = False,
    required: bool = False,
    planned: bool | str = False,
    orm: OrmRelationship | None = None,
    key: str = "",
    only: Rule | None = None,
) -> Relationship:
    return Relationship(
        type=type,
        attr=attr,
        writable=writable,
        required=required,
        planned=planned,
        orm=orm,
        key=key,
        only=only,
    )


def ToMany(  # noqa: N802 - reads like a type in declarations
    type: str,
    *,
    attr: str | None = None,
    writable: bool = False,
    planned: bool | str = False,
    orm: OrmRelationship | None = None,
    only: Rule | None = None,
) -> Relationship:
    return Relationship(
        type=type, attr=attr, writable=writable, many=True, planned=planned, orm=orm, only=only
    )


Hook = Callable[[RequestContext, Any], Awaitable[None]]
Build = Callable[[RequestContext, dict[str, Any]], Awaitable[Any]]
Apply = Callable[[RequestContext, Any, dict[str, Any]], Awaitable[None]]
# A computed attribute: its value from the row (column name -> value).
Computed = Callable[[Mapping[str, Any]], Any]
# A query parameter a resource understands on its lists (e.g. `withRole`): value -> SQL clause.
ListParam = Callable[[RequestContext, str], Awaitable[ColumnElement[bool]]]


@dataclass
class Hooks:
    """Domain rules that run inside the write transaction.

    `build` makes the new object from validated attributes (default: `Model(**values)`) and
    `apply` applies validated changes (default: setattr); `before_*` run before the flush
    (`before_update` also after a change through a relationship endpoint),
    `after_create` after it (the object has its id)."""

    build: Build | None = None
    apply: Apply | None = None
    before_create: Hook | None = None
    before_update: Hook | None = None
    before_delete: Hook | None = None
    after_create: Hook | None = None


@dataclass
class Resource:
    type: str
    model: ModelClass
    policy: Policy
    path: str = ""
    attributes: Sequence[str] | None = None
    computed: Mapping[str, Computed] = field(default_factory=dict)
    create: SchemaClass | None = None
    update: SchemaClass | None = None
    relationships: Mapping[str, Relationship] = field(default_factory=dict)
    filters: Sequence[str] = ()
    sorts: Sequence[str] = ()
    identifier: str | None = None
    soft_delete: bool = False
    deletable: bool = True
    hooks: Hooks = field(default_factory=Hooks)
    list_params: Mapping[str, ListParam] = field(default_factory=dict)
    # The id of the one object a singleton resource has: its collection path serves that
    # object (GET shows it, PATCH updates it); it is never listed, created or deleted.
    singleton: str | None = None
    # Per caller, the fields (python names) no document of this resource shows them; see
    # visibility.py. None: every caller sees every field (the fast path).
    hidden: HiddenFrom | None = None
    # Columns accepted on writes (through the schemas) and never serialized. They are read
    # with each row, so `computed` attributes may derive from them.
    write_only: Sequence[str] = ()
    # Other `type`s a write may name: the Open Event client names a resource whose type is
    # plural on the wire by its singular model name when it saves one.
    also_written_as: Sequence[str] = ()
    # The attribute the client keys these objects by in its store (ember-data's `primaryKey`),
    # when it is not the id: a linkage naming the id would name another object there, so
    # to-ones pointing here carry `data` only when included or empty (docs/wire-rules.md).
    client_key: str | None = None
    # To-one ORM relationships (attribute names) whose objects a write of this resource
    # reads with it, in the same statement: the hooks that look at them find them loaded.
    loads_with: Sequence[str] = ()

    def __post_init__(self) -> None:
        self.path = self.path or self.type + "s"
        relationships = inspect(self.model).relationships
        for name in self.loads_with:
            if name not in relationships or relationships[name].uselist:
                raise DeclarationError(f"{self.type}.loads_with: {name!r} is not a to-one")
        self._derive()

    def extend(self, attachment: Attachment) -> None:
        """Take what another domain attaches: relationships, SQL attributes, a rule that
        widens who may view, a check before deletion. Then derive everything again."""
        clash = set(attachment.relationships) & set(self.relationships)
        if clash:
            raise DeclarationError(f"{self.type}: relationships attached twice: {sorted(clash)}")
        for name, rel in attachment.relationships.items():
            if rel.writable or rel.required:
                raise DeclarationError(
                    f"{self.type}.{name}: an attached relationship is read-only "
                    "(write it from its own resource)"
                )
            if rel.orm is not None and not hasattr(self.model, rel.attr or name):
                setattr(self.model, rel.attr or name, rel.orm(self.model))
        self.relationships = {**self.relationships, **attachment.relationships}
        # Deferred: the engine's reads name them and compute them; an object a rule loads
        # does not (an event's order figures sum all its orders).
        for name, expression in attachment.attributes.items():
            if not hasattr(self.model, name):
                setattr(self.model, name, column_property(expression(self.model), deferred=True))
        shown = [name for name in attachment.attributes if name not in attachment.internal]
        if self.attributes is not None:
            self.attributes = [*self.attributes, *shown]
        self.write_only = [*self.write_only, *attachment.internal]
        self.computed = {**self.computed, **attachment.computed}
        if attachment.readable is not None:
            view = self.policy.rule_for("view") | attachment.readable
            self.policy = replace(self.policy, view=view)
        if attachment.after_create is not None:
            self.hooks = replace(
                self.hooks, after_create=_chain(self.hooks.after_create, attachment.after_create)
            )
        if attachment.hidden is not None:
            if self.hidden is not None:
                raise DeclarationError(f"{self.type}: hidden fields declared twice")
            self.hidden = attachment.hidden
        if attachment.before_delete is not None:
            self.hooks = replace(
                self.hooks, before_delete=_chain(self.hooks.before_delete, attachment.before_delete)
            )
        self._derive()

    def _derive(self) -> None:
        mapper = inspect(self.model)
        self.pk: Column[Any] = mapper.primary_key[0]
        self.relations: dict[str, Relationship] = {}
        for name, rel in self.relationships.items():
            self._bind_relationship(name, rel, mapper)
        self.attribute_names: tuple[str, ...] = tuple(self._attribute_names(mapper))
        self.row_columns: tuple[str, ...] = tuple(self._row_columns())
        self._check_soft_delete(mapper)
        self._check_write_only(mapper)
        self._check_singleton()
        self.actions: tuple[str, ...] = tuple(self._actions())
        self._check_policy()

    def finish(self) -> None:
        """Checks that wait for every attachment: the names filters and sorts use (a
        relationship another domain attaches counts)."""
        self._check_names(inspect(self.model))

    # -- derived facts -------------------------------------------------------------------------
    def _bind_relationship(self, name: str, rel: Relationship, mapper: Mapper[Any]) -> None:
        if rel.planned:
            if rel.writable or rel.required:
                raise DeclarationError(f"{self.type}.{name}: a planned relationship is read-only")
            rel.name, rel.wire = name, dasherize(name)
            self.relations[rel.wire] = rel
            return
        attr = rel.attr or name
        prop = mapper.relationships.get(attr)
        if prop is None:
            raise DeclarationError(f"{self.type}: the model has no relationship {attr!r}")
        if rel.many != bool(prop.uselist):
            raise DeclarationError(f"{self.type}.{name}: ToOne/ToMany does not match the model")
        rel.bind(self.model, name, prop)
        if rel.key and (rel.many or rel.fk_key or rel.key not in mapper.column_attrs):
            raise DeclarationError(
                f"{self.type}.{name}: `key` names a column attribute of a to-one without a "
                "foreign key on the owner"
            )
        if rel.only is not None and (rel.writable or not rel.only.has_scope):
            raise DeclarationError(
                f"{self.type}.{name}: a caller-narrowed relationship is read-only and its "
                "rule needs an SQL scope"
            )
        if rel.writable and not rel.many and not rel.fk_key:
            raise DeclarationError(f"{self.type}.{name}: only a many-to-one to-one can be written")
        self.relations[rel.wire] = rel

    def _attribute_names(self, mapper: Mapper[Any]) -> list[str]:
        if self.attributes is not None:
            shown = set(self.attributes) & set(self.write_only)
            if shown:
                raise DeclarationError(f"{self.type}: write-only and shown: {sorted(shown)}")
            return [*self.attributes, *self.computed]
        fk_keys = {c.key for c in mapper.columns if c.foreign_keys}
        return [
            prop.key
            for prop in mapper.column_attrs
            if prop.key != self.pk.key
            and prop.columns[0].key not in fk_keys
            and prop.key not in self.write_only
        ] + list(self.computed)

    def _row_columns(self) -> list[str]:
        """Every column a document of this resource needs: id, attributes, to-one keys."""
        keys = [self.pk.key]
        keys += [name for name in self.attribute_names if name not in self.computed]
        keys += self.write_only
        for rel in self.relations.values():
            if rel.row_key:
                keys.append(rel.row_key)
        if self.identifier:
            keys.append(self.identifier)
        if self.soft_delete:
            keys.append("deleted_at")
        return list(dict.fromkeys(keys))

    def _check_soft_delete(self, mapper: Mapper[Any]) -> None:
        if self.soft_delete and "deleted_at" not in mapper.column_attrs:
            raise DeclarationError(f"{self.type}: soft delete needs a deleted_at column")

    def _check_names(self, mapper: Mapper[Any]) -> None:
        known = set(mapper.column_attrs.keys()) | set(self.computed)
        for name in [*self.attribute_names, *self.filters, *self.sorts]:
            if name not in known and dasherize(name) not in self.relations and name != "id":
                raise DeclarationError(f"{self.type}: unknown field {name!r}")

    def _check_write_only(self, mapper: Mapper[Any]) -> None:
        for name in self.write_only:
            if name not in mapper.column_attrs:
                raise DeclarationError(f"{self.type}: write-only {name!r} is not a column")
            if name in (*self.filters, *self.sorts):
                raise DeclarationError(f"{self.type}: write-only {name!r} cannot filter or sort")

    def _check_singleton(self) -> None:
        if self.singleton is None:
            return
        if self.create is not None or self.deletable or self.soft_delete:
            raise DeclarationError(
                f"{self.type}: a singleton is never created or deleted "
                "(no create schema, deletable=False, no soft delete)"
            )
        if self.filters or self.sorts or self.list_params:
            raise DeclarationError(f"{self.type}: a singleton is never listed")

    def _actions(self) -> list[str]:
        actions = ["view"] if self.singleton is not None else ["list", "view"]
        if self.create is not None:
            actions.append("create")
        if self.update is not None:
            actions.append("update")
        if self.deletable:
            actions.append("delete")
        if self.soft_delete:
            actions.append("trash")
        actions += [rel.name for rel in self.relations.values() if rel.writable]
        return actions

    def _check_policy(self) -> None:
        for action in self.actions:
            try:
                self.policy.rule_for(action)
            except LookupError:
                raise DeclarationError(
                    f"{self.type}: no policy for the action {action!r}; every exposed action "
                    "needs an explicit rule"
                ) from None
        for action in ("list", "view"):
            if action in self.actions and not self.policy.rule_for(action).has_scope:
                raise DeclarationError(f"{self.type}: the {action!r} rule needs an SQL scope")
        if self.soft_delete and not self.policy.rule_for("trash").has_scope:
            raise DeclarationError(f"{self.type}: the 'trash' rule needs an SQL scope")

    # -- helpers used by the engine ------------------------------------------------------------
    def column(self, name: str) -> InstrumentedAttribute[Any]:
        return getattr(self.model, name)  # type: ignore[no-any-return]

    def self_link(self, id_: int | str) -> str:
        return f"/v1/{self.path}/{id_}"


def _chain(first: Hook | None, then: Hook) -> Hook:
    if first is None:
        return then

    async def both(ctx: RequestContext, obj: Any) -> None:
        await first(ctx, obj)
        await then(ctx, obj)

    return both
