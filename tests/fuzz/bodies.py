"""Bodies for the endpoints outside the JSON:API engine, which read the raw request
themselves and so declare none in `/openapi.json`: the auth, account and upload endpoints.
An operation that declares a body of its own keeps it."""

from __future__ import annotations

from typing import Any

from tests.fuzz.schema import ANY_STRING, one_of_or

Bodies = dict[tuple[str, str], dict[str, Any]]
PNG_1PX = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAf"
    "FcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
DATA_URLS = [PNG_1PX, "data:image/png;base64,", "data:text/plain;base64,aGVsbG8="]
BINARY = {"type": "string", "format": "binary"}


def add_bodies(document: dict[str, Any], emails: list[str], password: str) -> None:
    """Give the endpoints below a body schema, in place."""
    bodies = {**_auth_bodies(emails, password), **_upload_bodies()}
    for (method, path), body in bodies.items():
        op = document["paths"].get(path, {}).get(method)
        if op is not None and "requestBody" not in op:
            op["requestBody"] = body


def _json(schema: dict[str, Any], *, media: str = "application/json") -> dict[str, Any]:
    return {"required": False, "content": {media: {"schema": schema}}}


def _object(required: bool = True, **properties: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(properties)
    return schema


def _auth_bodies(emails: list[str], password: str) -> Bodies:
    email = one_of_or(emails, ANY_STRING)
    secret = one_of_or([password], ANY_STRING)
    boolean = {"type": "boolean"}
    credentials = _json(
        _object(
            False,
            email=email,
            username=email,
            password=secret,
            **{"remember-me": boolean, "include-in-response": boolean},
        )
    )
    lookup = _json(_object(email=email))
    data_email = _json(_object(data=_object(email=email)))
    return {
        ("post", "/auth/session"): credentials,
        ("post", "/v1/auth/login"): credentials,
        ("post", "/v1/auth/fresh-login"): credentials,
        ("post", "/v1/auth/token/refresh"): _json(_object(False, refresh_token=ANY_STRING)),
        ("post", "/v1/auth/verify-email"): _json(_object(data=_object(token=ANY_STRING))),
        ("post", "/v1/auth/resend-verification-email"): data_email,
        ("post", "/v1/auth/reset-password"): data_email,
        ("patch", "/v1/auth/reset-password"): _json(
            _object(data=_object(token=ANY_STRING, password=ANY_STRING))
        ),
        ("post", "/v1/auth/change-password"): _json(
            _object(data=_object(**{"old-password": secret, "new-password": ANY_STRING}))
        ),
        ("post", "/v1/auth/verify-password"): _json(_object(password=secret)),
        ("post", "/v1/users/checkEmail"): lookup,
        ("post", "/v1/users/check_email"): lookup,
    }


def _upload_bodies() -> Bodies:
    files = {"type": "array", "items": BINARY}
    return {
        ("post", "/v1/upload/image"): _json(_object(data=one_of_or(DATA_URLS, ANY_STRING))),
        ("post", "/v1/upload/files"): _json(
            _object(False, file=BINARY, **{"files[]": files}), media="multipart/form-data"
        ),
    }
