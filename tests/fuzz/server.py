"""The application under fuzzing: its own database (emptied, migrated to the newest revision
and seeded), served by uvicorn in a child process on 127.0.0.1, with its log kept to explain
any 5xx.

HALLWAY_FUZZ_DATABASE_URL names the database (default: a SQLite file in the run's temporary
directory); it is emptied first, so it must be one nothing else uses. HALLWAY_FUZZ_REDIS_URL,
when set, gives the server Redis (rate limits in Redis, jobs through Celery, with a worker
started beside the server); that Redis database is flushed first.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import MetaData

from hallway import migrate
from hallway.auth import tokens
from hallway.config import normalize_database_url
from hallway.db import Database
from tests.fuzz.seed import restore_account, seed

HOST = "127.0.0.1"
SERVE = Path(__file__).with_name("serve.py")
# Variables of the developer's environment that would change the server under test.
NOT_PASSED_ON = ("HALLWAY_", "DATABASE_", "REDIS_", "SMTP_", "SENDGRID_", "S3_", "AWS_", "MAIL_")


def _drop_all(conn: Any) -> None:
    reflected = MetaData()
    reflected.reflect(conn)
    reflected.drop_all(conn)


async def _fresh_database(database_url: str) -> dict[str, int]:
    """Empty, migrated and seeded; the ids of the accounts the fuzzer calls as."""
    db = Database(database_url)
    try:
        async with db.engine.begin() as conn:
            await conn.run_sync(_drop_all)
    finally:
        await db.dispose()
    await asyncio.to_thread(migrate.upgrade, database_url)  # Alembic runs its own loop
    return await seed(database_url)


def _flush_redis(url: str) -> None:
    from redis import Redis

    with Redis.from_url(url) as redis:
        redis.flushdb()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class FuzzServer:
    """The server, its database, and the accounts the passes call as."""

    def __init__(self, workdir: Path) -> None:
        default = f"sqlite:///{workdir / 'fuzz.db'}"
        self.database_url = normalize_database_url(
            os.environ.get("HALLWAY_FUZZ_DATABASE_URL") or default
        )
        self.redis_url = os.environ.get("HALLWAY_FUZZ_REDIS_URL")
        self.workdir = workdir
        self.secret = secrets.token_urlsafe(48)
        self.base_url = f"http://{HOST}:{_free_port()}"
        self.log_path = workdir / "server.log"
        self.loop = asyncio.new_event_loop()  # private: the test session's loop is left alone
        self.db = Database(self.database_url)
        self.accounts: dict[str, int] = {}
        self.processes: list[subprocess.Popen[bytes]] = []
        self.http = requests.Session()

    def start(self) -> None:
        self.accounts = self.loop.run_until_complete(_fresh_database(self.database_url))
        port = self.base_url.rsplit(":", 1)[1]
        self._spawn([sys.executable, str(SERVE), port], self.log_path)
        if self.redis_url:
            _flush_redis(self.redis_url)
            worker = [sys.executable, "-m", "hallway.cli", "worker", "--pool", "solo"]
            self._spawn(worker, self.workdir / "worker.log")
        self._wait_until_healthy()

    def _spawn(self, command: list[str], log_path: Path) -> None:
        with log_path.open("wb") as log:
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and files
                    command,
                    cwd=self.workdir,
                    env=self._environment(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED_ON)}
        env.update(
            PYTHONUNBUFFERED="1",
            ENVIRONMENT="test",
            DATABASE_URL=self.database_url,
            SECRET_KEY=self.secret,
            MAIL_BACKEND="console",
            UPLOAD_DIR=str(self.workdir / "media"),
            PUBLIC_URL=self.base_url,
            # The limits have tests of their own; here they would only hide the code behind them.
            LOGIN_LIMIT_PER_MINUTE="1000000",
            LOGIN_ACCOUNT_FAILURES_PER_HOUR="1000000",
            RESET_LIMIT_PER_HOUR="1000000",
            RESET_ACCOUNT_LIMIT_PER_HOUR="1000000",
            SIGNUP_LIMIT_PER_HOUR="1000000",
            SIGNUP_LIMIT_PER_MINUTE="1000000",
            UPLOAD_LIMIT_PER_MINUTE="1000000",
            UPLOAD_LIMIT_PER_HOUR="1000000",
            UPLOAD_ADDRESS_LIMIT_PER_MINUTE="1000000",
            UPLOAD_ADDRESS_LIMIT_PER_HOUR="1000000",
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env

    def _wait_until_healthy(self, seconds: float = 60) -> None:
        """Until `/health-check` passes: the database, and with Redis the worker too."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"the server or its worker exited:\n{self.log_since(0)}")
            try:
                if self.http.get(f"{self.base_url}/health-check", timeout=5).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server is not healthy:\n{self.log_since(0)}")

    def stop(self) -> None:
        self.http.close()
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.loop.run_until_complete(self.db.dispose())
        self.loop.close()

    def token(self, caller: str) -> str:
        user_id = self.accounts[caller]
        return tokens.issue(self.secret, user_id, type_="access", fresh=True, seconds=3600)

    def restore(self, caller: str) -> None:
        """Undo what a fuzzed write may have done to the caller's account."""
        restoring = restore_account(self.db, self.accounts[caller], admin=caller == "admin")
        self.loop.run_until_complete(restoring)

    def alive(self) -> bool:
        return all(process.poll() is None for process in self.processes)

    def log_offset(self) -> int:
        return self.log_path.stat().st_size

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", "replace")
