"""Fixtures of the fault scenarios: a PostgreSQL cluster and a Redis server of their own, an SMTP
server, and the environment `hallway run` and the workers get.

The suite is off unless HALLWAY_FAULTS=1: the ordinary suite leaves it out (`.ci/run` runs it
once, with `-s` so the figures each scenario prints are in the log). It never touches the
PostgreSQL or Redis other tests use: it starts, stops and kills only its own processes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.services import Postgres, Redis, clean_environment
from tests.mail.servers import SmtpServer

SECRET = "fault-scenarios-secret-key-not-for-production"
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@faults.test", "fault scenarios password"


def faults_enabled() -> bool:
    return os.environ.get("HALLWAY_FAULTS", "").lower() in ("1", "on", "true", "yes")


@pytest.fixture(scope="session")
def workdir() -> Iterator[Path]:
    if not faults_enabled():
        pytest.skip("the fault scenarios are on with HALLWAY_FAULTS=1")
    path = Path(tempfile.mkdtemp(prefix="hallway-faults-"))
    path.chmod(0o755)  # the postgres account reaches its cluster's directory through it
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres(workdir: Path) -> Iterator[Postgres]:
    if not shutil.which("runuser") and os.geteuid() == 0:
        pytest.fail("runuser is needed to run PostgreSQL as the postgres account")
    cluster = Postgres(workdir / "postgres")
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def redis_server(workdir: Path) -> Iterator[Redis]:
    server = Redis(workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def running_redis(redis_server: Redis) -> Redis:
    """The Redis server, started again if a scenario left it stopped."""
    if redis_server.process is None:
        redis_server.start()
    return redis_server


@pytest.fixture
def running_postgres(postgres: Postgres) -> Postgres:
    if not (postgres.data / "postmaster.pid").exists():
        postgres.start()
    return postgres


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def base_env(running_postgres: Postgres, workdir: Path) -> dict[str, str]:
    """What every process of a scenario gets: our database, no Redis, mail to the console."""
    repository = Path(__file__).resolve().parents[2]
    return clean_environment() | {
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(repository),
        "ENVIRONMENT": "test",
        "DATABASE_URL": running_postgres.url,
        "SECRET_KEY": SECRET,
        "MAIL_BACKEND": "console",
        "UPLOAD_DIR": str(workdir / "media"),
        "HALLWAY_SUPERUSER_EMAIL": ADMIN_EMAIL,
        "HALLWAY_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
    }
