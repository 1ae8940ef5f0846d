"""A bounded pool of worker processes that decode and re-encode images, so that the server
never holds decoded pixels and a burst of uploads cannot grow it.

- At most one worker per core (`PoolOptions.workers`, 0 = one per core), each driven by one
  thread of the pool's own thread pool; images beyond that wait in the thread pool's queue,
  which the caller bounds (see `hallway.uploads.slots`).
- Workers are fresh interpreters (`python -m hallway.images`), not forks of the server:
  they share none of its memory, import Pillow and this package only (about 0.2 s and
  30 MB to start) and exchange JSON headers and bytes with it, never pickles. They are
  started lazily, on the first image.
- A worker exits after `tasks_per_worker` images, giving its memory back; one that takes
  longer than `timeout` seconds is killed.
- One pool per process and options (`image_pool`), shared by every app of the process and
  closed by the app's lifespan (`close_image_pools`) or, failing that, at exit.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection

from hallway.errors import HallwayError, ServerError
from hallway.images.budget import ImageBudget
from hallway.images.errors import ImageWorkerFailed
from hallway.images.messages import READY, Failure, Outcome, receive_outcome, send_task
from hallway.images.process import ProcessedImage

log = logging.getLogger("hallway.images")
STARTUP_SECONDS = 30.0


@dataclass(frozen=True)
class PoolOptions:
    workers: int = 0
    """Worker processes; 0 = one per core. Never more than the cores this process may use."""
    tasks_per_worker: int = 20
    """Images a worker processes before it exits and a fresh one takes its place."""
    timeout: float = 30.0
    """Seconds one image may take before its worker is killed (answered 503)."""
    memory_mb: int = 1024
    """Address-space limit of a worker (0 = none). The largest image within the default
    budget (30 MP with an alpha channel) peaks at about 420 MB of address space."""


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(configured: int) -> int:
    cores = usable_cores()
    return cores if configured <= 0 else min(configured, cores)


class _Worker:
    """One worker process (a fresh interpreter running `hallway.images.worker`) and the
    server's end of the socket pair it is driven through."""

    def __init__(self, options: PoolOptions) -> None:
        self.tasks_left = options.tasks_per_worker
        ours, theirs = socket.socketpair()
        memory = options.memory_mb * 1024 * 1024
        command = [sys.executable, "-m", "hallway.images", str(theirs.fileno())]
        command += [str(options.tasks_per_worker), str(memory)]
        try:
            self.process = subprocess.Popen(  # noqa: S603 - our interpreter and module
                command, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL
            )
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        try:
            if self.conn.poll(STARTUP_SECONDS) and self.conn.recv_bytes(16) == READY:
                return
        except (EOFError, OSError):
            pass
        self.kill()
        log.error("an image worker did not start (exit code %s)", self.process.returncode)
        raise ImageWorkerFailed("The image worker could not start; try again later")

    def call(self, data: bytes, budget: ImageBudget, timeout: float) -> Outcome:
        self.tasks_left -= 1
        try:
            send_task(self.conn, data, budget)
            if not self.conn.poll(timeout):
                self.kill()
                log.warning("an image worker took over %g s and was stopped", timeout)
                raise ImageWorkerFailed(f"The image could not be processed within {timeout:g} s")
            return receive_outcome(self.conn)
        except (EOFError, OSError) as exc:
            self.kill()
            log.warning("an image worker died (exit code %s)", self.process.returncode)
            raise ImageWorkerFailed("The image worker stopped; try again later") from exc

    @property
    def usable(self) -> bool:
        return self.tasks_left > 0 and self.process.poll() is None

    def stop(self) -> None:
        """Close the socket (an idle worker then exits) and wait for the process to end."""
        self.conn.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.wait()


class ImagePool:
    def __init__(self, options: PoolOptions) -> None:
        self.options = options
        self.size = worker_count(options.workers)
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="hallway-image")
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self.closed = False

    async def process(self, data: bytes, budget: ImageBudget) -> ProcessedImage:
        """The processed image, or the 4xx error the worker refused it with."""
        outcome = await asyncio.wrap_future(self._threads.submit(self._run, data, budget))
        if isinstance(outcome, Failure):
            log.error("image processing failed in a worker: %s", outcome.description)
            raise ServerError("The image could not be processed")
        if isinstance(outcome, HallwayError):
            raise outcome
        return outcome

    def _run(self, data: bytes, budget: ImageBudget) -> Outcome:
        worker = self._checkout()
        try:
            return worker.call(data, budget, self.options.timeout)
        finally:
            self._checkin(worker)

    def _checkout(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.usable:
                    return worker
                worker.stop()
        return _Worker(self.options)

    def _checkin(self, worker: _Worker) -> None:
        with self._lock:
            if worker.usable and not self.closed:
                self._idle.append(worker)
                return
        worker.stop()  # it has served its tasks (and is exiting), died or the pool closed

    def close(self) -> None:
        """Stop the idle workers now; busy ones stop when their image is done."""
        with self._lock:
            self.closed = True
            idle, self._idle = self._idle, []
        self._threads.shutdown(wait=False, cancel_futures=True)
        for worker in idle:
            worker.stop()


_pools: dict[PoolOptions, ImagePool] = {}
_pools_lock = threading.Lock()


def image_pool(options: PoolOptions) -> ImagePool:
    """The process's pool for `options`, made on first use (again after `close_image_pools`)."""
    with _pools_lock:
        pool = _pools.get(options)
        if pool is None or pool.closed:
            pool = _pools[options] = ImagePool(options)
        return pool


def close_image_pools() -> None:
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


atexit.register(close_image_pools)
