"""Linking an event to its organizer's Stripe account: the OAuth code the Stripe Connect
page gave them is exchanged for the connected account, once per event."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.errors import Conflict
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.orders.lifecycle import settings_of
from hallway.payments import gateway
from hallway.payments.models import StripeAuthorization


async def link_account(ctx: RequestContext, link: StripeAuthorization) -> None:
    taken = await ctx.session.scalar(
        select(StripeAuthorization.id).where(StripeAuthorization.event_id == link.event_id)
    )
    if taken is not None:
        raise Conflict("The event is linked to a Stripe account already", pointer="/data")
    await _exchange(ctx, link)


async def relink_account(ctx: RequestContext, link: StripeAuthorization) -> None:
    """A PATCH with a new code (runs once the change is authorized)."""
    if link.stripe_auth_code:
        await _exchange(ctx, link)


async def _exchange(ctx: RequestContext, link: StripeAuthorization) -> None:
    code = link.stripe_auth_code or ""
    account = await gateway.connect_account(settings_of(ctx), code)
    if not account["stripe_user_id"]:
        raise gateway.GatewayFailed("Stripe answered no account for this code")
    link.stripe_auth_code = None
    link.stripe_user_id = account["stripe_user_id"]
    link.stripe_publishable_key = account["stripe_publishable_key"] or None
    event = await ctx.session.get(Event, link.event_id)
    assert event is not None
    event.is_stripe_linked = True


async def unlink_account(ctx: RequestContext, link: StripeAuthorization) -> None:
    event = await ctx.session.get(Event, link.event_id)
    if event is not None:
        event.is_stripe_linked = False


async def account_of(session: AsyncSession, event_id: int) -> str | None:
    """The event's connected account id, if it is linked."""
    found = await session.scalar(
        select(StripeAuthorization.stripe_user_id).where(StripeAuthorization.event_id == event_id)
    )
    return None if found is None else str(found)
