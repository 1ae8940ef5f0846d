"""Stripe through its official library: one client per call, built from the settings (never
the library's process-wide key), so two events' accounts never mix."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hallway.config import Settings
from hallway.errors import HallwayError, ValidationFailed
from hallway.tickets.money import minor_digits

if TYPE_CHECKING:  # the library (about 4 MB) is imported when a payment is first made
    import stripe
    from stripe._base_address import BaseAddresses

log = logging.getLogger("hallway.payments")
# The library logs request and response bodies at DEBUG: the OAuth exchange's carry the
# platform's secret key and the connected account's tokens. Never below INFO, whatever the
# application's log level.
logging.getLogger("stripe").setLevel(logging.INFO)
TIMEOUT_SECONDS = 30.0
SIGNATURE_TOLERANCE_SECONDS = 300


class PaymentsOff(HallwayError):
    status = 422
    title = "Payments are not set up"


class GatewayFailed(HallwayError):
    status = 502
    title = "The payment gateway did not answer as expected"


def _client(settings: Settings, *, sync: bool = False) -> stripe.StripeClient:
    import stripe

    if not settings.stripe_secret_key:
        raise PaymentsOff("Stripe payments are not set up on this server")
    bases: BaseAddresses = {}
    if settings.stripe_api_base:
        bases["api"] = settings.stripe_api_base
    if settings.stripe_connect_base:
        bases["connect"] = settings.stripe_connect_base
    return stripe.StripeClient(
        settings.stripe_secret_key,
        base_addresses=bases,
        max_network_retries=1,
        http_client=stripe.HTTPXClient(timeout=TIMEOUT_SECONDS, allow_sync_methods=sync),
    )


def minor_units(amount: Decimal, currency: str) -> int:
    """What Stripe counts: cents for EUR, whole yen for JPY, thousandths for KWD."""
    return int((amount * (10 ** minor_digits(currency))).to_integral_value())


def _failed(exc: stripe.StripeError, doing: str) -> HallwayError:
    import stripe

    # The library's message names no secret; the key itself is never logged.
    log.warning("stripe: %s failed: %s", doing, type(exc).__name__)
    if isinstance(exc, stripe.InvalidRequestError | stripe.CardError):
        return ValidationFailed(f"Stripe refused to {doing}: {exc.user_message or 'invalid'}")
    return GatewayFailed(f"Stripe could not {doing} now; try again")


async def connect_account(settings: Settings, code: str) -> dict[str, str]:
    """Exchange an OAuth authorization code for the organizer's connected account."""
    import stripe

    client = _client(settings, sync=True)
    try:
        token = await asyncio.to_thread(
            client.oauth.token, {"grant_type": "authorization_code", "code": code}
        )
    except stripe.oauth_error.OAuthError as exc:
        log.warning("stripe: connecting an account failed: %s", type(exc).__name__)
        raise ValidationFailed(
            "stripe-auth-code: Stripe refused this code",
            pointer="/data/attributes/stripe-auth-code",
        ) from None
    except stripe.StripeError as exc:
        raise _failed(exc, "connect the account") from None
    found = token.to_dict()
    return {
        "stripe_user_id": str(found.get("stripe_user_id") or ""),
        "stripe_publishable_key": str(found.get("stripe_publishable_key") or ""),
    }


async def create_intent(
    settings: Settings, *, account: str, amount: int, currency: str, order: str, key: str
) -> dict[str, Any]:
    import stripe

    client = _client(settings)
    params: dict[str, Any] = {
        "amount": amount,
        "currency": currency.lower(),
        "automatic_payment_methods": {"enabled": True},
        "metadata": {"order_identifier": order},
    }
    try:
        intent = await client.v1.payment_intents.create_async(
            params,  # type: ignore[arg-type]
            {"stripe_account": account, "idempotency_key": key},
        )
    except stripe.StripeError as exc:
        raise _failed(exc, "start the payment") from None
    return intent.to_dict()


async def retrieve_intent(settings: Settings, *, account: str, intent: str) -> dict[str, Any]:
    import stripe

    client = _client(settings)
    try:
        found = await client.v1.payment_intents.retrieve_async(
            intent, {"expand": ["latest_charge"]}, {"stripe_account": account}
        )
    except stripe.StripeError as exc:
        raise _failed(exc, "look the payment up") from None
    return found.to_dict()


async def create_refund(
    settings: Settings, *, account: str, intent: str, amount: int, order: str, key: str
) -> dict[str, Any]:
    """Give back `amount` (minor units) of the PaymentIntent; `key` makes a retry answer the
    first refund instead of refunding twice."""
    import stripe

    client = _client(settings)
    params: dict[str, Any] = {
        "payment_intent": intent,
        "amount": amount,
        "metadata": {"order_identifier": order},
    }
    try:
        refund = await client.v1.refunds.create_async(
            params,  # type: ignore[arg-type]
            {"stripe_account": account, "idempotency_key": key},
        )
    except stripe.StripeError as exc:
        raise _failed(exc, "refund the payment") from None
    return refund.to_dict()


def verified_event(settings: Settings, payload: bytes, signature: str | None) -> bool:
    """Whether `payload` carries a valid `Stripe-Signature` made with the webhook secret."""
    import stripe

    secret = settings.stripe_webhook_secret
    if not secret or not signature:
        return False
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), signature, secret, SIGNATURE_TOLERANCE_SECONDS
        )
    except (stripe.SignatureVerificationError, UnicodeDecodeError):
        return False
    return True
