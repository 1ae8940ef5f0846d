"""Typed dependencies for custom (non JSON:API) routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from hallway.auth.actor import Actor, authenticate
from hallway.auth.tokens import TokenRefused
from hallway.config import Settings


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.db.sessions() as session:
        yield session


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
