"""Shared fixtures: the test database (SQLite by default, PostgreSQL when
HALLWAY_TEST_DATABASE_URL says so), HTTP clients over ASGI, and a SQL statement counter."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import event

from hallway.config import normalize_database_url
from hallway.db import Database

_TMP = Path(tempfile.mkdtemp(prefix="hallway-tests-"))


def test_database_url() -> str:
    url = os.environ.get("HALLWAY_TEST_DATABASE_URL") or f"sqlite:///{_TMP / 'test.db'}"
    return normalize_database_url(url)


@pytest.fixture(scope="session")
def database_url() -> str:
    return test_database_url()


class StatementCounter:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.statements: list[str] = []

    def _record(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.statements.append(statement)

    def __enter__(self) -> StatementCounter:
        self.statements.clear()
        event.listen(self.database.engine.sync_engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.database.engine.sync_engine, "before_cursor_execute", self._record)

    @property
    def count(self) -> int:
        return len(self.statements)


def client_for(app: Any, **headers: str) -> AsyncClient:
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    return AsyncClient(transport=transport, base_url="http://testserver", headers=headers)
