"""The one error hierarchy. Every error becomes a JSON:API error object in one place."""

from __future__ import annotations

from typing import Any


class HallwayError(Exception):
    """Base of every error the API reports on purpose."""

    status: int = 500
    title: str = "Unknown error"
    # Open Event's dialect: `status` is a number in error objects, except in those of input
    # validation (the attributes' schema, a mismatched type), where it is a string. The web
    # frontend tells them apart (`errors[0].status === 409` for "user already exists",
    # `=== '422'` for an invalid address, `=== 404` in the event wizard).
    status_as_text: bool = False
    # Auth endpoints and JWT failures answer a flat `{"error": detail}` instead of JSON:API.
    flat: bool = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        pointer: str | None = None,
        parameter: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.pointer = pointer
        self.parameter = parameter
        self.code = code
        self.headers = headers or {}

    def to_error_object(self) -> dict[str, Any]:
        source: dict[str, str] = {}
        if self.pointer is not None:
            source["pointer"] = self.pointer
        if self.parameter is not None:
            source["parameter"] = self.parameter
        if self.code is not None:
            source["code"] = self.code
        status: int | str = str(self.status) if self.status_as_text else self.status
        error: dict[str, Any] = {"status": status, "title": self.title}
        if source:
            error["source"] = source
        error["detail"] = self.detail
        return error


class BadRequest(HallwayError):
    status = 400
    title = "Bad request"


class ClientClosed(BadRequest):
    """The client went away before its body arrived: nobody reads the answer, but the request
    ends as a 4xx like any other, not as a server error."""

    title = "Request incomplete"


class InvalidQueryParameter(BadRequest):
    title = "Invalid query parameter"

    def __init__(self, parameter: str, detail: str) -> None:
        super().__init__(detail, parameter=parameter)


class Unauthorized(HallwayError):
    status = 401
    title = "Unauthorized"


class Forbidden(HallwayError):
    status = 403
    title = "Access Forbidden"


class ObjectNotFound(HallwayError):
    status = 404
    title = "Object not found"


class RouteNotFound(HallwayError):
    status = 404
    title = "Not found"


class MethodNotAllowed(HallwayError):
    status = 405
    title = "Method not allowed"


class NotAcceptable(HallwayError):
    status = 406
    title = "Not acceptable"


class Conflict(HallwayError):
    status = 409
    title = "Conflict"


# A guarded write (a mapped version column) found its row changed since it was read.
CHANGED_MEANWHILE = "This was changed meanwhile; load it again"


class TypeMismatch(Conflict):
    title = "Incorrect type"
    status_as_text = True


class PreconditionFailed(HallwayError):
    status = 412
    title = "Precondition failed"


class PayloadTooLarge(HallwayError):
    status = 413
    title = "Payload too large"


class UnsupportedMediaType(HallwayError):
    status = 415
    title = "Unsupported media type"


class ValidationFailed(HallwayError):
    status = 422
    title = "Validation error"


class SchemaInvalid(ValidationFailed):
    """An attribute the input schema refuses (type, format, length, required)."""

    status_as_text = True


class TooManyRequests(HallwayError):
    status = 429
    title = "Request Limit Exceeded"


class ServerError(HallwayError):
    status = 500
    title = "Unknown error"


class ErrorList(HallwayError):
    """Several errors reported together (one per invalid attribute)."""

    def __init__(self, errors: list[HallwayError]) -> None:
        super().__init__(errors[0].detail)
        self.errors = errors
        self.headers = errors[0].headers
        self.status = errors[0].status


class Busy(HallwayError):
    """The server has more requests waiting than it can start in time: try again later."""

    status = 503
    title = "Service unavailable"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "The server is busy; try again in a few seconds",
            code="busy",
            headers={"Retry-After": str(retry_after)},
        )


class ServiceUnavailable(HallwayError):
    """A service Hallway depends on (the database, Redis) does not answer: try again later."""

    status = 503
    title = "Service unavailable"

    def __init__(self, service: str, retry_after: int) -> None:
        name = {"database": "The database", "redis": "Redis"}.get(service, service)
        super().__init__(
            f"{name} is unavailable; try again in a few seconds",
            code=f"{service}-unavailable",
            headers={"Retry-After": str(retry_after)},
        )
        self.service = service
