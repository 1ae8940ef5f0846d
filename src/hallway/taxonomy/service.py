"""Saving a vocabulary entry: its slug follows its name."""

from __future__ import annotations

from typing import Any

from hallway.jsonapi import Hooks, RequestContext
from hallway.taxonomy.models import slugify


def slugged(model: type[Any]) -> Hooks:
    """The slug follows the name."""

    async def build(ctx: RequestContext, values: dict[str, Any]) -> Any:
        return model(slug=slugify(values["name"]), **values)

    async def apply(ctx: RequestContext, obj: Any, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if value is None:
                continue
            setattr(obj, name, value)
        obj.slug = slugify(obj.name)

    return Hooks(build=build, apply=apply)
