"""One transaction per request for custom (non JSON:API) routes.

A router whose endpoints take a `DbSession` is built with `route_class=TransactionalRoute`.
The route wraps FastAPI's own request handler (which solves the dependencies, runs the
endpoint and serializes its answer into a Response):

- the request gets a `UnitOfWork`; the first `DbSession` asked for opens its session, so
  routes that never touch the database open nothing;
- when the handler returns, the session commits once, then the Response goes back to be
  sent: a failing commit raises like any other error and the client gets an error answer,
  never a 2xx for data that was not stored;
- when the handler raises (a HallwayError, a validation error, anything), the session rolls
  back and the error goes on to the application's error handlers;
- `on_commit` callbacks (mail, jobs, pushes) run on that commit and are dropped on the
  rollback (see `hallway.aftercommit`).

Routes and services never commit; they flush when they need ids or constraint checks.

Why a route class rather than a dependency with `yield` around the session: when the exit
code of such a dependency runs, and how the endpoint's exception reaches it, has changed
between FastAPI releases (before the response was sent, then after it, then a choice made
with `Depends(scope=...)`). With the FastAPI pinned in uv.lock (0.165) the exit code of a
default-scope `yield` dependency runs after the response has been sent: a commit failing
there comes after a 200 (tests/test_transactions.py has the failing-commit case). Wrapping
`get_route_handler()` puts the commit between "the endpoint returned" and "the response is
sent" on every release, and sees the endpoint's exception with a plain `try`/`except`. The
route opens and closes the session too, so `DbSession` is a plain (non-yield) dependency.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from hallway.jsonapi.holding import holding

_SCOPE_KEY = "hallway.unit_of_work"


class UnitOfWork:
    """The database work of one request: at most one session, opened on first use."""

    __slots__ = ("_factory", "_session")

    def __init__(self, factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = factory
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            self._session = holding(self._factory())
        return self._session

    async def commit(self) -> None:
        if self._session is not None:
            await self._session.commit()

    async def rollback(self) -> None:
        if self._session is not None:
            await self._session.rollback()

    async def close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()


class TransactionNotOpen(RuntimeError):
    """A `DbSession` was asked for on a route that is not a `TransactionalRoute`."""


def unit_of_work(request: Request) -> UnitOfWork:
    """The request's unit of work, as opened by `TransactionalRoute`."""
    unit = request.scope.get(_SCOPE_KEY)
    if not isinstance(unit, UnitOfWork):
        raise TransactionNotOpen(
            f"{request.method} {request.url.path} takes a DbSession, so its router needs "
            "route_class=TransactionalRoute"
        )
    return unit


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class TransactionalRoute(APIRoute):
    """An APIRoute whose request runs in one transaction: commit after the endpoint
    returned and before the response is sent, rollback when anything raised."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def in_transaction(request: Request) -> Response:
            unit = UnitOfWork(request.app.state.db.sessions)
            request.scope[_SCOPE_KEY] = unit
            try:
                response = await handler(request)
                await unit.commit()
            except BaseException:
                await unit.rollback()
                raise
            finally:
                await unit.close()
                request.scope.pop(_SCOPE_KEY, None)
            return response

        return in_transaction
