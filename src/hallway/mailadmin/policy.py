"""Who may use mail administration. The mail log and the message settings are the admins'
alone; e-mail preferences are their user's own (admins may read them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, true

from hallway.auth.policy import actor_of, caller, is_admin, is_self
from hallway.errors import Forbidden, Unauthorized
from hallway.jsonapi import Policy, RequestContext, Rule, nobody


def _refuse_all_but_admins(ctx: RequestContext) -> None:
    actor = actor_of(ctx)
    if actor is None:
        raise Unauthorized("Sign in as an admin")
    if not actor.is_staff:
        raise Forbidden("Only admins may do this")


async def _admin_check(ctx: RequestContext, obj: Any) -> bool:
    _refuse_all_but_admins(ctx)
    return True


async def _admin_scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    _refuse_all_but_admins(ctx)
    return true()


admins_only = Rule("admins_only", check=_admin_check, scope=_admin_scope, kept_by=caller)
"""Anyone else is refused, lists included (401 without a token, 403 with one), rather than
shown an empty list."""

mail_policy = Policy(list=admins_only, view=admins_only)

message_setting_policy = Policy(list=admins_only, view=admins_only, update=admins_only)

own = is_self("user_id")

email_notification_policy = Policy(
    list=own | is_admin,
    view=own | is_admin,
    create=own,
    update=own,
    delete=own,
    relationships={"user": nobody, "event": own},
)
