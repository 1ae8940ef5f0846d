"""The formatting of every log record, without the settings model: the supervisor of
`hallway run --workers N` sets it up from the few values it needs (see `hallway.logs`)."""

from __future__ import annotations

import logging
import sys
from typing import Any

import orjson

from hallway.supervision import optional_imports_hidden

# structlog formats exceptions with rich when it can import it (about 4 MB in every process,
# the server's included); Python's own traceback format is what it uses otherwise.
with optional_imports_hidden(("rich",)):
    import structlog
from structlog.contextvars import bound_contextvars, merge_contextvars

__all__ = ["bound_contextvars", "configure", "json_lines"]


def _json(event: Any, **_: Any) -> str:
    return orjson.dumps(event, default=str).decode()


def json_lines(log_format: str, environment: str) -> bool:
    """LOG_FORMAT `json`, or `auto` in production: JSON lines; otherwise readable lines."""
    return log_format == "json" or (log_format == "auto" and environment == "production")


def configure(as_json: bool, level: str) -> None:
    """Send every record to stderr, as JSON lines or readable lines, from `level` up."""
    renderer: Any = (
        structlog.processors.JSONRenderer(serializer=_json)
        if as_json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    tail = [structlog.processors.format_exc_info] if as_json else []
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            merge_contextvars,
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.ExtraAdder(),
            structlog.processors.TimeStamper(fmt="iso", utc=True),
        ],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *tail, renderer],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
