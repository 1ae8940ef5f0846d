"""The document the fuzzer works from: the server's own `/openapi.json`, with its gaps filled in
from the resource declarations so that generated requests get past the first 400.

What is added, in the fuzzer's copy only:
- `{id}` path parameters draw from the ids and identifiers that exist, ids no row has, or any
  string without a slash;
- `include`, `sort`, `fields[...]` draw from the declared names, or any string;
- `filter` is JSON built from the declared filter names and operators;
- `page[...]` may be an integer; `get_trashed`, `permanent`, `withRole`, `If-Match` and
  `If-None-Match` are sent although the document does not declare them;
- JSON:API bodies name the declared relationships, with real ids, instead of `{}`;
- `GET /v1/events/upcoming` is added when the document leaves it out.
(bodies.py gives the endpoints outside the engine the bodies they read.)
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

import requests

from hallway.jsonapi.api import JsonApi
from hallway.jsonapi.filters import OPERATORS
from hallway.jsonapi.resource import Resource

JSONAPI = "application/vnd.api+json"
ANY_STRING: dict[str, Any] = {"type": "string"}
SCALAR: dict[str, Any] = {"type": ["string", "integer", "number", "boolean", "null"]}
ID_PATTERN = {"type": "string", "pattern": "^[^/]+$"}
# Marks operations of planned relationships in the fuzzer's copy of the document.
PLANNED = "x-planned-relationship"
MISSING_IDS = ["0", "2147483648", "99999999999999999999", "\u00b2"]
TRUE_ISH = ["true", "false", "1", "0", "yes", ""]

# Each listed value becomes cases of its own in the coverage phase: keep the lists short.
MAX_LISTED = 6


def one_of_or(values: Iterable[Any], fallback: dict[str, Any]) -> dict[str, Any]:
    """One of a few known values (spread over all of them), or anything `fallback` allows."""
    listed = list(dict.fromkeys(values))
    if len(listed) > MAX_LISTED:
        step = len(listed) / MAX_LISTED
        listed = [listed[int(i * step)] for i in range(MAX_LISTED)]
    if not listed:
        return fallback
    return {"anyOf": [{"enum": listed}, fallback]}


class Known:
    """Ids (and identifiers) that exist, per resource type."""

    def __init__(self) -> None:
        self.ids: dict[str, list[str]] = {}

    def collect(self, http: requests.Session, base_url: str, token: str, api: JsonApi) -> None:
        headers = {"Authorization": f"JWT {token}"}
        for resource in api.resources.values():
            found: list[str] = []
            response = http.get(
                f"{base_url}/v1/{resource.path}", params={"page[size]": "50"}, headers=headers
            )
            if response.ok:
                data = response.json().get("data")
                for item in data if isinstance(data, list) else [data]:  # a singleton's object
                    found.append(str(item["id"]))
                    if resource.identifier:
                        value = item.get("attributes", {}).get(resource.identifier)
                        if isinstance(value, str):
                            found.append(value)
            self.ids[resource.type] = found

    def of(self, type_: str) -> list[str]:
        return self.ids.get(type_, [])

    def id_param(self, type_: str) -> dict[str, Any]:
        """A few existing ids, ids no row has (some out of the integer range), or any key."""
        listed = [*self.of(type_)[:4], *MISSING_IDS]
        return {"anyOf": [{"enum": list(dict.fromkeys(listed))}, ID_PATTERN]}


def include_values(resource: Resource, api: JsonApi) -> list[str]:
    values = []
    for wire, rel in resource.relations.items():
        values.append(wire)
        if not rel.planned and rel.type in api.resources:
            values += [f"{wire}.{inner}" for inner in list(api.resource(rel.type).relations)[:3]]
    if len(resource.relations) > 1:
        values.append(",".join(list(resource.relations)[:3]))
    return values


def sort_values(resource: Resource, api: JsonApi) -> list[str]:
    names = [*resource.sorts, "id"]
    for wire, rel in resource.relations.items():
        if not rel.many and not rel.planned and rel.type in api.resources:
            names += [f"{wire}.{name}" for name in api.resource(rel.type).sorts[:2]]
    values = [prefix + name for name in names for prefix in ("", "-")]
    if len(names) > 1:
        values.append(f"-{names[0]},{names[1]}")
    return values


def fields_values(resource: Resource) -> list[str]:
    names = [*resource.attribute_names, *resource.relations]
    return [*names, ",".join(names[:3]), "id", ""]


def filter_schema(resource: Resource, api: JsonApi) -> dict[str, Any]:
    names = [*resource.filters, "id"]
    for rel in resource.relations.values():
        if not rel.planned and rel.name in resource.filters and rel.type in api.resources:
            names += [f"{rel.name}__{name}" for name in api.resource(rel.type).filters[:2]]
    leaf: dict[str, Any] = {
        "type": "object",
        "properties": {
            "name": one_of_or(names, ANY_STRING),
            "op": one_of_or(sorted(OPERATORS), ANY_STRING),
            "val": {"anyOf": [SCALAR, {"type": "array", "items": SCALAR, "maxItems": 3}]},
        },
        "required": ["name", "op", "val"],
    }
    nested = {
        "anyOf": [
            leaf,
            {"type": "object", "properties": {"or": {"type": "array", "items": leaf}}},
            {"type": "object", "properties": {"and": {"type": "array", "items": leaf}}},
            {"type": "object", "properties": {"not": leaf}, "required": ["not"]},
        ]
    }
    return {"anyOf": [{"type": "array", "items": nested, "maxItems": 3}, nested]}


def linkage(type_: str, known: Known, *, many: bool) -> dict[str, Any]:
    identifier = {
        "type": "object",
        "properties": {
            "type": one_of_or([type_], ANY_STRING),
            "id": one_of_or([*known.of(type_)[:3], *MISSING_IDS[1:]], ANY_STRING),
        },
        "required": ["type", "id"],
    }
    if many:
        return {"type": "array", "items": identifier, "maxItems": 3}
    return {"anyOf": [identifier, {"type": "null"}]}


def relationships_schema(resource: Resource, known: Known) -> dict[str, Any]:
    properties = {
        wire: {
            "type": "object",
            "properties": {"data": linkage(rel.type, known, many=rel.many)},
            "required": ["data"],
        }
        for wire, rel in resource.relations.items()
    }
    return {"type": "object", "properties": properties}


class Filler:
    """Rewrites one operation of the served document."""

    def __init__(self, api: JsonApi, known: Known) -> None:
        self.api = api
        self.known = known

    def owner_and_target(self, path: str) -> tuple[Resource | None, Resource | None]:
        parts = path.strip("/").split("/")
        if len(parts) < 2 or parts[0] != "v1" or parts[1] not in self.api.by_path:
            return None, None
        owner = self.api.by_path[parts[1]]
        if len(parts) == 4 and parts[3] in owner.relations:  # /v1/<path>/{id}/<relationship>
            rel = owner.relations[parts[3]]
            target = None if rel.planned else self.api.resources.get(rel.type)
            return owner, target
        return owner, owner

    @staticmethod
    def is_planned(path: str, owner: Resource) -> bool:
        """A relationship declared before its domain exists: always empty, query ignored."""
        parts = path.strip("/").split("/")
        wire = parts[4] if len(parts) == 5 and parts[3] == "relationships" else parts[-1]
        rel = owner.relations.get(wire) if len(parts) >= 4 else None
        return rel is not None and bool(rel.planned)

    def query_param(self, param: dict[str, Any], target: Resource | None) -> list[dict[str, Any]]:
        name = param["name"]
        if target is None:
            return [param]
        if name == "include":
            return [{**param, "schema": one_of_or(include_values(target, self.api), ANY_STRING)}]
        if name == "sort":
            return [{**param, "schema": one_of_or(sort_values(target, self.api), ANY_STRING)}]
        if name == "filter":
            content = {"application/json": {"schema": filter_schema(target, self.api)}}
            return [{"name": "filter", "in": "query", "required": False, "content": content}]
        if name.startswith("page["):
            return [{**param, "schema": {"anyOf": [{"type": "integer"}, ANY_STRING]}}]
        if re.fullmatch(r"fields\[.+\]", name):
            own = f"fields[{target.type}]"
            values = one_of_or(fields_values(target), ANY_STRING)
            if name == own:
                return [{**param, "schema": values}]
            # The document names the owner's type on nested lists; the target's is added.
            return [param, {"name": own, "in": "query", "required": False, "schema": values}]
        return [param]

    def operation(self, method: str, path: str, op: dict[str, Any]) -> None:
        owner, target = self.owner_and_target(path)
        if owner is None:
            return
        if self.is_planned(path, owner):
            op[PLANNED] = True
        params: list[dict[str, Any]] = []
        for param in op.get("parameters", []):
            if param["in"] == "path" and param["name"] == "id":
                params.append({**param, "schema": self.known.id_param(owner.type)})
            elif param["in"] == "query":
                params += self.query_param(param, target)
            else:
                params.append(param)
        extra = _undeclared(method, path, owner, params)
        op["parameters"] = params + extra
        self.body(method, path, op, owner)

    def body(self, method: str, path: str, op: dict[str, Any], owner: Resource) -> None:
        content = op.get("requestBody", {}).get("content", {}).get(JSONAPI)
        if content is None:
            return
        parts = path.strip("/").split("/")
        if len(parts) == 5 and parts[3] == "relationships":
            rel = owner.relations[parts[4]]
            content["schema"] = {
                "type": "object",
                "properties": {"data": linkage(rel.type, self.known, many=rel.many)},
                "required": ["data"],
            }
            return
        data = content["schema"].get("properties", {}).get("data", {})
        properties = data.get("properties", {})
        if "relationships" in properties:
            properties["relationships"] = relationships_schema(owner, self.known)
        if "id" in properties:
            properties["id"] = one_of_or(self.known.of(owner.type), ANY_STRING)


def _undeclared(
    method: str, path: str, owner: Resource, params: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    declared = {(p["in"], p["name"]) for p in params}

    def add(name: str, where: str, schema: dict[str, Any]) -> list[dict[str, Any]]:
        if (where, name) in declared:
            return []
        return [{"name": name, "in": where, "required": False, "schema": schema}]

    extra = []
    is_item = path.count("/") == 3 and path.endswith("{id}")
    if method == "get":
        extra += add("If-None-Match", "header", one_of_or(['W/"x"', "*"], ANY_STRING))
        if owner.soft_delete:
            extra += add("get_trashed", "query", one_of_or(TRUE_ISH, ANY_STRING))
        if owner.type == "event" and path == "/v1/events":
            extra += add("withRole", "query", one_of_or(["owner", "organizer"], ANY_STRING))
    if method in ("patch", "delete") and is_item:
        extra += add("If-Match", "header", one_of_or(['W/"x"', "*"], ANY_STRING))
    if method == "delete" and is_item and owner.soft_delete:
        extra += add("permanent", "query", one_of_or(TRUE_ISH, ANY_STRING))
    return extra


def planned_paths(document: dict[str, Any]) -> list[str]:
    return sorted(
        path
        for path, item in document["paths"].items()
        if any(isinstance(op, dict) and op.get(PLANNED) for op in item.values())
    )


def fuzz_document(served: dict[str, Any], api: JsonApi, known: Known) -> dict[str, Any]:
    document = copy.deepcopy(served)
    paths: dict[str, Any] = document["paths"]
    filler = Filler(api, known)
    for path, item in paths.items():
        for method, op in item.items():
            if method in ("get", "post", "patch", "delete", "put"):
                filler.operation(method, path, op)
    if "/v1/events/upcoming" not in paths and "/v1/events" in paths:
        listing = copy.deepcopy(paths["/v1/events"]["get"])
        listing["summary"] = "Upcoming events (undeclared)"
        paths["/v1/events/upcoming"] = {"get": listing}
    return document
