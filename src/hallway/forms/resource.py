"""`custom-form`: `/v1/custom-forms`, an event's (`/v1/events/{id|identifier}/custom-forms`),
and the compulsory attendee fields every new event gets; a field's choices
(`custom-form-option`) and names in other languages (`custom-form-translate`), each at
`/v1/<path>` and under their field (`/v1/custom-forms/{id}/custom-form-options`)."""

from __future__ import annotations

from hallway.forms import service
from hallway.forms.models import (
    CustomForm,
    CustomFormOption,
    CustomFormTranslate,
    custom_forms_of,
)
from hallway.forms.policy import custom_form_policy, form_part_policy
from hallway.forms.schemas import (
    CustomFormCreate,
    CustomFormUpdate,
    OptionCreate,
    OptionUpdate,
    TranslateCreate,
    TranslateUpdate,
)
from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne


def custom_form_resource() -> Resource:
    return Resource(
        type="custom-form",
        model=CustomForm,
        soft_delete=True,
        create=CustomFormCreate,
        update=CustomFormUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "custom_form_options": ToMany("custom-form-option"),
            "custom_form_translates": ToMany("custom-form-translate"),
        },
        filters=(
            "form",
            "field_identifier",
            "type",
            "is_required",
            "is_included",
            "is_fixed",
            "is_public",
            "form_id",
            "deleted_at",
            "event",
        ),
        sorts=("id", "position", "field_identifier", "form"),
        policy=custom_form_policy,
        hooks=Hooks(
            apply=service.apply_field,
            before_create=service.check_field,
            before_update=service.check_field,
            before_delete=service.refuse_fixed_deletion,
        ),
    )


def custom_form_option_resource() -> Resource:
    return Resource(
        type="custom-form-option",
        model=CustomFormOption,
        create=OptionCreate,
        update=OptionUpdate,
        relationships={"custom_form": ToOne("custom-form", writable=True, required=True)},
        filters=("value", "custom_form"),
        sorts=("id", "value"),
        policy=form_part_policy,
    )


def custom_form_translate_resource() -> Resource:
    return Resource(
        type="custom-form-translate",
        model=CustomFormTranslate,
        create=TranslateCreate,
        update=TranslateUpdate,
        relationships={"custom_form": ToOne("custom-form", writable=True, required=True)},
        filters=("name", "language_code", "form_id", "custom_form"),
        sorts=("id", "name", "language_code"),
        policy=form_part_policy,
    )


def custom_form_attachments() -> list[Attachment]:
    return [
        Attachment(
            "event",
            relationships={"custom_forms": ToMany("custom-form", orm=custom_forms_of)},
            after_create=service.add_compulsory_fields,
        )
    ]
