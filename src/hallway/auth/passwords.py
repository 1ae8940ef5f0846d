"""Argon2id password hashes, computed off the event loop on a pool of their own.

Parameters: 19 MiB of memory, 2 passes, 1 lane (the OWASP minimum for argon2id). Each hash
holds its memory while it runs, so hashes run at most one per core: a burst of logins queues
instead of taking the memory and the CPU of everything else. Hashes made with other
parameters still verify, and are replaced at the next successful login.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="argon2")
# Checked against when the account does not exist, so both paths cost the same.
_DECOY = _hasher.hash("hallway-decoy-password")


async def _run(function: Any, *args: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(_pool, function, *args)


async def hash_password(password: str) -> str:
    return str(await _run(_hasher.hash, password))


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DECOY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str | None, password: str) -> bool:
    """Constant-time check; a missing account still pays for one verification."""
    return bool(await _run(_verify, stored, password))


def needs_rehash(stored: str) -> bool:
    """Whether a hash that just verified was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored)
    except InvalidHashError:
        return True
