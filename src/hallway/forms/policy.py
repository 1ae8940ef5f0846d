"""Custom forms are read with their event (the order form and the call for speakers read
them) and written by the event's owner, organizers and co-organizers, and by admins. A
field's options and translations are read with their field and written by the same people."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, select

from hallway.auth.policy import actor_of, is_admin
from hallway.events.policy import of_readable_event
from hallway.forms.models import CustomForm
from hallway.jsonapi import Policy, RequestContext, Rule
from hallway.roles.policy import COORGANIZERS, event_role, events_where, grants

_reads = of_readable_event() | is_admin
_manages = event_role(*COORGANIZERS) | is_admin

custom_form_policy = Policy(
    list=_reads,
    view=_reads,
    create=_manages,
    update=_manages,
    delete=_manages,
    trash=_manages,
    relationships={"event": _manages},
)

_readable_form = of_readable_event()


async def _of_readable_form(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    """The part belongs to a live field of an event the caller may read."""
    forms = select(CustomForm.id).where(
        CustomForm.deleted_at.is_(None), await _readable_form.scope(ctx, CustomForm)
    )
    clause: ColumnElement[bool] = model.custom_form_id.in_(forms)
    return clause


def _form_role(*roles: str) -> Rule:
    """The caller holds one of `roles` on the event of the part's field."""

    async def check(ctx: RequestContext, part: Any) -> bool:
        event_id = await ctx.session.scalar(
            select(CustomForm.event_id).where(CustomForm.id == part.custom_form_id)
        )
        held = (await grants(ctx)).get(event_id, frozenset()) if event_id else frozenset()
        return bool(held & set(roles))

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        if actor is None:
            return false()
        forms = select(CustomForm.id).where(CustomForm.event_id.in_(events_where(actor.id, roles)))
        clause: ColumnElement[bool] = model.custom_form_id.in_(forms)
        return clause

    return Rule(f"form_role({', '.join(roles)})", check=check, scope=scope)


_manages_part = _form_role(*COORGANIZERS) | is_admin
_reads_part = Rule("of_readable_form", scope=_of_readable_form) | _manages_part

form_part_policy = Policy(
    list=_reads_part,
    view=_reads_part,
    create=_manages_part,
    update=_manages_part,
    delete=_manages_part,
    relationships={"custom_form": _manages_part},
)
