"""Logs: JSON lines in production with a timestamp and the request id, an access log of one
record per request (not health probes), and an X-Request-ID on every answer."""

from __future__ import annotations

import json
import logging

import httpx

from hallway.config import Settings
from hallway.main import create_app
from tests.conftest import client_for
from tests.system.processes import free_port, hallway_env, start, stop, wait_for


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_production_logs_json_lines_with_the_request_id(tmp_path):
    port, log = free_port(), tmp_path / "server.log"
    process = start(
        ["run"], hallway_env(tmp_path / "logs.db", port, ENVIRONMENT="production"), tmp_path, log
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health/live")
        events = httpx.get(f"http://127.0.0.1:{port}/v1/events", headers={"X-Request-ID": "req-42"})
        missing = httpx.get(f"http://127.0.0.1:{port}/v1/events/12345")
    finally:
        stop(process)
    records = _json_lines(log.read_text())

    assert events.headers["X-Request-ID"] == "req-42"
    access = [r for r in records if r.get("logger") == "hallway.access"]
    assert [(r["method"], r["route"], r["status"]) for r in access] == [
        ("GET", "/v1/events", 200),
        ("GET", "/v1/events/{id}", 404),
    ]
    first = access[0]
    assert first["request_id"] == "req-42" and first["level"] == "info"
    assert first["timestamp"].endswith("Z") and first["user_id"] is None
    assert isinstance(first["duration_ms"], float)
    assert access[1]["request_id"] == missing.headers["X-Request-ID"] != "req-42"


async def test_the_access_log_can_be_switched_off_and_ids_are_still_given(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'quiet.db'}"
    app = create_app(Settings(database_url=url, secret_key="k" * 32, access_log=False))
    caplog.set_level(logging.INFO)
    async with client_for(app) as client:
        forged = await client.get("/info", headers={"X-Request-ID": "not a safe id\x7f"})

    assert len(forged.headers["X-Request-ID"]) == 32  # a new one, not the caller's
    assert not [r for r in caplog.records if r.name == "hallway.access"]
