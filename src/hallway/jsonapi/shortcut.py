"""JSON:API requests straight to the engine's dispatcher.

The dispatcher turns every error into a JSON:API document itself, so FastAPI's router (which
tries every route in turn) and its exception and dependency layers add only their cost to
these requests. They still pass through the application's own middleware (CORS, gzip), built
here a second time around the dispatcher. A path that a custom route claims is never taken.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute, compile_path
from starlette.types import ASGIApp, Scope

PREFIX = "/v1/"


def _first_segment(path: str) -> str:
    return path[len(PREFIX) :].split("/", 1)[0]


class Shortcut:
    def __init__(self, app: FastAPI, dispatcher: ASGIApp, catch_all: BaseRoute) -> None:
        self.app = app
        # Custom routes under /v1/ by their first segment ("" when it is a parameter).
        self.claimed: dict[str, list[re.Pattern[str]]] = {}
        for context in iter_route_contexts(app.router.routes):
            path = context.path or ""
            if context.original_route is catch_all or not path.startswith(PREFIX):
                continue
            segment = _first_segment(path)
            key = "" if "{" in segment else segment
            self.claimed.setdefault(key, []).append(compile_path(path)[0])
        stack: Any = dispatcher
        for cls, args, kwargs in reversed(app.user_middleware):
            stack = cls(stack, *args, **kwargs)
        self.stack: ASGIApp = stack

    def takes(self, scope: Scope) -> bool:
        """Whether the request is the engine's: under /v1/ and claimed by no custom route."""
        if scope["type"] != "http" or scope.get("root_path"):
            return False
        path: str = scope["path"]
        if not path.startswith(PREFIX):
            return False
        for pattern in (*self.claimed.get(_first_segment(path), ()), *self.claimed.get("", ())):
            if pattern.match(path):
                return False
        scope["app"] = self.app
        scope["path_params"] = {"rest": path[len(PREFIX) :]}
        return True
