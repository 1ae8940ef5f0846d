"""Rules a stored custom form field satisfies, and the compulsory fields of a new event."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hallway.errors import Conflict, ValidationFailed
from hallway.forms.models import CustomForm, compulsory_fields
from hallway.jsonapi import RequestContext

FIXED_KEPT = ("field_identifier", "form", "is_required", "is_included", "type")


async def apply_field(ctx: RequestContext, field: CustomForm, values: dict[str, Any]) -> None:
    """A fixed field keeps what makes it one (its identifier, form, kind, and being asked
    and required); the rest of it may change."""
    for name, value in values.items():
        if value is None and name in ("field_identifier", "form"):
            continue
        if field.is_fixed and name in FIXED_KEPT and value != getattr(field, name):
            wire = name.replace("_", "-")
            raise ValidationFailed(
                f"{wire}: a fixed field keeps it", pointer=f"/data/attributes/{wire}"
            )
        setattr(field, name, value)


async def check_field(ctx: RequestContext, field: CustomForm) -> None:
    if field.min is not None and field.max is not None and field.min > field.max:
        raise ValidationFailed("max: must be at least min", pointer="/data/attributes/max")
    if field.deleted_at is not None:
        return
    stmt = select(CustomForm.id).where(
        CustomForm.event_id == field.event_id,
        CustomForm.form == field.form,
        CustomForm.field_identifier == field.field_identifier,
        CustomForm.form_id.is_(None)
        if field.form_id is None
        else CustomForm.form_id == field.form_id,
        CustomForm.deleted_at.is_(None),
    )
    if field.id is not None:
        stmt = stmt.where(CustomForm.id != field.id)
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict(
            "The form already has this field", pointer="/data/attributes/field-identifier"
        )


async def refuse_fixed_deletion(ctx: RequestContext, field: CustomForm) -> None:
    if field.is_fixed:
        raise ValidationFailed("A fixed field cannot be deleted", pointer="/data")


async def add_compulsory_fields(ctx: RequestContext, event: Any) -> None:
    """Runs when an event is created: its attendees' fixed fields."""
    ctx.session.add_all(compulsory_fields(event.id))
