"""How many HTTP requests this server process is serving, so that its background work
(embedded jobs: documents, mails, exports) gives way to them.

A ticket rush completes hundreds of orders a second, each with its ticket PDFs and mails to
make; made at once they would take the CPU the buyers are waiting for. A job waits until no
request has been in flight for a moment, but never longer than its patience: work is delayed
under load, never starved."""

from __future__ import annotations

import asyncio
import itertools
import time

# How often a waiting job looks again.
POLL_SECONDS = 0.05
# Quiet means no request in flight for this long: between two requests of a rush the server
# is idle only for moments, and a job started in one would hold the CPU through the next.
QUIET_GAP = 0.5
_in_flight = 0
_last_end = 0.0


def begin() -> None:
    global _in_flight
    _in_flight += 1


def end() -> None:
    global _in_flight, _last_end
    _in_flight -= 1
    _last_end = time.monotonic()


def in_flight() -> int:
    return _in_flight


async def quiet(patience: float) -> None:
    """Return once no request has been in flight for QUIET_GAP seconds, or after `patience`
    seconds."""
    deadline = time.monotonic() + patience
    for _ in itertools.count():
        now = time.monotonic()
        if (_in_flight <= 0 and now - _last_end >= QUIET_GAP) or now >= deadline:
            return
        await asyncio.sleep(POLL_SECONDS)
