"""One beat at a time, and none left behind: kill -9 of `hallway worker --beat` ends its
pool and its beat, and a second beat schedules only once the first one's lock has expired."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from redis import Redis

from tests.redisfixtures import REDIS_HOST, REDIS_PORT, requires_redis
from tests.system.processes import alive, children, eventually, hallway, hallway_env, kill9

pytestmark = requires_redis
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/10"
LOCK_KEY = "hallway:beat:lock"


@pytest.fixture
def redis():
    with Redis.from_url(REDIS_URL) as client:
        client.delete(LOCK_KEY)
        yield client
        client.delete(LOCK_KEY)


def _worker(env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "hallway.cli", "worker", "--beat", "--concurrency", "1"]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def _holder(redis: Redis) -> int | None:
    """The pid of the beat holding the lock."""
    owner = redis.get(LOCK_KEY)
    return int(owner.decode().split(":")[1]) if owner else None


def test_kill_9_of_a_worker_ends_its_beat_and_only_one_beat_schedules(tmp_path, redis):
    env = hallway_env(tmp_path / "beat.db", 0, REDIS_URL=REDIS_URL, BEAT_LOCK_SECONDS="6")
    assert hallway(["migrate"], env, tmp_path).returncode == 0
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = _worker(env, tmp_path, first_log)
    second, first_children = None, []
    try:
        assert eventually(lambda: _holder(redis) in children(first.pid), timeout=60)
        first_beat, first_children = _holder(redis), children(first.pid)
        second = _worker(env, tmp_path, second_log)
        waits = "beat waits: another beat holds the lock"
        assert eventually(lambda: waits in second_log.read_text(), timeout=60)
        assert _holder(redis) == first_beat

        kill9(first.pid)
        first.wait(timeout=10)
        ended = eventually(lambda: not any(alive(pid) for pid in first_children), timeout=20)
        taken_over = eventually(lambda: _holder(redis) in children(second.pid), timeout=30)
    finally:
        for process in (first, second):
            if process is not None:
                for pid in children(process.pid):
                    kill9(pid)
                process.kill()
                process.wait(timeout=10)
        for pid in first_children:  # none left, unless the test failed
            if alive(pid):
                kill9(pid)

    assert ended, f"left behind: {[pid for pid in first_children if alive(pid)]}"
    assert first_beat is not None and not alive(first_beat)
    assert taken_over
