"""Who may see and change tickets, ticket tags, taxes and ticket fees.

An event's co-organizers (owner, organizers, co-organizers) and admins write; whoever may
read the event reads its tickets (hidden ones only its co-organizers and admins), its tags
and the public part of its tax. Ticket fees are the platform's: admins write them, signed-in
users read them."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement

from hallway.auth.policy import actor_of, is_admin
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Hidden, Policy, RequestContext, Rule, authenticated
from hallway.roles.policy import COORGANIZERS, event_role, events_run

manages_event = event_role(*COORGANIZERS) | is_admin


@functools.cache
def _shown(model: Any) -> ColumnElement[bool]:
    """One clause object per model: statements built on it are found again by identity."""
    clause: ColumnElement[bool] = model.is_hidden.is_(False)
    return clause


async def _not_hidden(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    return _shown(model)


not_hidden = Rule("not_hidden", scope=_not_hidden)
_reads_ticket = (of_readable_event() & (not_hidden | event_role(*COORGANIZERS))) | is_admin

ticket_policy = Policy(
    list=_reads_ticket,
    view=_reads_ticket,
    create=manages_event,
    update=manages_event,
    delete=manages_event,
    trash=manages_event,
    relationships={"event": manages_event, "ticket_tags": manages_event},
)

_reads_with_event = of_readable_event() | is_admin
ticket_tag_policy = Policy(
    list=_reads_with_event,
    view=_reads_with_event,
    create=manages_event,
    update=manages_event,
    delete=manages_event,
    relationships={"event": manages_event, "tickets": manages_event},
)

tax_policy = Policy(
    list=_reads_with_event,
    view=_reads_with_event,
    create=manages_event,
    update=manages_event,
    delete=manages_event,
    trash=manages_event,
    relationships={"event": manages_event},
)

# What invoices say about the organizer: only for those who manage the event.
TAX_PRIVATE = frozenset(
    {
        "country",
        "tax_id",
        "should_send_invoice",
        "is_invoice_sent",
        "registered_company",
        "contact_name",
        "phone",
        "email",
        "address",
        "city",
        "state",
        "zip",
        "invoice_footer",
    }
)


async def tax_hidden_from(ctx: RequestContext) -> Hidden:
    """Private fields are shown on the taxes of the events the caller co-organizes (every
    tax for admins)."""
    actor = actor_of(ctx)
    if actor is not None and actor.is_staff:
        return Hidden()
    managed = await events_run(ctx)
    if not managed:
        return Hidden(TAX_PRIVATE)
    return Hidden(TAX_PRIVATE, exempt=lambda row: row["event_id"] in managed)


ticket_fee_policy = Policy(
    list=authenticated,
    view=authenticated,
    create=is_admin,
    update=is_admin,
    delete=is_admin,
)
