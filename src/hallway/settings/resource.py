"""`/v1/settings` (and `/v1/settings/1`): the one `setting` resource the frontend boots from.
What each caller sees is in policy.py; the `is-*-activated` flags are computed from the stored
credentials (gateways.py)."""

from __future__ import annotations

from typing import Any

from hallway.jsonapi import Hooks, Policy, RequestContext, Resource, anyone
from hallway.settings.gateways import ACTIVATED
from hallway.settings.models import ADMIN_ONLY, PUBLIC, SECRETS, SIGNED_IN, SINGLETON_ID, Setting
from hallway.settings.policy import hidden_from, signed_in_admin
from hallway.settings.schemas import SettingUpdate


async def _apply(ctx: RequestContext, setting: Any, values: dict[str, Any]) -> None:
    """Clients cannot read a secret back to resend it, so a null secret keeps the stored one
    (the frontend sends the model back whole); an empty string clears it."""
    for name, value in values.items():
        if name in SECRETS:
            if value is None:
                continue
            value = value or None
        setattr(setting, name, value)


def setting_resource() -> Resource:
    return Resource(
        type="setting",
        model=Setting,
        attributes=(*PUBLIC, *SIGNED_IN, *ADMIN_ONLY),
        write_only=SECRETS,
        computed=ACTIVATED,
        update=SettingUpdate,
        deletable=False,
        singleton=str(SINGLETON_ID),
        hidden=hidden_from,
        policy=Policy(view=anyone, update=signed_in_admin),
        hooks=Hooks(apply=_apply),
    )
