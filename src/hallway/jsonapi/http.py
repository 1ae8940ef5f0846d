"""Media types, ETags and the rendering of documents and errors."""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from hallway.errors import (
    ErrorList,
    HallwayError,
    NotAcceptable,
    PreconditionFailed,
    UnsupportedMediaType,
)
from hallway.jsonapi.serialize import JSONAPI, encode

MEDIA_TYPE = "application/vnd.api+json"


def check_content_type(request: Request) -> None:
    """POST and PATCH bodies must be exactly `application/vnd.api+json` (no parameters)."""
    content_type = request.headers.get("content-type", "")
    if content_type.strip() != MEDIA_TYPE:
        raise UnsupportedMediaType(
            f"Content-Type must be {MEDIA_TYPE} without media type parameters"
        )


def check_accept(request: Request) -> None:
    accept = request.headers.get("accept")
    if not accept:
        return
    for item in accept.split(","):
        media = item.split(";", 1)[0].strip()
        if media in (MEDIA_TYPE, "*/*", "application/*"):
            return
    raise NotAcceptable(f"this resource is served as {MEDIA_TYPE}")


def weak_etag(body: bytes) -> str:
    return 'W/"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'


def _etag_matches(header: str, etag: str) -> bool:
    bare = etag[2:]
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == bare:
            return True
    return False


def document_response(
    request: Request, document: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = encode(document)
    etag = weak_etag(body)
    if request.method == "GET":
        match = request.headers.get("if-none-match")
        if match and _etag_matches(match, etag):
            return Response(status_code=304, headers={"ETag": etag})
    all_headers = {"ETag": etag, **(headers or {})}
    return Response(body, status_code=status, media_type=MEDIA_TYPE, headers=all_headers)


def check_if_match(request: Request, current_body: bytes) -> None:
    """A write with If-Match proceeds only when it names the current representation."""
    header = request.headers.get("if-match")
    if header and not _etag_matches(header, weak_etag(current_body)):
        raise PreconditionFailed("the resource has changed since it was read (If-Match)")


def error_response(error: HallwayError) -> Response:
    if error.flat:
        body = encode({"error": error.detail})
        return Response(body, error.status, media_type="application/json", headers=error.headers)
    errors = error.errors if isinstance(error, ErrorList) else [error]
    body = encode({"errors": [e.to_error_object() for e in errors], "jsonapi": JSONAPI})
    return Response(body, status_code=error.status, media_type=MEDIA_TYPE, headers=error.headers)
