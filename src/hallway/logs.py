"""Logs: readable lines on a terminal, JSON lines in production, and the access log.

Everything logs through the standard library (our code and every library); structlog formats
the records: a timestamp, the level, the logger, the message, the request id of the request
being served and any fields given with `extra=`. LOG_FORMAT chooses the form (`auto`: JSON
when ENVIRONMENT=production). The access log writes one record per request (method, route
template, status, duration, user id), except health probes; ACCESS_LOG=false switches it off.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hallway import traffic
from hallway.config import Settings
from hallway.logsetup import bound_contextvars, configure, json_lines

access = logging.getLogger("hallway.access")
REQUEST_ID_HEADER = b"x-request-id"
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_NUMBER = re.compile(r"/\d+(?=/|$)")
QUIET_PREFIXES = ("/health", "/static/", "/metrics")
# Told of every answered request (its scope, status and seconds): the metrics.
Observer = Callable[[Scope, int, float], None]


def configure_logging(settings: Settings) -> None:
    """Send every record to stderr in the configured form (once per process)."""
    configure(json_lines(settings.log_format, settings.environment), settings.log_level)


def route_template(scope: Scope) -> str:
    """The matched route's path (`/v1/users/{user_id}`); for the engine's URLs, the path
    with its numbers as `{id}`: few distinct values, no ids in metrics or log queries."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    engine = scope.get("route_template")  # the engine's dispatcher names its route
    if isinstance(engine, str):
        return engine
    return _NUMBER.sub("/{id}", str(scope.get("path", "")))


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER:
            given = str(value.decode("latin-1"))
            if _SAFE_ID.fullmatch(given):
                return given
    return uuid.uuid4().hex


class AccessLog:
    """Gives every request an id (the caller's `X-Request-ID` when sane, else a new one),
    echoed in the answer and bound to every record logged while serving it; then logs it and
    tells `observe` (the metrics, when enabled). Counts it in flight meanwhile (traffic.py)."""

    def __init__(self, app: ASGIApp, *, enabled: bool, observe: Observer | None = None) -> None:
        self.app, self.enabled, self.observe = app, enabled, observe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                message["headers"] = [*headers, (REQUEST_ID_HEADER, request_id.encode())]
            await send(message)

        with bound_contextvars(request_id=request_id):
            traffic.begin()
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                traffic.end()
                seconds = time.perf_counter() - started
                if self.observe is not None:
                    self.observe(scope, status, seconds)
                if self.enabled and not scope["path"].startswith(QUIET_PREFIXES):
                    self._log(scope, status, seconds)

    @staticmethod
    def _log(scope: Scope, status: int, seconds: float) -> None:
        route = route_template(scope)
        fields = {
            "method": scope["method"],
            "route": route,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
            "user_id": scope.get("state", {}).get("user_id"),
        }
        access.info("%s %s %s", scope["method"], route, status, extra=fields)
