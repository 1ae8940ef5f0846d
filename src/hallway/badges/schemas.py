"""What organizers may send about badge forms and their fields. A field arrives either inside
a form's `badge-fields` (as the client keeps them, underscored keys) or as a
`badge-field-form` of its own; both are checked by the same rules."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from hallway.jsonapi import Attributes, WebAddress
from hallway.program.schemas import Color

Short = Annotated[str | None, Field(default=None, max_length=255)]
Margin = Annotated[int | None, Field(default=None, ge=-500, le=500)]
SIZE = re.compile(r"\(\s*(\d{1,4}(?:\.\d+)?)\s*x\s*(\d{1,4}(?:\.\d+)?)\s*mm\s*\)", re.IGNORECASE)
MAX_FIELDS = 50


def _size(value: str) -> str:
    """`4 x 6 inch (101.6 x 152.4 mm)`: the millimetres in brackets are what is printed."""
    found = SIZE.search(value)
    if found is None or not all(10 <= float(side) <= 1000 for side in found.groups()):
        raise ValueError("must name the size in millimetres, e.g. '4 x 6 inch (101.6 x 152.4 mm)'")
    return value


BadgeSize = Annotated[str, Field(max_length=255), AfterValidator(_size)]
Orientation = Literal["Portrait", "Landscape"]
Alignment = Literal["left", "center", "right", "justify"]


class FontWeight(BaseModel):
    """One style of a field: `{"font_weight": "bold"}`, `{"font_style": "italic"}` or
    `{"text_decoration": "underline"}`."""

    model_config = ConfigDict(extra="ignore")

    name: Short
    font_weight: Literal["bold", "normal"] | None = None
    font_style: Literal["italic", "normal"] | None = None
    text_decoration: Literal["underline", "none"] | None = None


class BadgeField(BaseModel):
    """The style and content of one line of a badge."""

    model_config = ConfigDict(extra="ignore")

    badge_id: Short
    field_identifier: Short
    custom_field: Short
    sample_text: Short
    font_size: int | None = Field(default=None, ge=4, le=200)
    font_name: Short
    font_weight: list[FontWeight] | None = Field(default=None, max_length=3)
    font_color: Color | None = None
    text_alignment: Alignment | None = None
    text_type: Short
    text_rotation: int | None = Field(default=None, ge=-360, le=360)
    margin_top: Margin
    margin_bottom: Margin
    margin_left: Margin
    margin_right: Margin
    qr_custom_field: list[Annotated[str, Field(max_length=255)]] | None = Field(
        default=None, max_length=MAX_FIELDS
    )
    is_deleted: bool | None = None
    is_field_expanded: bool | None = None


class BadgeFormCreate(Attributes):
    badge_id: Annotated[str, Field(min_length=1, max_length=255)]
    badge_size: BadgeSize | None = None
    badge_color: Color | None = None
    badge_image_url: WebAddress = None
    badge_orientation: Orientation | None = None
    badge_fields: list[BadgeField] = Field(default_factory=list, max_length=MAX_FIELDS)


class BadgeFormUpdate(BadgeFormCreate):
    badge_id: Annotated[str, Field(min_length=1, max_length=255)] = None  # type: ignore[assignment]
    badge_fields: Annotated[list[BadgeField], Field(max_length=MAX_FIELDS)] = None  # type: ignore[assignment]


class BadgeFieldFormCreate(Attributes, BadgeField):
    model_config = Attributes.model_config
    badge_id: Annotated[str, Field(min_length=1, max_length=255)]


class BadgeFieldFormUpdate(BadgeFieldFormCreate):
    badge_id: Annotated[str, Field(min_length=1, max_length=255)] = None  # type: ignore[assignment]
