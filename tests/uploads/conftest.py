"""The real app with the upload routes and the media mount wired as production wires them,
storing into a temporary directory."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from hallway import uploads
from hallway.aftercommit import drain
from hallway.config import Settings
from hallway.db import Database
from hallway.jobs import start_jobs, stop_jobs
from hallway.main import create_app
from tests.appfixtures import login, make_user, settings, smtp  # noqa: F401
from tests.conftest import clean_app_tables, client_for

MAX_BYTES = 2 * 1024 * 1024
UPLOADER = "uploader@example.com"
BASE_URL = uploads.UploadOptions().public_url
"""Where stored URLs start: the address `hallway run` listens on by default."""
# The limits have tests of their own (test_limits.py); elsewhere they would only get in the way.
UNLIMITED = uploads.UploadLimits(10_000, 10_000, 10_000, 10_000)


@pytest.fixture
def media_root(tmp_path: Path) -> Path:
    return tmp_path / "media"


@pytest.fixture
def upload_options(media_root: Path) -> uploads.UploadOptions:
    return uploads.UploadOptions(
        media_root=media_root, max_bytes=MAX_BYTES, max_files=3, limits=UNLIMITED
    )


@pytest.fixture
async def app(
    settings: Settings,  # noqa: F811
    app_db: Database,
    upload_options: uploads.UploadOptions,
) -> AsyncIterator[FastAPI]:
    await start_jobs(settings, app_db, periodic={})
    configured = settings.model_copy(
        update={
            "upload_dir": upload_options.media_root,
            "upload_max_bytes": MAX_BYTES,
            "upload_max_files": 3,
        }
    )
    application = create_app(configured, database=app_db)
    application.state.uploads = uploads.Uploads.build(upload_options)
    yield application
    async with asyncio.timeout(30):
        await drain()
    await stop_jobs()
    await clean_app_tables(app_db)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with client_for(app) as http:
        yield http


@pytest.fixture
async def auth(client: AsyncClient, app_db: Database) -> dict[str, str]:
    """The Authorization header of a signed-in user."""
    await make_user(app_db, UPLOADER)
    return {"Authorization": f"JWT {await login(client, UPLOADER)}"}


def configure(app: FastAPI, options: uploads.UploadOptions, **changes: object) -> None:
    """The app's uploads with `changes` to `options` (fields of UploadOptions)."""
    app.state.uploads = uploads.Uploads.build(dataclasses.replace(options, **changes))
