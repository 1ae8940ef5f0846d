"""Plain-JSON bodies of the auth endpoints, checked before anything else happens."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from hallway.errors import BadRequest, PayloadTooLarge
from hallway.jsonapi.body import read_body

MAX_BYTES = 64 * 1024  # below the general body cap: these bodies hold a few short strings


async def json_object(request: Request, *, flat: bool = False) -> dict[str, Any]:
    try:
        raw = await read_body(request, MAX_BYTES)
    except PayloadTooLarge as error:
        error.flat = flat
        raise
    try:
        body = orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict):
        raise _bad("The body must be a JSON object", flat)
    return body


async def data_fields(request: Request, *names: str) -> dict[str, str]:
    """`{"data": {name: "…", …}}` with every named member a non-empty string."""
    body = await json_object(request)
    data = body.get("data")
    if not isinstance(data, dict):
        raise BadRequest('The body must be of the form {"data": {…}}', pointer="/data")
    values = {}
    for name in names:
        value = data.get(name)
        if not isinstance(value, str) or not value:
            raise BadRequest(f"'{name}' is required", pointer=f"/data/{name}")
        values[name] = value
    return values


def _bad(detail: str, flat: bool) -> BadRequest:
    error = BadRequest(detail)
    error.flat = flat
    return error
