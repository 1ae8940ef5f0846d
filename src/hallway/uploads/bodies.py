"""Request bodies read under a cap (never more than the cap in memory), and the
`{"data": "<base64 data URL>"}` body of an image upload."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import AsyncIterator

import orjson
from starlette.requests import Request

from hallway.errors import BadRequest, PayloadTooLarge, ValidationFailed

JSON_OVERHEAD = 4096  # the braces, the member name and the data URL's header
_WHITESPACE = re.compile(r"\s")


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"An upload may be at most {megabytes(limit)}")


async def capped_stream(request: Request, limit: int, shown: int) -> AsyncIterator[bytes]:
    """The body in chunks; 413 (naming `shown` as the limit) as soon as it passes `limit`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(shown)
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise too_large(shown)
        yield chunk


async def image_data(request: Request, max_bytes: int) -> bytes:
    """The decoded bytes of `{"data": "data:<type>;base64,<payload>"}`. Each intermediate
    copy (body, JSON string, payload) is dropped as soon as the next one exists: a large
    upload is held about three times, not five."""
    encoded_cap = (max_bytes + 2) // 3 * 4 + JSON_OVERHEAD
    raw = bytearray()
    async for chunk in capped_stream(request, encoded_cap, max_bytes):
        raw += chunk
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequest('The body must be JSON: {"data": "<base64 data URL>"}') from exc
    del raw
    value = body.pop("data", None) if isinstance(body, dict) else None
    del body
    if not isinstance(value, str):
        raise ValidationFailed("'data' must be a base64 data URL string", pointer="/data")
    data = decode_data_url(value)
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return data


def decode_data_url(value: str) -> bytes:
    """`data:[<media type>][;params];base64,<payload>`; the media type is ignored (the
    content decides what the file is)."""
    comma = value.find(",")
    header = value[:comma].lower() if comma >= 0 else value[:64].lower()
    if not header.startswith("data:") or comma < 0:
        raise ValidationFailed(
            "'data' must be a data URL: data:<media type>;base64,<data>", pointer="/data"
        )
    if not header.endswith(";base64"):
        raise ValidationFailed("The data URL must be base64-encoded (;base64)", pointer="/data")
    payload = value[comma + 1 :]
    if _WHITESPACE.search(payload):
        payload = "".join(payload.split())
    if len(payload) % 4:
        payload += "=" * (-len(payload) % 4)
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationFailed(
            "The data URL's payload is not valid base64", pointer="/data"
        ) from exc
    if not data:
        raise ValidationFailed("The image is empty", pointer="/data")
    return data
