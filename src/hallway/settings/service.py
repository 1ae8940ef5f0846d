"""Changing the settings."""

from __future__ import annotations

from typing import Any

from hallway.jsonapi import RequestContext
from hallway.settings.models import SECRETS


async def apply_changes(ctx: RequestContext, setting: Any, values: dict[str, Any]) -> None:
    """Clients cannot read a secret back to resend it, so a null secret keeps the stored one
    (the frontend sends the model back whole); an empty string clears it."""
    for name, value in values.items():
        if name in SECRETS:
            if value is None:
                continue
            value = value or None
        setattr(setting, name, value)
