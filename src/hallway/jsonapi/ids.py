"""Ids as clients send them, in URLs and in linkage: a row id is ASCII decimal digits that fit
the primary key's column. Anything else names no row (and may still be an identifier)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger

LARGEST = {False: 2**31 - 1, True: 2**63 - 1}


def row_id(pk: Any, key: str) -> int | None:
    """The integer `key` spells when a row of `pk`'s column could have it; None otherwise.

    `str.isdigit` alone also accepts digits of other scripts and superscripts ("²"), which
    `int` refuses or reads as another number; and a number past the column's range makes the
    driver fail rather than find nothing."""
    if not (key.isascii() and key.isdigit()):
        return None
    value = int(key)
    big = isinstance(getattr(pk.type, "impl", pk.type), BigInteger)
    return value if value <= LARGEST[big] else None
