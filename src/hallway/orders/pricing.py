"""The price of a cart: per ticket line its price, discount, platform fee and tax, and the
totals, in `Decimal`s rounded half up to the currency's minor unit.

- A discount code applies to the lines of the tickets it names: a percentage of the price,
  or an amount off each ticket (never more than the price).
- The platform fee (`ticket-fees` of the event's currency) is a percentage of the price,
  capped per ticket at the fee's maximum, added unless the ticket absorbs it.
- The event's tax (when enabled) is included in the prices or added on top."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hallway.codes.models import DiscountCode
from hallway.tickets.models import Tax, Ticket, TicketFee
from hallway.tickets.money import minor_digits

HUNDRED = Decimal(100)


@dataclass
class Line:
    ticket: Ticket
    quantity: int
    price: Decimal
    discounted: bool = False
    discount_each: Decimal = Decimal(0)
    fee_each: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    full_tax: Decimal = Decimal(0)

    @property
    def discount_total(self) -> Decimal:
        return self.discount_each * self.quantity

    @property
    def sub_total(self) -> Decimal:
        return (self.price - self.discount_each + self.fee_each) * self.quantity


@dataclass
class Price:
    lines: list[Line]
    currency: str | None
    tax: Tax | None = None
    code: DiscountCode | None = None
    tax_amount: Decimal = Decimal(0)
    totals: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return self.totals["total"]

    def discounted_quantity(self) -> int:
        return sum(line.quantity for line in self.lines if line.discounted)


class Rounder:
    def __init__(self, currency: str | None) -> None:
        self.unit = Decimal(1).scaleb(-minor_digits(currency))

    def __call__(self, amount: Decimal) -> Decimal:
        return amount.quantize(self.unit, rounding=ROUND_HALF_UP)


def price_cart(
    lines: list[Line],
    currency: str | None,
    *,
    code: DiscountCode | None,
    code_tickets: frozenset[int],
    fee: TicketFee | None,
    tax: Tax | None,
) -> Price:
    rnd = Rounder(currency)
    for line in lines:
        if code is not None and line.ticket.id in code_tickets and line.price > 0:
            line.discounted = True
            line.discount_each = _discount(code, line.price, rnd)
        if fee is not None and not line.ticket.is_fee_absorbed and line.price > 0:
            cut = rnd(line.price * fee.service_fee / HUNDRED)
            line.fee_each = min(cut, fee.maximum_fee) if fee.maximum_fee else cut
        if tax is not None:
            line.tax = _tax(tax, line.sub_total, rnd)
            line.full_tax = _tax(tax, (line.price + line.fee_each) * line.quantity, rnd)
    sub_total = sum((line.sub_total for line in lines), Decimal(0))
    # The tax is rounded once, on the whole (each line's is shown, rounded on its own).
    tax_amount = Decimal(0) if tax is None else _tax(tax, sub_total, rnd)
    total = sub_total if tax is None or tax.is_tax_included_in_price else sub_total + tax_amount
    discount = sum((line.discount_total for line in lines), Decimal(0))
    price = Price(lines, currency, tax, code, tax_amount)
    price.totals = {"sub_total": sub_total, "total": total, "discount": discount}
    return price


def _discount(code: DiscountCode, price: Decimal, rnd: Rounder) -> Decimal:
    if code.type == "percent":
        return rnd(price * code.value / HUNDRED)
    return min(code.value, price)


def _tax(tax: Tax, amount: Decimal, rnd: Rounder) -> Decimal:
    if tax.is_tax_included_in_price:
        return rnd(amount * tax.rate / (HUNDRED + tax.rate))
    return rnd(amount * tax.rate / HUNDRED)


def _number(amount: Decimal) -> float | int:
    """JSON numbers, as the Open Event server answered them (4745.81, 0)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def as_json(price: Price) -> dict[str, Any]:
    """The `calculate-amount` answer, in the Open Event server's shape."""
    tax = price.tax
    return {
        "tax": None
        if tax is None
        else {
            "included": tax.is_tax_included_in_price,
            "amount": _number(price.tax_amount),
            "percent": _number(tax.rate),
            "name": tax.name,
        },
        "sub_total": _number(price.totals["sub_total"]),
        "total": _number(price.totals["total"]),
        "discount": _number(price.totals["discount"]),
        "tickets": [_line_json(line, price.code) for line in price.lines],
    }


def _line_json(line: Line, code: DiscountCode | None) -> dict[str, Any]:
    discount = None
    if line.discounted and code is not None:
        discount = {
            "code": code.code,
            "type": code.type,
            "percent": _number(code.value) if code.type == "percent" else None,
            "amount": _number(line.discount_each),
            "total": _number(line.discount_total),
        }
    return {
        "id": line.ticket.id,
        "name": line.ticket.name,
        "price": _number(line.price),
        "quantity": line.quantity,
        "discount": discount,
        "ticket_fee": _number(line.fee_each * line.quantity),
        "sub_total": _number(line.sub_total),
        "ticket_tax": _number(line.full_tax),
        "discounted_tax": _number(line.tax),
    }
