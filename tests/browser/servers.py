"""The two processes the browser talks to: Hallway as `hallway run` starts it (fresh SQLite file,
migrated and seeded with the demo data, mail to the console) and the built Open Event frontend
served by its own `serve.py`, pointed at that Hallway.

Both listen on free ports of 127.0.0.1 and write their output to log files in the run's
temporary directory; a scenario's artefacts quote the part of Hallway's log written during it.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from hallway.auth import tokens
from hallway.demo import ADMIN_EMAIL

HOST = "127.0.0.1"
# The built frontend beside the repository (../shared/open-event-frontend), or where
# HALLWAY_FRONTEND_DIR says.
FRONTEND_DIR = Path(
    os.environ.get("HALLWAY_FRONTEND_DIR")
    or Path(__file__).resolve().parents[3] / "shared" / "open-event-frontend"
)
ADMIN_PASSWORD = "browser admin password"
# Variables of the developer's environment that would change the server under test.
NOT_PASSED_ON = ("HALLWAY_", "DATABASE_", "REDIS_", "SMTP_", "SENDGRID_", "S3_", "AWS_", "MAIL_")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Process:
    """A child process with its output in a log file; stopped with terminate, then kill."""

    def __init__(self, name: str, command: list[str], workdir: Path, env: dict[str, str]) -> None:
        self.name = name
        self.log_path = workdir / f"{name}.log"
        with self.log_path.open("wb") as log:
            self.popen = subprocess.Popen(  # noqa: S603 - our own interpreter and files
                command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_offset(self) -> int:
        return self.log_path.stat().st_size

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", "replace")

    def wait_until(self, url: str, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"{self.name} exited:\n{self.log_since(0)}")
            try:
                if httpx.get(url, timeout=5).is_success:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} does not answer {url}:\n{self.log_since(0)}")

    def stop(self) -> None:
        if self.alive():
            self.popen.terminate()
        try:
            self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()


class Hallway:
    """`hallway run` on a fresh database, its demo admin's password set to ADMIN_PASSWORD."""

    def __init__(self, workdir: Path, frontend_origin: str) -> None:
        self.workdir = workdir
        self.db_path = workdir / "hallway.db"
        self.secret = secrets.token_urlsafe(48)
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.frontend_origin = frontend_origin
        self.admin_email = ADMIN_EMAIL
        self.admin_password = ADMIN_PASSWORD
        self.process: Process | None = None
        self.http = httpx.Client(base_url=self.base_url, timeout=30)

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED_ON)}
        env.update(
            PYTHONUNBUFFERED="1",
            ENVIRONMENT="test",
            DATABASE_URL=f"sqlite:///{self.db_path}",
            SECRET_KEY=self.secret,
            CORS_ORIGINS=self.frontend_origin,
            FRONTEND_URL=self.frontend_origin,
            PUBLIC_URL=self.base_url,
            MAIL_BACKEND="console",
            UPLOAD_DIR=str(self.workdir / "media"),
        )
        return env

    def start(self) -> None:
        command = [sys.executable, "-m", "hallway.cli", "run", "--port", str(self.port)]
        self.process = Process("hallway", command, self.workdir, self.environment())
        self.process.wait_until(f"{self.base_url}/health-check")
        # The demo printed a random password for its admin; set a known one, as an operator would.
        self.hallway_command(
            "createsuperuser", "--email", self.admin_email, "--password", self.admin_password
        )

    def hallway_command(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own interpreter and files
            [sys.executable, "-m", "hallway.cli", *args],
            cwd=self.workdir,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"hallway {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def stop(self) -> None:
        self.http.close()
        if self.process is not None:
            self.process.stop()

    # -- looking at what the browser changed --------------------------------------------------

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """The SQLite file, read-only: what the server committed."""
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    def row(self, sql: str, *params: Any) -> sqlite3.Row | None:
        with self.db() as conn:
            row: sqlite3.Row | None = conn.execute(sql, params).fetchone()
            return row

    def rows(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        with self.db() as conn:
            return list(conn.execute(sql, params).fetchall())

    def user_id(self, email: str) -> int:
        found = self.row("SELECT id FROM users WHERE lower(email) = lower(?)", email)
        assert found is not None, f"no user {email}"
        return int(found["id"])

    def token(self, email: str) -> str:
        """An access token for that account, issued the way Hallway issues them."""
        user_id = self.user_id(email)
        return tokens.issue(self.secret, user_id, type_="access", fresh=True, seconds=3600)

    def get(self, path: str, *, as_user: str | None = None, **params: str) -> httpx.Response:
        headers = {"Authorization": f"JWT {self.token(as_user)}"} if as_user else {}
        return self.http.get(path, params=params, headers=headers)

    def get_json(self, path: str, *, as_user: str | None = None, **params: str) -> Any:
        response = self.get(path, as_user=as_user, **params)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text}"
        return response.json()

    def event_by_name(self, name: str) -> dict[str, Any]:
        """The attributes of the one event of that name (as an admin sees them)."""
        document = self.get_json(
            "/v1/events",
            as_user=self.admin_email,
            filter=f'[{{"name":"name","op":"eq","val":{json.dumps(name)}}}]',
        )
        assert len(document["data"]) == 1, f"one event named {name!r}: {document['data']}"
        event = document["data"][0]
        return {"id": event["id"], **event["attributes"]}

    def patch(self, path: str, type_: str, id_: str, as_user: str, **attributes: Any) -> Any:
        body = {"data": {"type": type_, "id": id_, "attributes": attributes}}
        response = self.http.patch(
            path,
            json=body,
            headers={
                "Content-Type": "application/vnd.api+json",
                "Authorization": f"JWT {self.token(as_user)}",
            },
        )
        assert response.status_code == 200, f"PATCH {path}: {response.text}"
        return response.json()

    def create_event(self, as_user: str, name: str) -> dict[str, Any]:
        """A draft event made through the API by that account (its owner)."""
        body = {
            "data": {
                "type": "event",
                "attributes": {
                    "name": name,
                    "starts-at": "2031-05-01T09:00:00Z",
                    "ends-at": "2031-05-01T17:00:00Z",
                    "timezone": "UTC",
                },
            }
        }
        response = self.http.post(
            "/v1/events",
            json=body,
            headers={
                "Content-Type": "application/vnd.api+json",
                "Authorization": f"JWT {self.token(as_user)}",
            },
        )
        assert response.status_code == 201, response.text
        event = response.json()["data"]
        return {"id": event["id"], **event["attributes"]}

    def login(self, email: str, password: str) -> httpx.Response:
        return self.http.post("/auth/session", json={"username": email, "password": password})

    def create_user(self, email: str, password: str) -> int:
        """An account made through the API, the way the registration form makes one."""
        body = {"data": {"type": "user", "attributes": {"email": email, "password": password}}}
        response = self.http.post(
            "/v1/users", json=body, headers={"Content-Type": "application/vnd.api+json"}
        )
        assert response.status_code == 201, response.text
        return int(response.json()["data"]["id"])


class Frontend:
    """The built frontend, served by its `serve.py` with APP.apiHost pointed at Hallway."""

    def __init__(self, workdir: Path, origin: str) -> None:
        self.workdir = workdir
        self.base_url = origin
        self.port = int(origin.rsplit(":", 1)[1])
        self.process: Process | None = None

    def start(self, api_host: str) -> None:
        command = [
            sys.executable,
            str(FRONTEND_DIR / "serve.py"),
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--api-host",
            api_host,
        ]
        self.process = Process("frontend", command, self.workdir, dict(os.environ))
        self.process.wait_until(f"{self.base_url}/")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
