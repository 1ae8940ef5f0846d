"""How many HTTP requests this server process is serving, so that its background work
(embedded jobs: documents, mails, exports) gives way to them.

A ticket rush completes hundreds of orders a second, each with its ticket PDFs and mails to
make; made at once they would take the CPU the buyers are waiting for. A job waits until no
request is in flight, but never longer than its patience: work is delayed under load, never
starved."""

from __future__ import annotations

import asyncio
import itertools
import time

# How often a waiting job looks again.
POLL_SECONDS = 0.05
_in_flight = 0


def begin() -> None:
    global _in_flight
    _in_flight += 1


def end() -> None:
    global _in_flight
    _in_flight -= 1


def in_flight() -> int:
    return _in_flight


async def quiet(patience: float) -> None:
    """Return once no request is in flight, or after `patience` seconds."""
    deadline = time.monotonic() + patience
    for _ in itertools.count():
        if _in_flight <= 0 or time.monotonic() >= deadline:
            return
        await asyncio.sleep(POLL_SECONDS)
