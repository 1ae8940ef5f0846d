"""create_app(): the API, its middleware and its error handlers."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response

from hallway import __version__
from hallway.admission import Admission
from hallway.apidocs import mount_docs
from hallway.auth.ratelimit import make_limiter
from hallway.bodylimit import BodyLimit
from hallway.compression import Gzip
from hallway.config import Settings, get_settings
from hallway.db import Database
from hallway.errors import (
    CHANGED_MEANWHILE,
    BadRequest,
    Conflict,
    HallwayError,
    MethodNotAllowed,
    RouteNotFound,
    SchemaInvalid,
    ServerError,
)
from hallway.jobs import start_jobs, stop_jobs
from hallway.jsonapi import JsonApi
from hallway.jsonapi.door import open_door
from hallway.jsonapi.http import error_response
from hallway.jsonapi.mount import mount
from hallway.logs import AccessLog
from hallway.metrics.instruments import observe_request, track_pool
from hallway.metrics.listener import start_listener, stop_listener
from hallway.metrics.scrape import metrics
from hallway.metrics.workers import this_worker_ends
from hallway.outages import outage_error, outage_kinds
from hallway.proxies import TrustedProxies
from hallway.realtime.server import mount_live, stop_live
from hallway.registry import register_all
from hallway.uploads import close_image_workers, mount_media

log = logging.getLogger("hallway")
Register = Callable[[FastAPI, JsonApi], None]
# What Socket.IO's package tries to import for clients and managers a server does not use.
SOCKETIO_EXTRAS = (
    "aiohttp",
    "requests",
    "websocket",
    "kombu",
    "zmq",
    "kafka",
    "aio_pika",
    "tornado",
)


class Frozen(list[Any]):
    """The routes and middleware of an application once `create_app` has returned: whatever
    is added later would be missed by the engine's door and by the OpenAPI document."""

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("the application is frozen: add routes and middleware in create_app")

    append = insert = extend = __setitem__ = __delitem__ = __iadd__ = remove = pop = _refuse  # type: ignore[assignment]


def freeze(app: FastAPI) -> None:
    app.router.routes = Frozen(app.router.routes)
    app.user_middleware = Frozen(app.user_middleware)


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    register: Register | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    db = database or Database(settings.database_url, echo=settings.log_sql)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Embedded mode runs jobs and the mail sweeper in-process; with REDIS_URL, Celery.
        await start_jobs(settings, db)
        metrics_listener = await start_listener(settings, db)
        # What start-up built lives as long as the process: out of the collector's way, so
        # its full collections under load stay short (they are what lengthens the tail).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            await stop_listener(metrics_listener)
            await stop_live(app)
            await stop_jobs()
            await db.dispose()
            await asyncio.to_thread(close_image_workers)
            this_worker_ends()

    app = FastAPI(
        title="Hallway",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,  # hallway.apidocs serves /docs without a CDN
        redoc_url=None,
        # FastAPI's own OpenTelemetry hooks look for a configured provider on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.db = db
    app.state.secret_key = settings.resolved_secret_key()
    app.state.limiter = make_limiter(settings.redis_url)
    api = JsonApi(
        sessions=db.sessions, max_page_size=settings.max_page_size, public_url=settings.public_url
    )
    app.state.api = api
    install_error_handlers(app)
    mount_media(app)
    mount_docs(app)
    mount_live(app)
    (register or register_all)(app, api)
    mount(app, api)
    streamed = ("/v1/upload/", "/v1/events/import/")  # bodies of their own size and pace
    app.add_middleware(
        Admission,
        limit=settings.requests_at_once,
        wait=settings.request_wait_seconds,
        exempt=(*streamed, "/v1/payments/stripe/webhook"),  # Stripe completing paid orders
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, exempt=streamed)
    app.add_middleware(Gzip, minimum_size=1024, level=5)
    if settings.trusted_proxies:
        app.add_middleware(TrustedProxies, trusted=settings.trusted_proxies)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=[
            "Authorization",
            "Content-Type",
            "X-CSRF-Token",
            "Accept",
            "If-Match",
            "If-None-Match",
        ],
        expose_headers=["ETag", "Location", "Retry-After"],
        max_age=600,
    )
    counting = bool(settings.metrics_token or settings.metrics_listen)
    if counting:
        track_pool(db.engine)
    app.add_route("/metrics", metrics, include_in_schema=False)
    app.add_middleware(
        AccessLog, enabled=settings.access_log, observe=observe_request if counting else None
    )
    app.state.door = open_door(app, app.state.dispatcher, app.state.engine_route)
    freeze(app)
    return app


def create_served_app() -> FastAPI:
    """The app of a `hallway run` process; a worker of `--workers N` dies with its supervisor."""
    from hallway.logs import configure_logging
    from hallway.supervision import (
        die_with_announced_parent,
        limit_malloc_arenas,
        optional_imports_hidden,
    )

    limit_malloc_arenas()
    die_with_announced_parent()
    settings = get_settings()
    configure_logging(settings)  # a spawned worker does not inherit the parent's
    # Socket.IO's package imports every client and client manager it has, each trying its
    # optional library (aiohttp, Kombu, Redis: about 25 MB). This process runs its server
    # alone, with Redis's manager only under REDIS_URL.
    unused = SOCKETIO_EXTRAS + (() if settings.redis_url else ("redis", "valkey"))
    with optional_imports_hidden(unused):
        import socketio  # noqa: F401
    return create_app(settings)


def install_error_handlers(app: FastAPI) -> None:
    async def hallway_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HallwayError)
        return error_response(exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return error_response(RouteNotFound(f"no route for {request.url.path}"))
        if exc.status_code == 405:
            return error_response(MethodNotAllowed(f"{request.method} is not allowed here"))
        error = HallwayError(str(exc.detail))
        error.status, error.title = exc.status_code, "HTTP error"
        return error_response(error)

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {}
        where = "/".join(str(part) for part in first.get("loc", ()))
        if where.startswith("body"):
            return error_response(SchemaInvalid(f"{where}: {first.get('msg')}"))
        return error_response(BadRequest(f"{where}: {first.get('msg')}"))

    async def stale(request: Request, exc: Exception) -> Response:
        return error_response(Conflict(CHANGED_MEANWHILE))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(ServerError())

    async def maybe_outage(request: Request, exc: Exception) -> Response:
        """The database or Redis not answering is a 503 (logged once per kind per interval)."""
        outage = outage_error(exc)
        return error_response(outage) if outage else await unexpected(request, exc)

    app.add_exception_handler(HallwayError, hallway_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(StaleDataError, stale)
    for kind in outage_kinds(with_redis=bool(app.state.settings.redis_url)):
        app.add_exception_handler(kind, maybe_outage)
    app.add_exception_handler(Exception, unexpected)
