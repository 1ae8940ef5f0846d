"""What an admin records about an invoice (it is paid, resolved, refunded …)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hallway.jsonapi import Attributes, UtcDatetime

Status = Literal["paid", "due", "refunding", "refunded", "failed", "resolved"]


class EventInvoiceUpdate(Attributes):
    status: Status = None  # type: ignore[assignment]
    completed_at: UtcDatetime | None = None
    paid_via: str | None = Field(default=None, max_length=50)
    payment_mode: str | None = Field(default=None, max_length=50)
    transaction_id: str | None = Field(default=None, max_length=255)
