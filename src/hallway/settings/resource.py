"""`/v1/settings` (and `/v1/settings/1`): the one `setting` resource the frontend boots from.
What each caller sees is in policy.py; the `is-*-activated` flags are computed from the stored
credentials (gateways.py); how an update treats the secrets is in service.py."""

from __future__ import annotations

from hallway.jsonapi import Hooks, Resource
from hallway.settings import service
from hallway.settings.gateways import ACTIVATED
from hallway.settings.models import ADMIN_ONLY, PUBLIC, SECRETS, SIGNED_IN, SINGLETON_ID, Setting
from hallway.settings.policy import hidden_from, setting_policy
from hallway.settings.schemas import SettingUpdate


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
        policy=setting_policy,
        hooks=Hooks(apply=service.apply_changes),
    )
