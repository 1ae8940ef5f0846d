"""Which platform fee (`ticket-fees`) an event pays: the fee of its currency and country, else
the fee of its currency with no country, else the global fee (country `global`, no currency),
whose cap is read in the event's currency."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_

from hallway.tickets.models import TicketFee

GLOBAL_FEE = "global"


def fee_for(
    fees: Iterable[TicketFee], currency: str | None, country: str | None
) -> TicketFee | None:
    """The fee of an event paid in `currency` from `country`, among `fees`."""
    if not currency:
        return None
    currency = currency.upper()
    rank: dict[int, TicketFee] = {}
    for fee in fees:
        if fee.currency == currency and fee.country and fee.country == country:
            rank.setdefault(0, fee)
        elif fee.currency == currency and not fee.country:
            rank.setdefault(1, fee)
        elif fee.currency is None and fee.country == GLOBAL_FEE:
            rank.setdefault(2, fee)
    return rank[min(rank)] if rank else None


def may_apply(currency: Any, country: Any) -> ColumnElement[bool]:
    """The fees that may apply to an event paid in `currency` (SQL) from `country` (SQL)."""
    return or_(
        and_(
            TicketFee.currency == func.upper(currency),
            or_(TicketFee.country == country, TicketFee.country.is_(None)),
        ),
        and_(TicketFee.currency.is_(None), TicketFee.country == GLOBAL_FEE),
    )


def preference() -> tuple[Any, ...]:
    """The ORDER BY that puts the fee `fee_for` would choose first, among `may_apply`'s."""
    return (TicketFee.currency.is_(None), TicketFee.country.is_(None), TicketFee.id)
