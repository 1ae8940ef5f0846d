"""Processes die with their parent: kill -9 of a supervisor leaves nothing holding the port,
and a server that cannot listen says so before it claims to serve."""

from __future__ import annotations

import socket

from tests.system.processes import (
    alive,
    children,
    eventually,
    free_port,
    hallway,
    hallway_env,
    kill9,
    port_free,
    start,
    stop,
    wait_for,
)


def test_run_on_a_taken_port_fails_before_claiming_to_serve(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = hallway(["run"], hallway_env(tmp_path / "taken.db", port), tmp_path)

    assert done.returncode == 1
    assert f"127.0.0.1:{port} is already in use" in done.stderr
    assert "serving on" not in done.stdout


def test_kill_9_of_the_supervisor_ends_its_workers_and_frees_the_port(tmp_path):
    port = free_port()
    env = hallway_env(tmp_path / "workers.db", port)
    process = start(["run", "--workers", "2"], env, tmp_path)
    workers: list[int] = []
    try:
        wait_for(f"http://127.0.0.1:{port}/health/live")
        assert eventually(lambda: len(children(process.pid)) >= 2, timeout=30)
        workers = children(process.pid)
        kill9(process.pid)
        process.wait(timeout=10)

        ended = eventually(lambda: not any(alive(pid) for pid in workers), timeout=20)
        freed = eventually(lambda: port_free(port), timeout=5)
    finally:
        for pid in workers + children(process.pid):  # none left, unless the test failed
            if alive(pid):
                kill9(pid)
        stop(process)

    assert ended and freed
    restarted = start(["run"], env, tmp_path)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/health/live").status_code == 200
    finally:
        stop(restarted)
