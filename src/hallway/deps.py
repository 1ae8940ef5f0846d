"""Typed dependencies for custom (non JSON:API) routes.

`DbSession` is the session of the request's one transaction: the route commits it after the
endpoint returned and rolls it back when anything raised (`hallway.transactions`), so a
route taking it lives on a router built with `route_class=TransactionalRoute` and never
commits by hand."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from hallway.auth.actor import Actor
from hallway.auth.tokens import TokenRefused
from hallway.config import Settings
from hallway.transactions import unit_of_work
from hallway.users.authentication import authenticate


async def _session(request: Request) -> AsyncSession:
    # async: FastAPI would run a plain function in a worker thread
    return unit_of_work(request).session


DbSession = Annotated[AsyncSession, Depends(_session)]


async def _optional_user(request: Request, session: DbSession) -> Actor | None:
    return await authenticate(request, session)


OptionalUser = Annotated[Actor | None, Depends(_optional_user)]


async def _current_user(actor: OptionalUser) -> Actor:
    if actor is None:
        raise TokenRefused("Missing Authorization Header")
    return actor


CurrentUser = Annotated[Actor, Depends(_current_user)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(_settings)]
