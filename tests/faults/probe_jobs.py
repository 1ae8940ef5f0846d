"""The Celery app of `hallway worker`, with one more task for the worker-kill scenario:
`faults.probe` marks its start, runs for a while, then marks its end in FAULTS_PROBE_DIR.

    celery -A tests.faults.probe_jobs worker
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from hallway.config import get_settings
from hallway.jobs.catalog import JobContext, task
from hallway.jobs.distributed import make_celery

PROBE = "faults.probe"
PROBE_SECONDS = float(os.environ.get("FAULTS_PROBE_SECONDS", "1.0"))


@task(PROBE)
async def probe(ctx: JobContext, number: int) -> int:
    marks = Path(os.environ["FAULTS_PROBE_DIR"])
    (marks / f"started-{number}-{os.getpid()}").touch()
    await asyncio.sleep(PROBE_SECONDS)
    (marks / f"done-{number}").touch()
    return number


app: Any = make_celery(get_settings())
