"""Setup hooks for the Settings group: an admin reads and changes the one `setting`.

Two deliberate differences from Open Event, both declared here rather than loosened in the
comparison: secrets are write-only in Hallway (Open Event returns them to admins), so the
expected answer is the documented one without them; and the documented PATCH sends
placeholder values ("example", "development") where Hallway accepts only the real choices."""

from __future__ import annotations

import copy
from typing import Any

from hallway.jsonapi.names import dasherize
from hallway.settings.models import SECRETS
from tests.contract.blueprint import load
from tests.contract.scene import Plan, Scene, hook

WRITE_ONLY = frozenset(dasherize(name) for name in SECRETS)
# Documented placeholders replaced by accepted values of the same attributes.
REAL_CHOICES = {
    "email-service": "smtp",
    "paypal-mode": "sandbox",
    "omise-mode": "test",
    "smtp-encryption": "tls",
}


def _documented_without_secrets(action_id: str) -> Any:
    (transaction,) = [t for t in load(("Settings",)) if t.id == action_id]
    documented = copy.deepcopy(transaction.response.json())
    attributes = documented["data"]["attributes"]
    for name in WRITE_ONLY & set(attributes):
        del attributes[name]
    return documented


@hook("Settings::Show Settings", requires=("setting",))
async def admin_reads_the_settings(scene: Scene) -> Plan:
    return Plan(
        token=(await scene.admin()).token,
        body=_documented_without_secrets("Settings::Show Settings"),
        note="secrets are write-only: never returned, not even to admins",
    )


@hook("Settings::Update Settings", requires=("setting",))
async def admin_changes_the_settings(scene: Scene) -> Plan:
    return Plan(
        token=(await scene.admin()).token,
        ids={"setting": "1"},
        fields=REAL_CHOICES,
        body=_documented_without_secrets("Settings::Update Settings"),
        note="secrets are write-only; the documented placeholder modes are not accepted values",
    )
