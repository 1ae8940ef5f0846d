"""Whether each payment gateway is usable: its credentials for the current mode are all set.
Computed from the stored row (secrets included), never stored themselves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Row = Mapping[str, Any]


def _set(row: Row, *names: str) -> bool:
    return all(row[name] for name in names)


def paypal_activated(row: Row) -> bool:
    if row["paypal_mode"] == "sandbox":
        return _set(row, "paypal_sandbox_client", "paypal_sandbox_secret")
    return _set(row, "paypal_client", "paypal_secret")


def stripe_activated(row: Row) -> bool:
    return _set(row, "stripe_client_id", "stripe_publishable_key", "stripe_secret_key")


def omise_activated(row: Row) -> bool:
    if row["omise_mode"] == "live":
        return _set(row, "omise_live_public", "omise_live_secret")
    return _set(row, "omise_test_public", "omise_test_secret")


def alipay_activated(row: Row) -> bool:
    return _set(row, "alipay_publishable_key", "alipay_secret_key")


def paytm_activated(row: Row) -> bool:
    if row["paytm_mode"] == "live":
        return _set(row, "paytm_live_merchant", "paytm_live_secret")
    return _set(row, "paytm_sandbox_merchant", "paytm_sandbox_secret")


ACTIVATED: dict[str, Callable[[Row], bool]] = {
    "is_paypal_activated": paypal_activated,
    "is_stripe_activated": stripe_activated,
    "is_omise_activated": omise_activated,
    "is_alipay_activated": alipay_activated,
    "is_paytm_activated": paytm_activated,
}
"""The computed `is-*-activated` attributes, by python name."""
