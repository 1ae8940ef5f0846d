"""Argon2 password hashes, computed off the event loop."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
_hasher = PasswordHasher()
# Checked against when the account does not exist, so both paths cost the same.
_DECOY = _hasher.hash("hallway-decoy-password")


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DECOY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str | None, password: str) -> bool:
    """Constant-time check; a missing account still pays for one verification."""
    return await asyncio.to_thread(_verify, stored, password)
