"""What a client may send about tickets, ticket tags, taxes and ticket fees."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from hallway.jsonapi import Attributes, Html, Int32, UtcDatetime
from hallway.tickets.money import Amount, Percentage

TicketType = Literal[
    "free", "paid", "donation", "freeRegistration", "paidRegistration", "donationRegistration"
]
Name = Annotated[str, Field(min_length=1, max_length=255)]
Count = Annotated[Int32, Field(ge=0)]
Short = Annotated[str | None, Field(max_length=255)]


class TicketFields(Attributes):
    """Every writable attribute, all optional: the update schema (the service checks the
    ticket as a whole after the change)."""

    name: Name | None = None
    type: TicketType | None = None
    description: Html = None
    is_description_visible: bool | None = None
    price: Amount | None = None
    min_price: Amount | None = None
    max_price: Amount | None = None
    quantity: Count | None = None
    position: Int32 | None = None
    is_hidden: bool | None = None
    is_fee_absorbed: bool | None = None
    sales_starts_at: UtcDatetime | None = None
    sales_ends_at: UtcDatetime | None = None
    min_order: Count | None = None
    max_order: Count | None = None
    is_checkin_restricted: bool | None = None
    auto_checkin_enabled: bool | None = None
    form_id: Short = None
    badge_id: Short = None


class TicketCreate(TicketFields):
    name: Name
    type: TicketType
    sales_starts_at: UtcDatetime
    sales_ends_at: UtcDatetime


class TicketUpdate(TicketFields):
    """Partial."""


class TicketTagCreate(Attributes):
    name: Name


class TicketTagUpdate(Attributes):
    name: Name | None = None


class TaxFields(Attributes):
    name: Name | None = None
    rate: Percentage | None = None
    is_tax_included_in_price: bool | None = None
    country: Annotated[str | None, Field(max_length=100)] = None
    tax_id: Short = None
    should_send_invoice: bool | None = None
    is_invoice_sent: bool | None = None
    registered_company: Short = None
    contact_name: Short = None
    phone: Annotated[str | None, Field(max_length=100)] = None
    email: Annotated[str | None, Field(max_length=254)] = None
    address: Annotated[str | None, Field(max_length=500)] = None
    city: Short = None
    state: Short = None
    zip: Annotated[str | None, Field(max_length=50)] = None
    invoice_footer: Html = None


class TaxCreate(TaxFields):
    name: Name
    rate: Percentage


class TaxUpdate(TaxFields):
    """Partial."""


Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class TicketFeeCreate(Attributes):
    """A fee in one currency (of one country, or of none); without a currency, the platform's
    global fee (country `global`), as the admin's ticket fees page sends it."""

    currency: Currency | None = None
    country: Annotated[str | None, Field(max_length=100)] = None
    service_fee: Percentage = Decimal(0)
    maximum_fee: Amount = Decimal(0)


class TicketFeeUpdate(Attributes):
    currency: Currency | None = None
    country: Annotated[str | None, Field(max_length=100)] = None
    service_fee: Percentage | None = None
    maximum_fee: Amount | None = None
