"""A real server meets a PostgreSQL outage (the connection to it cut and restored by a relay,
so the shared server keeps running): every request is answered 503 with Retry-After, the log
gets a line per kind of failure instead of a traceback per request, and reads recover without
a restart."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.system.processes import eventually, free_port, hallway_env, start, stop, wait_for
from tests.system.proxy import Relay

REQUESTS = ("/v1/events", "/v1/users/me", "/v1/event-types")


@pytest.fixture
def relayed(database_url, app_db):
    """The test's PostgreSQL database, reached through a relay (skipped on SQLite)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (HALLWAY_TEST_DATABASE_URL)")
    url = httpx.URL(database_url.replace("postgresql+asyncpg", "postgresql"))
    relay = Relay((url.host, url.port or 5432))
    yield relay, str(url.copy_with(host="127.0.0.1", port=relay.port))
    relay.close()


def test_a_database_outage_is_answered_503_logged_once_and_recovered(tmp_path, relayed):
    relay, url = relayed
    port, log = free_port(), tmp_path / "server.log"
    process = start(["run"], hallway_env(url, port), tmp_path, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/health/live")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20) as client:
            before = client.get("/v1/events").status_code
            relay.cut()
            during = [client.get(path) for _ in range(30) for path in REQUESTS]
            relay.restore()
            cut_at = time.monotonic()
            recovered = eventually(lambda: client.get("/v1/events").status_code == 200, 10)
            seconds = time.monotonic() - cut_at
    finally:
        stop(process)
    output = log.read_text()

    print(f"outage: {len(during)} requests, all 503; recovered in {seconds:.2f} s")
    assert before == 200 and recovered
    assert {r.status_code for r in during} == {503}
    assert {r.headers["Retry-After"] for r in during} == {"5"}
    assert {r.json()["errors"][0]["source"]["code"] for r in during} == {"database-unavailable"}
    assert "Traceback" not in output
    assert 1 <= output.count("database unavailable:") <= 3  # one per kind of failure
