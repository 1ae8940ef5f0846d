"""Changing a page: a required attribute may be changed, not emptied."""

from __future__ import annotations

from typing import Any

from hallway.errors import ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.pages.models import Page

REQUIRED = frozenset({"name", "url", "index"})


async def apply_changes(ctx: RequestContext, page: Page, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if value is None and name in REQUIRED:
            raise ValidationFailed(f"{name} cannot be empty", pointer=f"/data/attributes/{name}")
        setattr(page, name, value)
