"""Request documents: parse, check the type and id, validate attributes, read linkage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect, Request

from hallway.errors import (
    BadRequest,
    ClientClosed,
    ErrorList,
    Forbidden,
    HallwayError,
    PayloadTooLarge,
    SchemaInvalid,
    TypeMismatch,
)
from hallway.jsonapi.names import dasherize

if TYPE_CHECKING:
    from hallway.jsonapi.resource import Relationship, Resource

# The body cap the BodyLimit middleware applied is left in this member of `request.state`;
# MAX_BODY_BYTES stands in when no middleware set one.
CAP_STATE = "max_body_bytes"
MAX_BODY_BYTES = 1_000_000


@dataclass
class ResourceInput:
    id: str | None
    attributes: dict[str, Any]
    # wire name -> linkage: None, one (type, id) or a list of them
    relationships: dict[str, Any] = field(default_factory=dict)


def body_too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"The request body may be at most {limit} bytes")


async def read_body(request: Request, limit: int | None = None) -> bytes:
    """The whole body; 413 when it is, or says it is, over `limit` (by default the cap the
    BodyLimit middleware applied, which has already kept anything larger from arriving)."""
    if limit is None:
        limit = int(getattr(request.state, CAP_STATE, MAX_BODY_BYTES))
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise body_too_large(limit)
    try:
        raw = await request.body()
    except ClientDisconnect:
        raise ClientClosed("The connection closed before the request body arrived") from None
    if len(raw) > limit:
        raise body_too_large(limit)
    return raw


async def read_document(request: Request) -> dict[str, Any]:
    raw = await read_body(request)
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("the request body is not valid JSON", pointer="/") from None
    if not isinstance(document, dict) or "data" not in document:
        raise BadRequest(
            "the request document must be an object with a 'data' member", pointer="/data"
        )
    return document


def resource_input(
    document: dict[str, Any], resource: Resource, schema: type[BaseModel], *, creating: bool
) -> ResourceInput:
    data = document["data"]
    if not isinstance(data, dict):
        raise BadRequest("'data' must be a resource object", pointer="/data")
    if data.get("type") != resource.type and data.get("type") not in resource.also_written_as:
        raise TypeMismatch(f"expected a resource of type {resource.type!r}", pointer="/data/type")
    id_ = data.get("id")
    if creating and id_ is not None:
        raise Forbidden("client-generated ids are not supported", pointer="/data/id")
    if not creating and id_ is None:
        raise BadRequest("the resource object must carry its 'id'", pointer="/data/id")
    attributes = data.get("attributes", {})
    if not isinstance(attributes, dict):
        raise BadRequest("'attributes' must be an object", pointer="/data/attributes")
    relationships = data.get("relationships", {})
    if not isinstance(relationships, dict):
        raise BadRequest("'relationships' must be an object", pointer="/data/relationships")
    values = validate_attributes(schema, attributes, partial=not creating)
    # Relationship names arrive dasherized (underscores accepted too, as for attributes).
    links = {
        rel.wire: linkage(rel, entry, f"/data/relationships/{wire}")
        for wire, entry in relationships.items()
        if (rel := resource.relations.get(dasherize(wire))) is not None and rel.writable
    }
    return ResourceInput(None if id_ is None else str(id_), values, links)


def validate_attributes(
    schema: type[BaseModel], attributes: dict[str, Any], *, partial: bool
) -> dict[str, Any]:
    try:
        model = schema.model_validate(attributes)
    except ValidationError as exc:
        raise ErrorList([_validation_error(error) for error in exc.errors()]) from None
    return model.model_dump(exclude_unset=partial)


def _validation_error(error: Any) -> HallwayError:
    location = error.get("loc") or ()
    name = dasherize(str(location[0])) if location else ""
    pointer = f"/data/attributes/{name}" if name else "/data/attributes"
    message = error.get("msg", "invalid value")
    return SchemaInvalid(f"{name}: {message}" if name else message, pointer=pointer)


def linkage(rel: Relationship, entry: Any, pointer: str) -> Any:
    """The (type, id) identifiers of one relationship object, checked against its type."""
    if not isinstance(entry, dict) or "data" not in entry:
        raise BadRequest("a relationship must be an object with 'data'", pointer=pointer)
    data = entry["data"]
    if rel.many:
        if not isinstance(data, list):
            raise BadRequest(f"{rel.wire!r} takes a list of resource identifiers", pointer=pointer)
        return [_identifier(rel, item, f"{pointer}/data/{i}") for i, item in enumerate(data)]
    if data is None:
        return None
    return _identifier(rel, data, f"{pointer}/data")


def _identifier(rel: Relationship, item: Any, pointer: str) -> str:
    if not isinstance(item, dict) or "id" not in item or "type" not in item:
        raise BadRequest("a resource identifier needs 'type' and 'id'", pointer=pointer)
    if item["type"] != rel.type:
        raise TypeMismatch(f"{rel.wire!r} links to {rel.type!r} resources", pointer=pointer)
    return str(item["id"])
