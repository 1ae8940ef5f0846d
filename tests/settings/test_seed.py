"""The migration seeds the one settings row from the configuration; there is never a second."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from hallway import migrate
from hallway.config import Settings
from hallway.db import Database
from hallway.settings.models import Setting
from tests.settings.conftest import row_count, stored


async def _migrated(tmp_path, settings: Settings) -> Database:
    url = f"sqlite+aiosqlite:///{tmp_path / 'seeded.db'}"
    await asyncio.to_thread(migrate.upgrade, url, settings=settings)
    return Database(url)


async def test_the_row_is_seeded_with_the_configured_name_and_frontend(tmp_path):
    configured = Settings(app_name="Convene", frontend_url="https://tickets.example")

    db = await _migrated(tmp_path, configured)
    row, count = await stored(db), await row_count(db)
    await db.dispose()

    assert count == 1
    assert (row["id"], row["app_name"], row["frontend_url"]) == (
        1,
        "Convene",
        "https://tickets.example",
    )
    assert row["order_expiry_time"] == 15


async def test_without_a_configured_frontend_the_row_has_none(tmp_path, monkeypatch):
    monkeypatch.delenv("FRONTEND_URL", raising=False)
    monkeypatch.delenv("APP_NAME", raising=False)
    db = await _migrated(tmp_path, Settings(_env_file=None))
    row = await stored(db)
    await db.dispose()

    assert (row["app_name"], row["frontend_url"]) == ("Hallway", None)


async def test_the_database_refuses_a_second_row(app_db):
    with pytest.raises(IntegrityError):
        async with app_db.sessions() as session, session.begin():
            await session.execute(insert(Setting).values(id=2, app_name="Second"))

    assert await row_count(app_db) == 1
