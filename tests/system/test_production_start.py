"""Starting in production seeds nothing and shows no password; the first admin comes from
`hallway createsuperuser`, demo data from `hallway demo`."""

from __future__ import annotations

import sqlite3

import httpx

from tests.system.processes import free_port, hallway, hallway_env, start, stop, wait_for


def _users(database) -> list[tuple[str, int]]:
    with sqlite3.connect(database) as conn:
        return conn.execute("select email, is_super_admin from users").fetchall()


def test_production_run_seeds_nothing_and_prints_no_password(tmp_path):
    port, database = free_port(), tmp_path / "prod.db"
    env = hallway_env(database, port, ENVIRONMENT="production")
    process = start(["run"], env, tmp_path)
    try:
        wait_for(f"http://127.0.0.1:{port}/info")
        events = httpx.get(f"http://127.0.0.1:{port}/v1/events")
    finally:
        output = stop(process)

    assert events.status_code == 200 and events.json()["meta"]["count"] == 0
    assert _users(database) == []
    assert "password" not in output.lower() and "Super admin" not in output
    assert "serving on" in output


def test_createsuperuser_reads_the_environment_without_a_prompt(tmp_path):
    database = tmp_path / "admin.db"
    env = hallway_env(
        database,
        free_port(),
        ENVIRONMENT="production",
        HALLWAY_SUPERUSER_EMAIL="ops@example.com",
        HALLWAY_SUPERUSER_PASSWORD="a long enough password",
    )

    done = hallway(["createsuperuser"], env, tmp_path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "created super admin ops@example.com" in done.stdout
    assert "a long enough password" not in done.stdout + done.stderr
    assert _users(database) == [("ops@example.com", 1)]


def test_demo_loads_the_demo_data_and_keeps_the_password_off_a_pipe(tmp_path):
    database = tmp_path / "demo.db"
    env = hallway_env(database, free_port(), ENVIRONMENT="production")

    done = hallway(["demo"], env, tmp_path)
    again = hallway(["demo"], env, tmp_path)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Demo data loaded: 6 published events." in done.stdout
    assert "password:" not in done.stdout + done.stderr
    assert _users(database) == [("admin@hallway.localhost", 1)]
    assert again.returncode == 0 and "Demo data loaded" not in again.stdout
