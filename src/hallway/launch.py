"""`hallway run`, started before the rest of the command line is imported.

The process that serves (or supervises the workers of `--workers N`) keeps whatever it
imported. So `run` neither builds the settings model (pydantic-settings) nor imports typer and
its rich output: a child process (`hallway prepare`) reads and checks the settings, checks the
address, migrates and seeds, and hands this process the few values it needs. The workers
import the application themselves (`hallway.main:create_served_app`). Every other command,
and `run --help`, goes to the typer application (`hallway.cli`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

# The values `hallway prepare --report FILE` hands over (JSON): host, port, json_logs,
# log_level, metrics_dir.
Report = dict[str, Any]
RUN_OPTIONS = {"--host": "host", "--port": "port", "--workers": "workers"}


def main() -> int | None:
    """The `hallway` command (and `python -m hallway.cli`)."""
    options = run_options(sys.argv[1:])
    if options is None:
        from hallway.cli import app

        app()
        return None
    return serve(**options)


def run_options(argv: list[str]) -> dict[str, Any] | None:
    """`run`'s options when `argv` is a `run` this module can start; None otherwise (help,
    or anything the typer application should answer, errors included)."""
    if not argv or argv[0] != "run":
        return None
    found: dict[str, Any] = {}
    rest = argv[1:]
    while rest:
        name, _, value = rest.pop(0).partition("=")
        if name not in RUN_OPTIONS or name == "--help":
            return None
        if not value:
            if not rest:
                return None
            value = rest.pop(0)
        found[RUN_OPTIONS[name]] = value
    try:
        workers = int(found.pop("workers", 1))
        port = int(found["port"]) if "port" in found else None
    except ValueError:
        return None
    return {"host": found.get("host"), "port": port, "workers": workers}


def prepare(report_to: Path | None) -> int:
    """Run `hallway prepare` in a child process (its memory ends with it); with `report_to`,
    it writes there the values the server needs. Returns its exit status."""
    command = [sys.executable, "-m", "hallway.cli", "prepare"]
    if report_to:
        command += ["--report", str(report_to)]
    done = subprocess.run(command, check=False)  # noqa: S603 - our own interpreter and module
    return done.returncode if done.returncode >= 0 else 1


def serve(host: str | None, port: int | None, workers: int) -> int:
    """Check and prepare in a child, then serve `workers` processes on host:port (HOST and
    PORT, as given on the command line, are put in the environment every worker reads)."""
    if host:
        os.environ["HOST"] = host
    if port:
        os.environ["PORT"] = str(port)
    with tempfile.TemporaryDirectory(prefix="hallway-run-") as directory:
        report_file = Path(directory) / "report.json"
        status = prepare(report_file)
        if status:
            return status
        report: Report = json.loads(report_file.read_text())
    from hallway.logsetup import configure
    from hallway.supervision import PARENT_ENV

    # Worker processes die with this one, even when it is killed with SIGKILL.
    os.environ[PARENT_ENV] = str(os.getpid())
    host, port = report["host"], int(report["port"])
    print(f"Hallway is serving on http://{host}:{port}  (API under /v1, docs at /docs)", flush=True)
    configure(report["json_logs"], report["log_level"])
    metrics_dir = _metrics_directory(report, workers)
    try:
        _serve(host, port, workers)
    finally:
        if metrics_dir:
            from hallway.metrics.workers import discard_directory

            discard_directory(*metrics_dir)
    return 0


def _metrics_directory(report: Report, workers: int) -> tuple[Path, bool] | None:
    """Several workers write their metrics to files in a directory of this run, which the
    one answering `/metrics` sums; one worker keeps them in memory."""
    if workers < 2:
        return None
    from hallway.metrics.workers import DIRECTORY_ENV, prepare_directory

    configured = report.get("metrics_dir")
    directory, temporary = prepare_directory(Path(configured) if configured else None)
    os.environ[DIRECTORY_ENV] = str(directory)
    return directory, temporary


def _serve(host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(
        "hallway.main:create_served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        access_log=False,  # hallway.logs writes the access log, with the request id
        log_level="warning",
        log_config=None,  # uvicorn's records go through hallway.logs too
        proxy_headers=False,  # forwarding headers are read only from TRUSTED_PROXIES
    )
