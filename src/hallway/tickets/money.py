"""Amounts of money: `Decimal`s in the event's currency, never finer than its minor unit.

The Open Event server stored floats and rounded through them; here an amount with more
decimals than the currency has (0.001 EUR, 1.5 JPY) is refused, with a pointer to it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from hallway.errors import ValidationFailed

# ISO 4217 currencies whose minor unit is not the hundredth.
NO_MINOR_UNIT = frozenset(
    {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI"}
    | {"VND", "VUV", "XAF", "XOF", "XPF"}
)
THOUSANDTHS = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})
LARGEST = Decimal("99999999999")  # what Numeric(14, 3) holds, in whole units

Amount = Annotated[Decimal, Field(ge=0, le=LARGEST, allow_inf_nan=False)]
"""A non-negative amount; its decimals are checked against the currency by `check_amount`."""

Percentage = Annotated[Decimal, Field(ge=0, le=100, decimal_places=4, allow_inf_nan=False)]


def minor_digits(currency: str | None) -> int:
    """How many decimals an amount in `currency` may have (2 when the event names none)."""
    code = (currency or "").upper()
    if code in NO_MINOR_UNIT:
        return 0
    if code in THOUSANDTHS:
        return 3
    return 2


def check_amount(amount: Decimal | int | None, currency: str | None, field: str) -> None:
    """422 when `amount` is finer than the minor unit of `currency` (`field`: the wire name)."""
    if amount is None:
        return
    amount = Decimal(amount)
    digits = minor_digits(currency)
    finer = (
        amount % 1 != 0 if digits == 0 else amount != amount.quantize(Decimal(1).scaleb(-digits))
    )
    if finer:
        unit = "whole units" if digits == 0 else f"{digits} decimals"
        raise ValidationFailed(
            f"{field}: {currency or 'the currency'} amounts have at most {unit}",
            pointer=f"/data/attributes/{field}",
        )
