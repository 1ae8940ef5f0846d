"""OpenAPI paths for every route the engine builds, derived from the declarations."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from hallway.jsonapi.api import JsonApi
from hallway.jsonapi.http import MEDIA_TYPE
from hallway.jsonapi.resource import Resource

_LIST_PARAMS = ["include", "sort", "filter", "page[size]", "page[number]"]


def _param(name: str, where: str = "query", schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema or {"type": "string"},
    }


def _id_param() -> dict[str, Any]:
    return _param("id", "path", {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"})


def _document(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"content": {MEDIA_TYPE: {"schema": schema or {"type": "object"}}}}


def _body(resource: Resource, model: type[BaseModel], *, with_id: bool) -> dict[str, Any]:
    attributes = model.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
    attributes.pop("$defs", None)
    data: dict[str, Any] = {
        "type": "object",
        "required": ["type", *(["id"] if with_id else [])],
        "properties": {
            "type": {"type": "string", "enum": [resource.type]},
            "attributes": attributes,
            "relationships": {"type": "object"},
        },
    }
    if with_id:
        data["properties"]["id"] = {"type": "string"}
    schema = {"type": "object", "required": ["data"], "properties": {"data": data}}
    return {"required": True, **_document(schema)}


def _op(
    summary: str,
    tag: str,
    params: list[dict[str, Any]],
    codes: dict[str, str],
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "tags": [tag],
        "parameters": params,
        "responses": {
            code: {"description": text, **(_document() if code < "300" else {})}
            for code, text in codes.items()
        },
    }
    if body is not None:
        operation["requestBody"] = body
    return operation


def singleton_paths(resource: Resource) -> dict[str, dict[str, Any]]:
    """The collection path and `/{id}` both serve the one object: GET, and PATCH if any."""
    tag, base = resource.type, f"/v1/{resource.path}"
    paths: dict[str, dict[str, Any]] = {}
    for path, params in ((base, []), (base + "/{id}", [_id_param()])):
        item = paths[path] = {
            "get": _op(
                f"Show the {resource.type}",
                tag,
                [*params, _param("include"), _param(f"fields[{resource.type}]")],
                {"200": "The object"},
            )
        }
        if resource.update is not None:
            item["patch"] = _op(
                f"Update the {resource.type}",
                tag,
                params,
                {"200": "Updated"},
                _body(resource, resource.update, with_id=True),
            )
    return {**paths, **relationship_paths(resource)}


def resource_paths(api: JsonApi, resource: Resource) -> dict[str, dict[str, Any]]:
    if resource.singleton is not None:
        return singleton_paths(resource)
    tag, base = resource.type, f"/v1/{resource.path}"
    listing = [_param(n) for n in _LIST_PARAMS] + [_param(f"fields[{resource.type}]")]
    detail = [_id_param(), _param("include"), _param(f"fields[{resource.type}]")]
    paths: dict[str, dict[str, Any]] = {
        base: {"get": _op(f"List {resource.path}", tag, listing, {"200": "A page of objects"})}
    }
    if resource.create is not None:
        paths[base]["post"] = _op(
            f"Create a {resource.type}",
            tag,
            [],
            {"201": "Created"},
            _body(resource, resource.create, with_id=False),
        )
    item = paths.setdefault(base + "/{id}", {})
    item["get"] = _op(f"Show a {resource.type}", tag, detail, {"200": "The object"})
    if resource.update is not None:
        item["patch"] = _op(
            f"Update a {resource.type}",
            tag,
            [_id_param()],
            {"200": "Updated"},
            _body(resource, resource.update, with_id=True),
        )
    if resource.deletable:
        item["delete"] = _op(f"Delete a {resource.type}", tag, [_id_param()], {"200": "Deleted"})
    return {**paths, **relationship_paths(resource)}


def relationship_paths(resource: Resource) -> dict[str, dict[str, Any]]:
    tag, base = resource.type, f"/v1/{resource.path}"
    listing = [_param(n) for n in _LIST_PARAMS] + [_param(f"fields[{resource.type}]")]
    paths: dict[str, dict[str, Any]] = {}
    for rel in resource.relations.values():
        related = listing if rel.many else [_param("include")]
        paths[f"{base}/{{id}}/{rel.wire}"] = {
            "get": _op(
                f"The {rel.wire} of a {resource.type}",
                tag,
                [_id_param(), *related],
                {"200": f"{rel.type} document"},
            )
        }
        linkage = {"get": _op(f"Linkage of {rel.wire}", tag, [_id_param()], {"200": "Linkage"})}
        if rel.writable:
            methods = ("patch", "post", "delete") if rel.many else ("patch",)
            for method in methods:
                linkage[method] = _op(
                    f"Change {rel.wire}",
                    tag,
                    [_id_param()],
                    {"200": "Linkage"},
                    {"required": True, **_document()},
                )
        paths[f"{base}/{{id}}/relationships/{rel.wire}"] = linkage
    return paths


def engine_paths(api: JsonApi) -> dict[str, dict[str, Any]]:
    paths: dict[str, dict[str, Any]] = {}
    for resource in api.resources.values():
        paths.update(resource_paths(api, resource))
    return paths
