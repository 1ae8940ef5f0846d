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


def http_scope(method: str, path: str, *headers: tuple[bytes, bytes]) -> dict[str, Any]:
    """An ASGI HTTP scope as a server builds it, for tests that talk to an app directly."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }


def client_for(app: Any, **headers: str) -> AsyncClient:
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    return AsyncClient(transport=transport, base_url="http://testserver", headers=headers)


# -- the real application on a migrated database ------------------------------------------------
# Seeded rows tests change through the API: put back as migrated after each test (parents
# before the rows that refer to them).
RESTORED_TABLES = (
    "settings",
    "user_permissions",
    "message_settings",
    "event_image_sizes",
    "speaker_image_sizes",
    "services",
    "event_role_permissions",
    "custom_system_roles",
    "panel_permissions",
    "roles_panels",
)
SEEDED_TABLES = {"roles", "alembic_version", *RESTORED_TABLES}
_SEED_ROWS: dict[str, list[dict[str, Any]]] = {}


def _drop_app_tables(conn: Any) -> None:
    from sqlalchemy import MetaData

    reflected = MetaData()
    reflected.reflect(conn)
    ours = [t for t in reflected.sorted_tables if not t.name.startswith("toy_")]
    reflected.drop_all(conn, tables=ours)


@pytest.fixture(scope="session")
async def app_db(database_url: str) -> Any:
    """The database at the newest migration, built once per test run from an empty schema."""
    import asyncio

    from hallway import migrate

    db = Database(database_url)
    async with db.engine.begin() as conn:
        await conn.run_sync(_drop_app_tables)
    await asyncio.to_thread(migrate.upgrade, database_url)
    await _remember_seed_rows(db)
    yield db
    await db.dispose()


async def _remember_seed_rows(db: Database) -> None:
    from hallway.registry import metadata

    async with db.engine.connect() as conn:
        for name in RESTORED_TABLES:
            rows = await conn.execute(metadata.tables[name].select())
            _SEED_ROWS[name] = [dict(row._mapping) for row in rows]


async def clean_app_tables(db: Database) -> None:
    from hallway.registry import metadata

    async with db.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if table.name not in SEEDED_TABLES:
                await conn.execute(table.delete())
        for name, rows in _SEED_ROWS.items():
            await conn.execute(metadata.tables[name].delete())
            if rows:
                await conn.execute(metadata.tables[name].insert(), rows)
