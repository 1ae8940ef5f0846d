"""Processes the fault scenarios break on purpose: a PostgreSQL cluster and a Redis server of
their own (never the shared ones), `hallway run`, and Celery workers.

PostgreSQL is initialised into a temporary directory with `initdb` and served on a free port;
as root it runs as the `postgres` account, as PostgreSQL requires. Redis keeps nothing on disk,
so a stop loses what it held, as an unplanned restart of a cache-configured Redis would.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

HOST = "127.0.0.1"
PG_BIN = Path(os.environ.get("HALLWAY_PG_BIN", "/usr/lib/postgresql/15/bin"))
# Variables of the caller's environment that would change the processes under test.
NOT_PASSED_ON = ("HALLWAY_", "DATABASE_", "REDIS_", "SMTP_", "SENDGRID_", "S3_", "AWS_", "MAIL_")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for(condition: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} within {seconds:g} s")


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED_ON)}


class Postgres:
    """A PostgreSQL cluster of our own that can be stopped and started on its port."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.data = workdir / "pgdata"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.url = f"postgresql://hallway@{HOST}:{self.port}/hallway_faults"

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_postgres, *command], check=True, capture_output=True, timeout=120)  # noqa: S603

    def create(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.workdir, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()
        self._run(
            str(PG_BIN / "createuser"),
            "-h",
            HOST,
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "hallway",
        )
        self._run(
            str(PG_BIN / "createdb"), "-h", HOST, "-p", str(self.port), "-U", "postgres",
            "-O", "hallway", "hallway_faults",
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.workdir} -c listen_addresses={HOST} -c fsync=on"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.workdir / "pg.log"),
            "-o", options, "-w", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.workdir, ignore_errors=True)


class Redis:
    """A redis-server of our own, without persistence, that can be stopped and started."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            "redis-server", "--port", str(self.port), "--bind", HOST, "--save", "",
            "--appendonly", "no", "--dir", str(self.workdir),
        ]  # fmt: skip
        with (self.workdir / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        wait_for(lambda: port_open(self.port), 20, "redis-server listening")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None
        wait_for(lambda: not port_open(self.port), 10, "redis-server stopped")


class Child:
    """A child process in its own process group, its output in a log file."""

    def __init__(self, name: str, command: list[str], workdir: Path, env: dict[str, str]) -> None:
        self.name = name
        self.log_path = workdir / f"{name}.log"
        with self.log_path.open("ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603 - our own interpreter and files
                command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill9(self) -> None:
        """SIGKILL to this process only (its children must end by themselves)."""
        os.kill(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        """Terminate the whole group, then kill what is left."""
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        if self.alive():
            self.popen.wait(timeout=10)


def hallway_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hallway.cli", *args]


class HallwayServer:
    """`hallway run --workers N` on the given database (and Redis)."""

    def __init__(self, workdir: Path, env: dict[str, str], workers: int = 1) -> None:
        self.workdir = workdir
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.process: Child | None = None

    def start(self, seconds: float = 120) -> None:
        command = hallway_command("run", "--port", str(self.port), "--workers", str(self.workers))
        self.process = Child(f"hallway-{self.port}", command, self.workdir, self.env)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.process.alive():
                raise RuntimeError(f"hallway run exited:\n{self.process.log()}")
            try:
                if httpx.get(f"{self.base_url}/health/live", timeout=2).is_success:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"hallway run does not answer:\n{self.process.log()}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
