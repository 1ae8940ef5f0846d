"""`stripe-authorization`: `/v1/stripe-authorizations`, and an event's
(`/v1/events/{id|identifier}/stripe-authorization`)."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Hooks, Resource, ToOne, relate
from hallway.payments import accounts
from hallway.payments.models import StripeAuthorization, authorization_of
from hallway.payments.policy import stripe_authorization_policy
from hallway.payments.schemas import StripeAuthorizationCreate, StripeAuthorizationUpdate


def stripe_authorization_resource() -> Resource:
    return Resource(
        type="stripe-authorization",
        model=StripeAuthorization,
        attributes=("stripe_publishable_key",),
        write_only=("stripe_auth_code",),
        create=StripeAuthorizationCreate,
        update=StripeAuthorizationUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("event",),
        sorts=("id",),
        policy=stripe_authorization_policy,
        hooks=Hooks(
            before_create=accounts.link_account,
            before_update=accounts.relink_account,
            before_delete=accounts.unlink_account,
        ),
    )


def payment_resources() -> list[Resource]:
    return [stripe_authorization_resource()]


def payment_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            stripe_authorization=ToOne(
                "stripe-authorization", key="stripe_authorization_key", orm=authorization_of
            ),
        )
    ]
