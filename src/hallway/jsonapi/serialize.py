"""Rows -> JSON:API documents. Everything per resource is compiled once, at declaration time.

Rows are tuples in `resource.row_columns` order, so building a resource object is a handful of
index look-ups and string joins; the document is encoded once with orjson.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import orjson

from hallway.jsonapi.names import dasherize

if TYPE_CHECKING:
    from hallway.jsonapi.resource import Resource

JSONAPI = {"version": "1.0"}
# Stands for an object's id in pre-encoded links; JSON encodes it as an escape that no id
# (ASCII letters and digits only) can contain.
_ID_MARK = "\x00"
_ENCODED_ID_MARK = orjson.dumps(_ID_MARK)[1:-1]
Linkage = dict[str, Any]
# Sparse fieldsets with hidden fields taken out, kept per serializer (they repeat).
KEPT_CUTS = 256


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def encode(document: Any) -> bytes:
    try:
        return orjson.dumps(document, default=_default)
    except orjson.JSONEncodeError:
        # A dict with keys other than strings: the option that allows them halves the speed,
        # so it is asked for only when needed (the output is otherwise the same).
        return orjson.dumps(document, default=_default, option=orjson.OPT_NON_STR_KEYS)


class Serializer:
    """Builds resource objects of one resource type."""

    def __init__(self, resource: Resource, client_keyed: frozenset[str] = frozenset()) -> None:
        self.type = resource.type
        self.prefix = f"/v1/{resource.path}/"
        index = {key: i for i, key in enumerate(resource.row_columns)}
        self.columns = resource.row_columns
        self.attrs = [
            (name, dasherize(name), index[name])
            for name in resource.attribute_names
            if name not in resource.computed
        ]
        self.computed = [(name, dasherize(name), fn) for name, fn in resource.computed.items()]
        self.rels = [(rel.name, rel.wire) for rel in resource.relations.values()]
        # Planned to-ones are empty until their domain lands: known without a query, they are
        # linked (null) in every answer, like the to-ones whose key the row holds.
        self.empty = frozenset(
            rel.wire for rel in resource.relations.values() if rel.planned and not rel.many
        )
        # To-ones whose key the row holds: linked in every answer (see _linkage_of), but
        # those to a type the client keys by an attribute only while empty.
        self.keyed = [
            (rel.wire, rel.type, index[rel.row_key], rel.type in client_keyed)
            for rel in resource.relations.values()
            if not rel.many and rel.row_key and not rel.planned
        ]
        # `/relationships/<wire>` and `/<wire>` suffixes, joined to the object's base per row.
        self.rel_suffixes = [
            (name, wire, "/relationships/" + wire, "/" + wire) for name, wire in self.rels
        ]
        self.field_names = frozenset([*resource.attribute_names, *(name for name, _ in self.rels)])
        # Relationship links already encoded, with a placeholder for the object's id, per set
        # of relationships with linkage (left out): an object without a sparse fieldset costs
        # a bytes replace, plus the encoding of its linked relationships.
        self._templates: dict[frozenset[str], bytes] = {}
        self._cuts: dict[tuple[frozenset[str] | None, frozenset[str]], frozenset[str]] = {}

    def without(self, fields: frozenset[str] | None, hidden: frozenset[str]) -> frozenset[str]:
        """The sparse fieldset `fields` (None: every field) less the `hidden` names."""
        key = (fields, hidden)
        cut = self._cuts.get(key)
        if cut is None:
            if len(self._cuts) >= KEPT_CUTS:
                self._cuts.clear()
            cut = self._cuts[key] = (self.field_names if fields is None else fields) - hidden
        return cut

    def resource_object(
        self,
        row: Sequence[Any],
        fields: frozenset[str] | None = None,
        linkage: Linkage | None = None,
    ) -> dict[str, Any]:
        id_ = str(row[0])
        base = self.prefix + id_
        if fields is None:
            attributes = {wire: row[i] for _, wire, i in self.attrs}
            rels = self.rel_suffixes
        else:
            attributes = {wire: row[i] for name, wire, i in self.attrs if name in fields}
            rels = [entry for entry in self.rel_suffixes if entry[0] in fields]
        if self.computed:
            self._add_computed(attributes, row, fields)
        if self.keyed:
            linkage = self._linkage_of(row, linkage)
        relationships: Any
        if fields is None and id_.isalnum() and id_.isascii():
            relationships = self._encoded_relationships(id_, base, linkage)
        else:
            relationships = _relationships(base, rels, linkage, self.empty)
        return {
            "type": self.type,
            "id": id_,
            "attributes": attributes,
            "relationships": relationships,
            "links": {"self": base},
        }

    def _linkage_of(self, row: Sequence[Any], linkage: Linkage | None) -> Linkage:
        """The linkage of the to-ones whose key is on the row, with what the includes found."""
        own: Linkage = {
            wire: None if row[i] is None else {"type": type_, "id": str(row[i])}
            for wire, type_, i, by_attribute in self.keyed
            if row[i] is None or not by_attribute
        }
        return {**own, **linkage} if linkage else own

    def _encoded_relationships(
        self, id_: str, base: str, linkage: Linkage | None
    ) -> orjson.Fragment:
        """Every relationship object, encoded: those with linkage first, then the others from
        a template kept per set of linked relationships (member order means nothing in JSON)."""
        rest = self._links_without(frozenset(linkage) if linkage else frozenset())
        rest = rest.replace(_ENCODED_ID_MARK, id_.encode())
        if not linkage:
            return orjson.Fragment(rest)
        linked = {
            wire: _linked(base, own, related, linkage[wire])
            for _, wire, own, related in self.rel_suffixes
            if wire in linkage
        }
        head = orjson.dumps(linked, default=_default)
        if rest == b"{}":
            return orjson.Fragment(head)
        return orjson.Fragment(head[:-1] + b"," + rest[1:])

    def _links_without(self, linked: frozenset[str]) -> bytes:
        template = self._templates.get(linked)
        if template is None:
            if len(self._templates) >= KEPT_CUTS:
                self._templates.clear()
            others = [entry for entry in self.rel_suffixes if entry[1] not in linked]
            template = orjson.dumps(
                _relationships(self.prefix + _ID_MARK, others, None, self.empty)
            )
            self._templates[linked] = template
        return template

    def _add_computed(
        self, attributes: dict[str, Any], row: Sequence[Any], fields: frozenset[str] | None
    ) -> None:
        mapping = dict(zip(self.columns, row, strict=False))
        for name, wire, fn in self.computed:
            if fields is None or name in fields:
                attributes[wire] = fn(mapping)

    def identifier(self, row: Sequence[Any]) -> dict[str, str]:
        return {"type": self.type, "id": str(row[0])}


def _relationships(
    base: str,
    rels: Sequence[tuple[str, str, str, str]],
    linkage: Linkage | None,
    empty: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Relationship objects: links always, `data` for the relationships in `linkage` and for
    the `empty` ones (null)."""
    relationships: dict[str, Any] = {}
    for _, wire, self_suffix, related_suffix in rels:
        if linkage and wire in linkage:
            relationships[wire] = _linked(base, self_suffix, related_suffix, linkage[wire])
        elif wire in empty:
            relationships[wire] = _linked(base, self_suffix, related_suffix, None)
        else:
            links = {"self": base + self_suffix, "related": base + related_suffix}
            relationships[wire] = {"links": links}
    return relationships


def _linked(base: str, own: str, related: str, data: Any) -> dict[str, Any]:
    """A relationship object with its linkage. An empty to-one has no `related` link: the
    Open Event client follows that link whenever it holds a record it created in place (the
    licence step), and would lose that record to the answer (docs/wire-rules.md)."""
    if data is None:
        return {"links": {"self": base + own}, "data": None}
    return {"links": {"self": base + own, "related": base + related}, "data": data}


def row_of(resource: Resource, obj: Any) -> tuple[Any, ...]:
    """The row tuple of an ORM object, as a read query would return it."""
    return tuple(getattr(obj, key) for key in resource.row_columns)


def compound(
    data: Any,
    *,
    included: Iterable[dict[str, Any]] = (),
    links: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    document: dict[str, Any] = {"data": data}
    included = list(included)
    if included:
        document["included"] = included
    if meta is not None:
        document["meta"] = meta
    if links is not None:
        document["links"] = links
    document["jsonapi"] = JSONAPI
    return document
