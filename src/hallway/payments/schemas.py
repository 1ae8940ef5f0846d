"""What an organizer sends to link an event to their Stripe account."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from hallway.jsonapi import Attributes

Code = Annotated[str, Field(min_length=1, max_length=255)]


class StripeAuthorizationCreate(Attributes):
    stripe_auth_code: Code


class StripeAuthorizationUpdate(Attributes):
    """A new code links the event to the account it names instead."""

    stripe_auth_code: Code | None = None
