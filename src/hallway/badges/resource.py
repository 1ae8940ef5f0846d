"""`badge-form` (`/v1/badge-forms`, under events) and `badge-field-form`
(`/v1/badge-field-forms`, under badge forms); the event's `badge-forms`."""

from __future__ import annotations

from typing import Any

from hallway.badges.models import BadgeFieldForm, BadgeForm, badge_field_forms_of, badge_forms_of
from hallway.badges.policy import badge_field_form_policy, badge_form_policy
from hallway.badges.schemas import (
    BadgeFieldFormCreate,
    BadgeFieldFormUpdate,
    BadgeFormCreate,
    BadgeFormUpdate,
)
from hallway.jsonapi import Attachment, Hooks, RequestContext, Resource, ToMany, ToOne, relate

FIELD_ATTRIBUTES = tuple(name for name in BadgeFieldFormCreate.model_fields)


async def _event_of_form(ctx: RequestContext, field: Any) -> None:
    """A field belongs to its form's event (kept in step when it moves to another form)."""
    form = await ctx.session.get(BadgeForm, field.badge_form_id)
    if form is not None:
        field.event_id = form.event_id


def badge_form_resource() -> Resource:
    return Resource(
        type="badge-form",
        model=BadgeForm,
        attributes=(
            "badge_id",
            "badge_size",
            "badge_color",
            "badge_image_url",
            "badge_orientation",
            "badge_fields",
        ),
        create=BadgeFormCreate,
        update=BadgeFormUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("badge_id", "badge_size", "badge_orientation", "event"),
        sorts=("badge_id", "id"),
        policy=badge_form_policy,
    )


def badge_field_form_resource() -> Resource:
    return Resource(
        type="badge-field-form",
        model=BadgeFieldForm,
        attributes=FIELD_ATTRIBUTES,
        create=BadgeFieldFormCreate,
        update=BadgeFieldFormUpdate,
        relationships={"badge_form": ToOne("badge-form", writable=True, required=True)},
        filters=("badge_id", "field_identifier", "custom_field", "is_deleted", "badge_form"),
        sorts=("id",),
        policy=badge_field_form_policy,
        hooks=Hooks(before_create=_event_of_form, before_update=_event_of_form),
    )


def badge_resources() -> list[Resource]:
    return [badge_form_resource(), badge_field_form_resource()]


def badge_attachments() -> list[Attachment]:
    return [
        relate("event", badge_forms=ToMany("badge-form", orm=badge_forms_of)),
        relate(
            "badge-form",
            badge_field_forms=ToMany("badge-field-form", orm=badge_field_forms_of),
        ),
    ]
