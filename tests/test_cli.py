"""The command line: help, and `hallway run` serving a migrated database."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from hallway.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_the_commands():
    result = CliRunner().invoke(app, ["--help"])

    assert result.exit_code == 0
    assert "run" in result.output and "migrate" in result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_run_migrates_seeds_demo_data_and_serves_without_logging_a_password(tmp_path):
    port = _free_port()
    database = tmp_path / "fresh.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "PORT": str(port),
        "SECRET_KEY": "cli-test",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "hallway.cli", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        info = _wait_for(f"http://127.0.0.1:{port}/info", timeout=90)
        missing = httpx.get(f"http://127.0.0.1:{port}/v1/nothing")
        events = httpx.get(f"http://127.0.0.1:{port}/v1/events")
        image = httpx.get(events.json()["data"][0]["attributes"]["thumbnail-image-url"])
        boot = httpx.get(f"http://127.0.0.1:{port}/v1/settings?cache=true&public=true")
        forged = _guesses_with_forged_addresses(f"http://127.0.0.1:{port}", 51)
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]

    assert info.json()["name"] == "hallway"
    assert missing.status_code == 404
    assert f"http://127.0.0.1:{port}" in output
    assert events.status_code == 200 and events.json()["meta"]["count"] == 6
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert boot.status_code == 200 and boot.json()["data"]["id"] == "1"
    assert boot.json()["data"]["attributes"]["app-name"] == "Hallway"
    # Its output is a pipe here, as a log would be: the admin is named, its password is not.
    assert "Super admin: admin@hallway.localhost" in output and "password:" not in output
    with sqlite3.connect(database) as conn:
        assert conn.execute("select version_num from alembic_version").fetchone()
    # No proxy is trusted by default: a new X-Forwarded-For on each guess from this host does
    # not make it a new client (ten guesses a minute per account, five times that per address).
    assert forged == [401] * 50 + [429]


def _guesses_with_forged_addresses(base: str, count: int) -> list[int]:
    with httpx.Client(base_url=base) as client:
        return [
            client.post(
                "/auth/session",
                json={"email": f"guess{n}@example.com", "password": "not the password"},
                headers={"X-Forwarded-For": f"192.0.2.{n}"},
            ).status_code
            for n in range(count)
        ]


def _wait_for(url: str, timeout: float) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return httpx.get(url)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_manage_runs_any_hallway_command():
    done = subprocess.run(  # noqa: S603 - the repository's own script
        [str(ROOT / "manage"), "hallway", "--help"],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    assert "createsuperuser" in done.stdout and "demo" in done.stdout
