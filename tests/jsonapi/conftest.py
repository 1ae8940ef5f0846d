"""The engine under test: the real app factory, serving only the toy resources."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import delete

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from tests.conftest import StatementCounter, client_for
from tests.jsonapi.toy_vault import register_vault
from tests.jsonapi.toys import ToyBase, register_toys, toy_authenticate

JSONAPI = "application/vnd.api+json"


@pytest.fixture(scope="session")
async def toy_db(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    async with db.engine.begin() as conn:
        await conn.run_sync(ToyBase.metadata.drop_all)
        await conn.run_sync(ToyBase.metadata.create_all)
    yield db
    async with db.engine.begin() as conn:
        await conn.run_sync(ToyBase.metadata.drop_all)
    await db.dispose()


def _register(app: FastAPI, api: Any) -> None:
    api.authenticate = toy_authenticate
    register_toys(app, api)
    register_vault(app, api)


@pytest.fixture(scope="session")
def toy_app(toy_db: Database, database_url: str) -> FastAPI:
    settings = Settings(database_url=database_url, max_page_size=50, secret_key="test")
    return create_app(settings, database=toy_db, register=_register)


@pytest.fixture(autouse=True)
async def clean_tables(toy_db: Database) -> AsyncIterator[None]:
    yield
    async with toy_db.engine.begin() as conn:
        for table in reversed(ToyBase.metadata.sorted_tables):
            await conn.execute(delete(table))


@pytest.fixture
async def client(toy_app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with client_for(toy_app) as http:
        yield http


@pytest.fixture
def counter(toy_db: Database) -> StatementCounter:
    return StatementCounter(toy_db)


ClientFactory = Callable[..., AsyncClient]


def doc(
    type_: str,
    attributes: dict[str, Any] | None = None,
    *,
    id_: str | None = None,
    relationships: dict[str, Any] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {"type": type_, "attributes": attributes or {}}
    if id_ is not None:
        data["id"] = id_
    if relationships:
        data["relationships"] = relationships
    return {"data": data}


def as_user(user_id: int, *, admin: bool = False) -> dict[str, str]:
    return {"X-Toy-User": f"{user_id} admin" if admin else str(user_id), "Content-Type": JSONAPI}
