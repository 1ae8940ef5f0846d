"""The engine's door inside the application's own router.

Every request goes through the application's whole middleware stack, as the framework builds
it (error handling, CORS, gzip, body limits, anything added in `create_app`). At the router,
before FastAPI tries its routes one by one, a request under `/v1/` that no custom route claims
goes straight to the engine's dispatcher. It would reach the same dispatcher through the
catch-all route `/v1/{rest:path}`; the door only skips the route search and the request wrapper
FastAPI builds around an endpoint (tests/jsonapi/test_door.py compares the two).
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute, compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

PREFIX = "/v1/"


def _first_segment(path: str) -> str:
    return path[len(PREFIX) :].split("/", 1)[0]


class EngineDoor:
    """Wraps the router's own stack; `enabled = False` sends everything through the routes."""

    def __init__(self, router: ASGIApp, dispatcher: ASGIApp, claimed: ClaimedPaths) -> None:
        self.router, self.dispatcher, self.claimed = router, dispatcher, claimed
        self.enabled = True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.enabled and self.is_engine_request(scope):
            scope["path_params"] = {"rest": scope["path"][len(PREFIX) :]}
            await self.dispatcher(scope, receive, send)
        else:
            await self.router(scope, receive, send)

    def is_engine_request(self, scope: Scope) -> bool:
        """Under /v1/, an HTTP request, and claimed by no custom route."""
        if scope["type"] != "http" or scope.get("root_path"):
            return False
        path: str = scope["path"]
        return path.startswith(PREFIX) and not self.claimed.match(path)


class ClaimedPaths:
    """The paths of custom routes under /v1/, by their first segment ("" for a parameter)."""

    def __init__(self, app: FastAPI, catch_all: BaseRoute) -> None:
        self.by_segment: dict[str, list[re.Pattern[str]]] = {}
        for context in iter_route_contexts(app.router.routes):
            path = context.path or ""
            if context.original_route is catch_all or not path.startswith(PREFIX):
                continue
            segment = _first_segment(path)
            key = "" if "{" in segment else segment
            self.by_segment.setdefault(key, []).append(compile_path(path)[0])

    def match(self, path: str) -> bool:
        candidates = (*self.by_segment.get(_first_segment(path), ()), *self.by_segment.get("", ()))
        return any(pattern.match(path) for pattern in candidates)


def open_door(app: FastAPI, dispatcher: ASGIApp, catch_all: BaseRoute) -> EngineDoor:
    """Put the door in front of the router's routes (after every route is added)."""
    door = EngineDoor(app.router.middleware_stack, dispatcher, ClaimedPaths(app, catch_all))
    app.router.middleware_stack = door
    return door
