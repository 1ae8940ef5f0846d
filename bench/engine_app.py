"""The JSON:API engine serving only the toy resources on PostgreSQL, for load tests.

uv run uvicorn bench.engine_app:app --host 127.0.0.1 --port 8181 --loop uvloop --http httptools
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fastapi import FastAPI  # noqa: E402
from tests.jsonapi.toys import register_toys, toy_authenticate  # noqa: E402

from hallway.config import Settings, normalize_database_url  # noqa: E402
from hallway.db import Database  # noqa: E402
from hallway.main import create_app  # noqa: E402

DEFAULT_URL = "postgresql://hallway:hallway@127.0.0.1/hallway_bench"
DATABASE_URL = normalize_database_url(os.environ.get("DATABASE_URL", DEFAULT_URL))


def register(app: FastAPI, api: Any) -> None:
    api.authenticate = toy_authenticate
    register_toys(app, api)


SECRET = os.environ.get("SECRET_KEY", "bench-only")  # signs nothing the benchmark reads
settings = Settings(database_url=DATABASE_URL, secret_key=SECRET, max_page_size=100)
database = Database(DATABASE_URL)
app = create_app(settings, database=database, register=register)


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    """No job runner: its mail sweeper would poll an outbox table the toy database lacks."""
    try:
        yield
    finally:
        await database.dispose()


app.router.lifespan_context = lifespan
