"""How many uploads one server process takes on at once: those being processed by the image
workers plus a bounded queue. A slot is taken before the body is read, so a burst of uploads
neither piles bodies up in the server's memory nor queues images without end: past the
bound it is answered 503 with Retry-After at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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

    @contextmanager
    def slot(self) -> Iterator[None]:
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
