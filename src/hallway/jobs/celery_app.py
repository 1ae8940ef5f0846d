"""The Celery application of `celery -A hallway.jobs.celery_app worker` (and `beat`),
configured from the environment: REDIS_URL, DATABASE_URL, the MAIL_* settings, ..."""

from __future__ import annotations

from typing import Any

from hallway.config import get_settings
from hallway.jobs.distributed import make_celery
from hallway.jobs.tasklog import install_task_logging

install_task_logging(get_settings())
app: Any = make_celery(get_settings())
