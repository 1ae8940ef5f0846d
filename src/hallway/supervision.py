"""Processes that die with their parent, and a listening address checked before serving.

A supervisor killed with SIGKILL cannot stop its children: on Linux each child asks the kernel
for a signal when its parent dies (`prctl(PR_SET_PDEATHSIG)`); elsewhere a thread watches the
parent's pid. Either way a killed `hallway run --workers N` or `hallway worker --beat` leaves
no process behind holding the port or scheduling jobs.
"""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1
# The pid of the process whose death ends this one (`hallway run` sets it for its workers).
PARENT_ENV = "HALLWAY_PARENT_PID"
_fork_parent: list[int] = []


def die_with(parent: int, sig: int = signal.SIGTERM) -> None:
    """End this process with `sig` when `parent` (the pid of its parent) dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) != 0:
            _watch_parent(parent, sig)
    else:
        _watch_parent(parent, sig)
    if os.getppid() != parent:  # the parent died before the request was made
        os.kill(os.getpid(), sig)


def _watch_parent(parent: int, sig: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os.kill(os.getpid(), sig)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def die_with_announced_parent() -> None:
    """In a process started by `hallway run --workers N`: die with that supervisor."""
    parent = os.environ.get(PARENT_ENV)
    if parent and parent.isdigit() and int(parent) != os.getpid():
        die_with(int(parent))


def children_die_with_this_process(sig: int = signal.SIGTERM) -> None:
    """Every process forked from this one from now on dies when this one does."""

    def before() -> None:
        _fork_parent[:] = [os.getpid()]

    def in_child() -> None:
        if _fork_parent:
            die_with(_fork_parent[0], sig)

    os.register_at_fork(before=before, after_in_child=in_child)


class AddressInUse(Exception):
    """Another process listens on the address."""


def check_address(host: str, port: int) -> None:
    """Bind and release `host:port` as the server will (with SO_REUSEADDR), so a taken or
    forbidden address is reported before the server says it is serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise AddressInUse(f"{host}:{port} is already in use") from None
            raise AddressInUse(f"cannot listen on {host}:{port}: {exc.strerror}") from None


M_ARENA_MAX = -8  # glibc's mallopt parameter


def limit_malloc_arenas(arenas: int = 2) -> None:
    """At most `arenas` glibc malloc arenas (the default is eight per core): each thread of a
    pool would otherwise grow an arena of its own, held after the thread is done. The
    environment's MALLOC_ARENA_MAX, when set, wins."""
    if not sys.platform.startswith("linux") or os.environ.get("MALLOC_ARENA_MAX"):
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(M_ARENA_MAX, arenas)
    except (OSError, AttributeError):
        return


@contextmanager
def optional_imports_hidden(names: tuple[str, ...]) -> Iterator[None]:
    """Within the block, importing one of `names` (a package not imported yet) fails as if
    it were not installed: for libraries that try-import optional companions this process
    never uses. Afterwards they import as usual."""
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]
