"""Parse include / fields[] / sort / filter / page[] into a typed, validated query."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from starlette.datastructures import QueryParams

from hallway.errors import InvalidQueryParameter
from hallway.jsonapi.filters import check_filter_size
from hallway.jsonapi.limits import (
    MAX_FIELDS,
    MAX_FILTER_LENGTH,
    MAX_INCLUDE_DEPTH,
    MAX_INCLUDE_PATHS,
    MAX_SORT_KEYS,
)
from hallway.jsonapi.names import dasherize, undasherize

if TYPE_CHECKING:
    from hallway.jsonapi.api import JsonApi
    from hallway.jsonapi.resource import Resource

DEFAULT_PAGE_SIZE = 20
# Offsets stay far inside a 64-bit integer whatever the page size.
MAX_PAGE_NUMBER = 10**9
_FIELDS = re.compile(r"^fields\[([^\]]+)\]$")
_PAGE = re.compile(r"^page\[([^\]]*)\]$")
_TRUE = ("true", "1", "yes")


@dataclass
class IncludeNode:
    """One relationship to include, and what to include below it."""

    resource: Resource | None  # None for a planned relationship (always empty)
    children: dict[str, IncludeNode] = field(default_factory=dict)


@dataclass
class Query:
    include: dict[str, IncludeNode] = field(default_factory=dict)
    fields: dict[str, frozenset[str]] = field(default_factory=dict)
    sort: list[tuple[str, bool]] = field(default_factory=list)
    filter: list[Any] = field(default_factory=list)
    page_size: int = DEFAULT_PAGE_SIZE
    page_number: int = 1
    get_trashed: bool = False
    permanent: bool = False


def parse_query(params: QueryParams, resource: Resource, api: JsonApi) -> Query:
    query = Query()
    query.get_trashed = params.get("get_trashed", "").lower() in _TRUE
    query.permanent = params.get("permanent", "").lower() in _TRUE
    for key, value in params.multi_items():
        if key == "include":
            query.include = parse_include(value, resource, api)
        elif key == "sort":
            query.sort = parse_sort(value, resource, api)
        elif key == "filter":
            query.filter = parse_filter_json(value)
        elif match := _FIELDS.match(key):
            type_, names = parse_fields(match.group(1), value, api)
            query.fields[type_] = names
        elif match := _PAGE.match(key):
            _parse_page(query, match.group(1), value)
    if query.page_size < 0 or query.page_number < 1:
        raise InvalidQueryParameter("page", "page[size] must be ≥ 0 and page[number] ≥ 1")
    if query.page_size > api.max_page_size:
        raise InvalidQueryParameter("page[size]", f"page[size] may be at most {api.max_page_size}")
    return query


def _parse_page(query: Query, key: str, value: str) -> None:
    if key not in ("size", "number"):
        raise InvalidQueryParameter(f"page[{key}]", f"page[{key}] is not a pagination parameter")
    try:
        number = int(value)
    except ValueError:
        raise InvalidQueryParameter(f"page[{key}]", f"page[{key}] must be an integer") from None
    if number > MAX_PAGE_NUMBER:
        raise InvalidQueryParameter(f"page[{key}]", f"page[{key}] is too large")
    if key == "size":
        query.page_size = number
    else:
        query.page_number = number


def parse_include(value: str, resource: Resource, api: JsonApi) -> dict[str, IncludeNode]:
    """The include tree. Below a planned relationship nothing exists, so deeper segments
    there are accepted and include nothing (clients ask for `group.followers.user`)."""
    tree: dict[str, IncludeNode] = {}
    for path in _include_paths(value):
        level: dict[str, IncludeNode] = tree
        current: Resource | None = resource
        for segment in path:
            if current is None:
                break
            rel = current.relations.get(dasherize(segment))
            if rel is None:
                raise InvalidQueryParameter(
                    "include", f"{current.type} has no relationship {segment!r} to include"
                )
            target = None if rel.planned else api.resource(rel.type)
            node = level.setdefault(rel.wire, IncludeNode(target))
            level, current = node.children, target
    return tree


def _include_paths(value: str) -> list[list[str]]:
    """The paths of `include` as lists of segments, checked against the limits before any
    segment is looked up."""
    paths = []
    for path in _items(value, "include", MAX_INCLUDE_PATHS, "paths"):
        segments = path.split(".")
        if len(segments) > MAX_INCLUDE_DEPTH:
            raise InvalidQueryParameter(
                "include",
                f"an include path may have at most {MAX_INCLUDE_DEPTH} segments, "
                f"not {len(segments)}",
            )
        paths.append(segments)
    return paths


def _items(value: str, parameter: str, limit: int, what: str) -> list[str]:
    """The non-empty comma-separated items of a parameter; a 400 past `limit` of them."""
    items = [item for item in (part.strip() for part in value.split(",")) if item]
    if len(items) > limit:
        raise InvalidQueryParameter(
            parameter, f"{parameter} may list at most {limit} {what}, not {len(items)}"
        )
    return items


def parse_fields(type_: str, value: str, api: JsonApi) -> tuple[str, frozenset[str]]:
    resource = api.resources.get(type_) or api.resources.get(dasherize(type_))
    if resource is None:
        raise InvalidQueryParameter(f"fields[{type_}]", f"unknown resource type {type_!r}")
    names = set()
    for raw in _items(value, f"fields[{type_}]", MAX_FIELDS, "fields"):
        name = undasherize(raw)
        if name == "id":
            continue
        if name not in resource.attribute_names and dasherize(name) not in resource.relations:
            raise InvalidQueryParameter(f"fields[{type_}]", f"{resource.type} has no field {raw!r}")
        names.add(name)
    return resource.type, frozenset(names)


def parse_sort(value: str, resource: Resource, api: JsonApi) -> list[tuple[str, bool]]:
    sort = []
    for raw in _items(value, "sort", MAX_SORT_KEYS, "keys"):
        descending = raw.startswith("-")
        path = undasherize(raw.lstrip("-"))
        owner, _, name = path.rpartition(".")
        target = resource
        if owner:
            rel = resource.relations.get(dasherize(owner))
            if rel is None or rel.many or rel.planned:
                raise InvalidQueryParameter("sort", f"cannot sort by {raw!r}")
            target = api.resource(rel.type)
        if name != "id" and name not in target.sorts:
            raise InvalidQueryParameter("sort", f"{target.type} cannot be sorted by {name!r}")
        sort.append((path, descending))
    return sort


def parse_filter_json(value: str) -> list[Any]:
    if len(value) > MAX_FILTER_LENGTH:
        raise InvalidQueryParameter(
            "filter", f"filter may be at most {MAX_FILTER_LENGTH} characters, not {len(value)}"
        )
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        raise InvalidQueryParameter("filter", "filter must be a JSON list") from None
    if isinstance(parsed, dict):
        parsed = [parsed]
    if not isinstance(parsed, list):
        raise InvalidQueryParameter("filter", "filter must be a JSON list of filter objects")
    check_filter_size(parsed)
    return parsed
