"""Metrics of several worker processes (`hallway run --workers N`).

`run` gives each run its own directory, emptied at start, and names it in
PROMETHEUS_MULTIPROC_DIR before the workers start: each worker then writes its numbers to
files there, and the one that answers `/metrics` sums every worker's. A worker that ends
takes its gauges with it (its counters stay in the sums); one killed outright is noticed at
the next scrape. This module is light: the supervisor imports it without the application.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

DIRECTORY_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_directory(configured: Path | None) -> tuple[Path, bool]:
    """The directory for this run, emptied (METRICS_DIR, or a new temporary one), and
    whether it is temporary (removed by `discard_directory`)."""
    if configured is None:
        return Path(tempfile.mkdtemp(prefix="hallway-metrics-")), True
    configured.mkdir(parents=True, exist_ok=True)
    for stale in configured.glob("*.db"):
        stale.unlink()
    return configured, False


def discard_directory(path: Path, temporary: bool) -> None:
    if temporary:
        shutil.rmtree(path, ignore_errors=True)


def multiprocess_directory() -> str | None:
    return os.environ.get(DIRECTORY_ENV) or None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead too, though its parent has not read its status yet
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def mark_dead_workers(directory: str) -> None:
    """Drop the gauges of the workers that no longer run."""
    from prometheus_client import multiprocess

    pids = {path.stem.rsplit("_", 1)[-1] for path in Path(directory).glob("gauge_live*_*.db")}
    for pid in pids:
        if pid.isdigit() and not _alive(int(pid)):
            multiprocess.mark_process_dead(int(pid), directory)  # type: ignore[no-untyped-call]


def this_worker_ends() -> None:
    directory = multiprocess_directory()
    if directory:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(os.getpid(), directory)  # type: ignore[no-untyped-call]
