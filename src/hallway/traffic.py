"""How busy this server process is with HTTP requests, so that its background work
(embedded jobs: documents, mails, exports) gives way to them.

A ticket rush completes hundreds of orders a second, each with its ticket PDFs and mails to
make; made at once they would take the CPU the buyers are waiting for. So a job waits while
the process spends most of its time serving requests (a request in flight for over half of
the last quarter second), never longer than its patience: work is delayed under a rush,
never starved. A server with requests now and then is not busy: its jobs start at once."""

from __future__ import annotations

import asyncio
import itertools
import time

# The stretch over which a waiting job measures how busy the process is, and the share of it
# with a request in flight above which the job keeps waiting.
WINDOW = 0.25
BUSY_SHARE = 0.5
_in_flight = 0
_busy = 0.0  # seconds with a request in flight, up to the start of the current stretch
_since = 0.0  # when the current stretch with a request in flight began
_last_end = float("-inf")


def begin() -> None:
    global _in_flight, _since
    if _in_flight == 0:
        _since = time.monotonic()
    _in_flight += 1


def end() -> None:
    global _in_flight, _busy, _last_end
    _in_flight -= 1
    if _in_flight == 0:
        _last_end = time.monotonic()
        _busy += _last_end - _since


def in_flight() -> int:
    return _in_flight


def _busy_seconds(now: float) -> float:
    return _busy + (now - _since if _in_flight > 0 else 0.0)


async def quiet(patience: float) -> None:
    """Return at once when no request has been in flight lately; else once a WINDOW had a
    request in flight less than BUSY_SHARE of the time, or after `patience` seconds."""
    started = time.monotonic()
    if _in_flight == 0 and started - _last_end >= WINDOW:
        return
    deadline = started + patience
    for _ in itertools.count():
        before_at = time.monotonic()
        before = _busy_seconds(before_at)
        await asyncio.sleep(WINDOW)
        now = time.monotonic()
        share = (_busy_seconds(now) - before) / max(now - before_at, WINDOW)
        if share < BUSY_SHARE or now >= deadline:
            return
