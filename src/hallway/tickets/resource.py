"""The `ticket`, `ticket-tag`, `tax` and `ticket-fee` resources, and what they attach to the
event: its `tickets`, `ticket-tags` and `tax`."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate
from hallway.tickets import service
from hallway.tickets.models import (
    Tax,
    Ticket,
    TicketFee,
    TicketTag,
    tax_of,
    ticket_tags_of,
    tickets_of,
)
from hallway.tickets.policy import (
    tax_hidden_from,
    tax_policy,
    ticket_fee_policy,
    ticket_policy,
    ticket_tag_policy,
)
from hallway.tickets.schemas import (
    TaxCreate,
    TaxUpdate,
    TicketCreate,
    TicketFeeCreate,
    TicketFeeUpdate,
    TicketTagCreate,
    TicketTagUpdate,
    TicketUpdate,
)


def ticket_resource() -> Resource:
    return Resource(
        type="ticket",
        model=Ticket,
        soft_delete=True,
        create=TicketCreate,
        update=TicketUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "ticket_tags": ToMany("ticket-tag", writable=True),
        },
        write_only=("reserved",),
        filters=(
            "name",
            "type",
            "price",
            "quantity",
            "position",
            "is_hidden",
            "is_fee_absorbed",
            "sales_starts_at",
            "sales_ends_at",
            "deleted_at",
            "event",
            "ticket_tags",
        ),
        sorts=("position", "name", "price", "type", "quantity", "sales_starts_at", "sales_ends_at"),
        policy=ticket_policy,
        hooks=Hooks(
            build=service.build_ticket,
            apply=service.apply_ticket,
            before_create=service.check_stored_ticket,
            before_update=service.check_stored_ticket,
        ),
    )


def ticket_tag_resource() -> Resource:
    return Resource(
        type="ticket-tag",
        model=TicketTag,
        create=TicketTagCreate,
        update=TicketTagUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "tickets": ToMany("ticket", writable=True),
        },
        filters=("name", "event", "tickets"),
        sorts=("name",),
        policy=ticket_tag_policy,
        hooks=Hooks(
            build=service.build_tag,
            apply=service.apply_tag,
            before_create=service.check_tag,
            before_update=service.check_tag,
        ),
    )


def tax_resource() -> Resource:
    return Resource(
        type="tax",
        model=Tax,
        path="taxes",
        soft_delete=True,
        create=TaxCreate,
        update=TaxUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("name", "rate", "is_tax_included_in_price", "event"),
        sorts=("name", "rate"),
        policy=tax_policy,
        hidden=tax_hidden_from,
        hooks=Hooks(
            build=service.build_tax,
            apply=service.apply_tax,
            before_create=service.check_tax,
            before_update=service.check_tax,
        ),
    )


def ticket_fee_resource() -> Resource:
    return Resource(
        type="ticket-fee",
        model=TicketFee,
        create=TicketFeeCreate,
        update=TicketFeeUpdate,
        filters=("currency", "country"),
        sorts=("currency", "country", "service_fee", "maximum_fee"),
        policy=ticket_fee_policy,
        hooks=Hooks(
            build=service.build_fee,
            apply=service.apply_fee,
            before_create=service.check_fee,
            before_update=service.check_fee,
        ),
    )


def ticket_resources() -> list[Resource]:
    return [ticket_resource(), ticket_tag_resource(), tax_resource(), ticket_fee_resource()]


def ticket_attachments() -> list[Attachment]:
    """The event's tickets, ticket tags and tax (linked in every answer by its key)."""
    return [
        relate(
            "event",
            tickets=ToMany("ticket", orm=tickets_of),
            ticket_tags=ToMany("ticket-tag", orm=ticket_tags_of),
            tax=ToOne("tax", key="tax_key", orm=tax_of),
        )
    ]
