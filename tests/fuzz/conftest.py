"""Fixtures of the fuzz run: the server on its own seeded database, and the document to fuzz.

The run is off unless HALLWAY_FUZZ=1: the ordinary suite leaves it out (`.ci/run` runs it
once, on PostgreSQL and Redis)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from hallway.config import Settings
from hallway.main import create_app
from tests.fuzz.bodies import add_bodies
from tests.fuzz.schema import Known, fuzz_document
from tests.fuzz.seed import ADMIN_EMAIL, EMAILS, PASSWORD
from tests.fuzz.server import FuzzServer

# The addresses generated bodies use: the seeded accounts, and one that does not exist.
SEEDED_EMAILS = [ADMIN_EMAIL, *EMAILS, "nobody@fuzz.test"]


def fuzz_enabled() -> bool:
    return os.environ.get("HALLWAY_FUZZ", "").lower() in ("1", "on", "true", "yes")


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzServer]:
    if not fuzz_enabled():
        pytest.skip("the fuzz run is on with HALLWAY_FUZZ=1")
    server = FuzzServer(tmp_path_factory.mktemp("fuzz"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def fuzz_document_dict(fuzz_server: FuzzServer) -> dict[str, Any]:
    """The served `/openapi.json`, filled in from the resource declarations."""
    settings = Settings(
        database_url=fuzz_server.database_url,
        secret_key=fuzz_server.secret,
        redis_url=None,
        upload_dir=fuzz_server.workdir / "declarations-media",
    )
    api = create_app(settings).state.api
    served = fuzz_server.http.get(f"{fuzz_server.base_url}/openapi.json", timeout=30)
    served.raise_for_status()
    known = Known()
    known.collect(fuzz_server.http, fuzz_server.base_url, fuzz_server.token("admin"), api)
    document = fuzz_document(served.json(), api, known)
    add_bodies(document, SEEDED_EMAILS, PASSWORD)
    return document
