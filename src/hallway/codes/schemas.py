"""What a client may send about discount codes and access codes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from hallway.jsonapi import Attributes, Int32, UtcDatetime, WebAddress
from hallway.tickets.money import Amount

Code = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\s/?#%]+$")]
Count = Annotated[Int32, Field(ge=0)]


class CodeFields(Attributes):
    """What discount and access codes share; all optional (the update schemas)."""

    code: Code | None = None
    is_active: bool | None = None
    tickets_number: Count | None = None
    min_quantity: Count | None = None
    max_quantity: Count | None = None
    valid_from: UtcDatetime | None = None
    valid_till: UtcDatetime | None = None


class DiscountCodeUpdate(CodeFields):
    type: Literal["amount", "percent"] | None = None
    value: Amount | None = None
    used_for: Literal["ticket", "event"] | None = None
    discount_url: WebAddress = None


class DiscountCodeCreate(DiscountCodeUpdate):
    code: Code
    type: Literal["amount", "percent"]
    value: Amount
    used_for: Literal["ticket", "event"] = "ticket"


class AccessCodeUpdate(CodeFields):
    access_url: WebAddress = None


class AccessCodeCreate(AccessCodeUpdate):
    code: Code
