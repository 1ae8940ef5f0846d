"""`event-invoice`: `/v1/event-invoices`, by id or identifier, and under events and users."""

from __future__ import annotations

from hallway.invoices.models import EventInvoice, invoices_of
from hallway.invoices.policy import invoice_policy
from hallway.invoices.schemas import EventInvoiceUpdate
from hallway.invoices.service import apply_invoice
from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate

# Open Event links an invoice to the order that paid it; invoices here are paid outside
# orders, so that link stays empty on both sides.
PAID_BY_ORDER = "event-invoice-order"


def event_invoice_resource() -> Resource:
    return Resource(
        type="event-invoice",
        model=EventInvoice,
        identifier="identifier",
        attributes=(
            "identifier",
            "amount",
            "status",
            "issued_at",
            "due_at",
            "completed_at",
            "paid_via",
            "payment_mode",
            "transaction_id",
            "brand",
            "last4",
            "exp_month",
            "exp_year",
            "stripe_token",
            "paypal_token",
            "invoice_pdf_url",
            "created_at",
        ),
        update=EventInvoiceUpdate,
        deletable=False,
        relationships={
            "event": ToOne("event"),
            "user": ToOne("user"),
            "discount_code": ToOne("discount-code"),
            "order": ToOne("order", planned=PAID_BY_ORDER),
        },
        filters=(
            "identifier",
            "status",
            "amount",
            "issued_at",
            "due_at",
            "created_at",
            "event",
            "user",
        ),
        sorts=("created_at", "issued_at", "due_at", "amount", "status", "identifier"),
        policy=invoice_policy,
        hooks=Hooks(apply=apply_invoice),
    )


def invoice_attachments() -> list[Attachment]:
    return [
        relate("event", event_invoices=ToMany("event-invoice", orm=invoices_of)),
        relate("user", event_invoices=ToMany("event-invoice", orm=invoices_of)),
    ]
