"""Attach the engine to a FastAPI application: the catch-all route and its OpenAPI paths."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.routing import Route

from hallway.jsonapi.api import JsonApi
from hallway.jsonapi.dispatch import Dispatcher
from hallway.jsonapi.openapi import engine_paths

# Every method reaches the dispatcher, which answers the ones a URL does not allow with a
# JSON:API 405 (the engine's door sends them there directly too).
METHODS = ["GET", "HEAD", "POST", "PATCH", "DELETE", "PUT", "OPTIONS"]


def mount(app: FastAPI, api: JsonApi) -> None:
    """Routes added to `app` before this call win over the engine's (custom endpoints)."""
    api.seal()
    dispatcher = Dispatcher(api)
    app.state.dispatcher = dispatcher
    route = Route("/v1/{rest:path}", dispatcher, methods=METHODS, include_in_schema=False)
    app.router.routes.append(route)
    app.state.engine_route = route

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
            schema.setdefault("paths", {}).update(engine_paths(api))
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
