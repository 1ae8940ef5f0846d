"""The `order` and `attendee` resources, and what they attach to events, users, tickets and
codes: their orders and attendees."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate
from hallway.orders import attendees, lifecycle
from hallway.orders.models import (
    Attendee,
    Order,
    Tag,
    attendees_of,
    orders_of,
    orders_of_ticket,
    tags_of,
    user_orders,
)
from hallway.orders.policy import attendee_policy, order_policy, tag_policy
from hallway.orders.schemas import AttendeeUpdate, OrderUpdate, TagCreate, TagUpdate

ORDER_ATTRIBUTES = (
    "identifier",
    "amount",
    "status",
    "payment_mode",
    "paid_via",
    "transaction_id",
    "brand",
    "exp_month",
    "exp_year",
    "last4",
    "is_billing_enabled",
    "address",
    "city",
    "state",
    "country",
    "zipcode",
    "company",
    "tax_business_info",
    "cancel_note",
    "order_notes",
    "payment_url",
    "tickets_pdf_url",
    "created_at",
    "completed_at",
)


def _discount_code_id(row: Mapping[str, Any]) -> str | None:
    value = row["discount_code_id"]
    return None if value is None else str(value)


def order_resource() -> Resource:
    return Resource(
        type="order",
        model=Order,
        identifier="identifier",
        client_key="identifier",
        attributes=ORDER_ATTRIBUTES,
        computed={"discount_code_id": _discount_code_id},
        update=OrderUpdate,
        deletable=False,
        relationships={
            "event": ToOne("event"),
            "user": ToOne("user"),
            "marketer": ToOne("user"),
            "discount_code": ToOne("discount-code"),
            "access_code": ToOne("access-code"),
            "attendees": ToMany("attendee"),
            "tickets": ToMany("ticket"),
            "event_invoice": ToOne("event-invoice", planned="event-invoice-order"),
        },
        filters=(
            "identifier",
            "status",
            "payment_mode",
            "amount",
            "created_at",
            "completed_at",
            "discount_code_id",
            "event",
            "user",
            "discount_code",
        ),
        sorts=("created_at", "completed_at", "amount", "status", "identifier"),
        policy=order_policy,
        # A change of status checks it against the event's payment modes and forms.
        loads_with=("event",),
        hooks=Hooks(apply=lifecycle.apply_order, before_update=lifecycle.check_order),
    )


def attendee_resource() -> Resource:
    return Resource(
        type="attendee",
        model=Attendee,
        soft_delete=True,
        update=AttendeeUpdate,
        computed={"tag_id": _tag_id, "ticket_id": _ticket_id},
        write_only=("modified_at",),
        relationships={
            "event": ToOne("event"),
            "order": ToOne("order"),
            "ticket": ToOne("ticket"),
            "user": ToOne("user"),
            "tag": ToOne("tag"),
        },
        filters=(
            "firstname",
            "lastname",
            "email",
            "identifier",
            "is_checked_in",
            "is_checked_out",
            "is_registered",
            "checkin_times",
            "created_at",
            "deleted_at",
            "event",
            "order",
            "ticket",
            "user",
        ),
        sorts=("firstname", "lastname", "email", "created_at", "is_checked_in"),
        policy=attendee_policy,
        # Every rule of a change looks at the attendee's order.
        loads_with=("order",),
        hooks=Hooks(
            apply=attendees.apply_attendee,
            before_delete=attendees.before_delete,
        ),
    )


def _tag_id(row: Mapping[str, Any]) -> int | None:
    value = row["tag_id"]
    return None if value is None else int(value)


def _ticket_id(row: Mapping[str, Any]) -> str:
    """`ticket-id`, a string as Open Event documents it."""
    return str(row["ticket_id"])


def tag_resource() -> Resource:
    return Resource(
        type="tag",
        model=Tag,
        create=TagCreate,
        update=TagUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("name", "is_read_only", "event"),
        sorts=("name", "id"),
        policy=tag_policy,
        hooks=Hooks(before_delete=attendees.keep_read_only_tags),
    )


def order_resources() -> list[Resource]:
    return [order_resource(), attendee_resource(), tag_resource()]


def order_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            orders=ToMany("order", orm=orders_of),
            attendees=ToMany("attendee", orm=attendees_of),
            tags=ToMany("tag", orm=tags_of),
        ),
        relate(
            "user",
            orders=ToMany("order", orm=user_orders),
            attendees=ToMany("attendee", orm=attendees_of),
        ),
        relate(
            "ticket",
            attendees=ToMany("attendee", orm=attendees_of),
            orders=ToMany("order", orm=orders_of_ticket),
        ),
        relate("discount-code", orders=ToMany("order", orm=orders_of)),
        relate("access-code", orders=ToMany("order", orm=orders_of)),
    ]
