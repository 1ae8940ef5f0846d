"""Badge forms belong to the event's staff: its owner, organizers, co-organizers and
registrars (and admins) read them and print badges; the owner, organizers and co-organizers
design them. Anyone else (anonymous, a plain user, another event's organizer) sees nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false

from hallway.auth.policy import actor_of, is_admin
from hallway.badges.models import BadgeForm
from hallway.jsonapi import Policy, RequestContext, Rule
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.roles.policy import COORGANIZERS, event_role, events_where

staff = event_role(*STAFF_ROLES) | is_admin
manages = event_role(*COORGANIZERS) | is_admin


def _of_form(*roles: str) -> Rule:
    """The caller holds one of `roles` on the event of the field's form (the field's own
    `event_id` is filled in from the form only after the check)."""

    async def check(ctx: RequestContext, obj: Any) -> bool:
        form = await ctx.session.get(BadgeForm, obj.badge_form_id) if obj.badge_form_id else None
        return form is not None and await holds(ctx, form.event_id, roles)

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        if actor is None:
            return false()
        clause: ColumnElement[bool] = model.event_id.in_(events_where(actor.id, roles))
        return clause

    return Rule(f"of_form({', '.join(roles)})", check=check, scope=scope)


manages_form = _of_form(*COORGANIZERS) | is_admin

badge_form_policy = Policy(
    list=staff,
    view=staff,
    create=manages,
    update=manages,
    delete=manages,
    relationships={"event": manages},
)
badge_field_form_policy = Policy(
    list=staff,
    view=staff,
    create=manages_form,
    update=manages_form,
    delete=manages_form,
    relationships={"badge_form": manages_form},
)
