"""Who may see and change discount and access codes.

An event's codes are its co-organizers' (and admins'); platform discount codes
(`used-for: event`) are admins' only. A marketer named on a code reads it. Anyone who may see
an event may look a live, active code of it up by the code itself (the order form does)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from hallway.auth.policy import is_admin, is_self
from hallway.jsonapi import Policy, RequestContext, Rule
from hallway.roles.policy import COORGANIZERS, event_role


async def _for_tickets(ctx: RequestContext, obj: Any) -> bool:
    return bool(obj.used_for == "ticket")


async def _ticket_rows(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    clause: ColumnElement[bool] = model.used_for == "ticket"
    return clause


ticket_code = Rule("ticket_code", check=_for_tickets, scope=_ticket_rows)
_manages = event_role(*COORGANIZERS) | is_admin
_manages_discount = (ticket_code & event_role(*COORGANIZERS)) | is_admin
_reads = _manages | is_self("marketer_id")
_reads_discount = _manages_discount | is_self("marketer_id")

discount_code_policy = Policy(
    list=_reads_discount,
    view=_reads_discount,
    create=_manages_discount,
    update=_manages_discount,
    delete=_manages_discount,
    trash=_manages_discount,
    relationships={"event": _manages_discount, "tickets": _manages_discount},
)

access_code_policy = Policy(
    list=_reads,
    view=_reads,
    create=_manages,
    update=_manages,
    delete=_manages,
    trash=_manages,
    relationships={"event": _manages, "tickets": _manages},
)
