"""What a client may send about custom form fields."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from hallway.jsonapi import Attributes, Int32

FormName = Literal["attendee", "session", "speaker"]
FieldType = Literal[
    "text", "checkbox", "select", "file", "image", "email", "number", "paragraph",
    "richtextlink", "boolean", "year", "url", "phone",
]  # fmt: skip
Identifier = Annotated[str, Field(min_length=1, max_length=100)]
Short = Annotated[str | None, Field(max_length=255)]


class CustomFormFields(Attributes):
    field_identifier: Identifier | None = None
    form: FormName | None = None
    type: FieldType | None = None
    name: Short = None
    description: Annotated[str | None, Field(max_length=10_000)] = None
    is_required: bool | None = None
    is_included: bool | None = None
    is_public: bool | None = None
    is_complex: bool | None = None
    is_allow_edit: bool | None = None
    position: Int32 | None = None
    form_id: Short = None
    min: Int32 | None = None
    max: Int32 | None = None
    main_language: Annotated[str | None, Field(max_length=16)] = None
    translations: Annotated[list[dict[str, Any]] | None, Field(max_length=100)] = None


class CustomFormCreate(CustomFormFields):
    field_identifier: Identifier
    form: FormName


class CustomFormUpdate(CustomFormFields):
    """Partial."""


Value = Annotated[str, Field(min_length=1, max_length=255)]
Language = Annotated[str, Field(min_length=1, max_length=16)]


class OptionCreate(Attributes):
    value: Value


class OptionUpdate(Attributes):
    value: Value | None = None


class TranslateCreate(Attributes):
    name: Value
    language_code: Language
    form_id: Short = None


class TranslateUpdate(Attributes):
    name: Value | None = None
    language_code: Language | None = None
    form_id: Short = None
