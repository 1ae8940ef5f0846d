"""The worker process: it receives an image and a budget, answers the processed image or the
error it was refused with, and exits after a number of tasks (or when the server closes its
end), giving back whatever memory decoding left behind. It imports Pillow and this package
only, never the application, so that it starts small and fast. It talks to the server over a
socket inherited from it (see `messages.py`)."""

from __future__ import annotations

import logging
import resource
import sys
import warnings
from multiprocessing.connection import Connection

from hallway.errors import HallwayError
from hallway.images.budget import ImageBudget
from hallway.images.messages import (
    READY,
    Failure,
    Outcome,
    receive_task,
    send_outcome,
)
from hallway.images.process import process_image

log = logging.getLogger("hallway.images")


def main() -> None:
    """`python -m hallway.images <socket fd> <tasks> <memory limit in bytes>`."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    fd, tasks, memory_bytes = (int(argument) for argument in sys.argv[1:4])
    serve(Connection(fd), tasks, memory_bytes)


def serve(conn: Connection, tasks: int, memory_bytes: int) -> None:
    """Answer up to `tasks` requests on `conn`, then exit."""
    _limit_memory(memory_bytes)
    _configure_pillow()
    conn.send_bytes(READY)  # Pillow is loaded: the server's timeout counts image work only
    for _ in range(tasks):
        try:
            data, budget = receive_task(conn)
        except (EOFError, OSError):
            return  # the server closed its end: the pool is shutting down
        outcome = run(data, budget)
        del data
        try:
            send_outcome(conn, outcome)
        except OSError:
            return  # the server went away (or killed this task's caller) meanwhile
        del outcome


def run(data: bytes, budget: ImageBudget) -> Outcome:
    from PIL import Image

    # Pillow's own guard, for sizes that change while decoding (a GIF frame overflowing
    # its screen): a warning above the budget, made an error below by _configure_pillow.
    Image.MAX_IMAGE_PIXELS = budget.max_pixels
    try:
        return process_image(data, budget)
    except HallwayError as exc:
        return exc
    except Exception as exc:  # a bug, reported to the server rather than killing the worker
        log.exception("image processing failed")
        return Failure(f"{type(exc).__name__}: {exc}")


def _configure_pillow() -> None:
    from PIL import GifImagePlugin, Image, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

    del GifImagePlugin, JpegImagePlugin, PngImagePlugin, WebPImagePlugin  # registered now
    warnings.simplefilter("error", Image.DecompressionBombWarning)


def _limit_memory(memory_bytes: int) -> None:
    """Cap the address space, so that an image the budget let through by mistake fails
    with a MemoryError in this process instead of exhausting the machine's memory."""
    if memory_bytes <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory_bytes = min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))
