"""How many uploads one server process takes on at once: those being processed by the image
workers plus a bounded queue. A slot is taken before the body is read, so a burst of uploads
neither piles bodies up in the server's memory nor queues images without end: past the
bound it is answered 503 with Retry-After at once.

When the last upload in progress ends, the memory its buffers used is handed back to the
system: the C allocator otherwise keeps freed buffers of a few MB for reuse, and a burst of
large uploads would leave the server tens of MB larger for good."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import functools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from hallway.errors import HallwayError

RETRY_AFTER_SECONDS = 5
"""About what a full queue of large photos takes to drain (1 s each, a worker per core)."""


class UploadsBusy(HallwayError):
    status = 503
    title = "Uploads busy"


class UploadSlots:
    """A counter, touched only from the event loop (no lock needed)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self.taken = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """One slot for the duration of the block, or UploadsBusy (503) when all are taken."""
        if self.taken >= self.capacity:
            raise UploadsBusy(
                "The server is processing as many uploads as it can; try again shortly",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        self.taken += 1
        try:
            yield
        finally:
            self.taken -= 1
            if self.taken == 0:
                await asyncio.to_thread(give_memory_back)


def give_memory_back() -> None:
    """Return the allocator's free memory to the system (glibc's malloc_trim; elsewhere
    nothing). It walks the heaps: a few ms, once a burst of uploads is over."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc
        return None
