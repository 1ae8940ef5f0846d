"""A custom form field of an event: which form it belongs to (attendee, session, speaker),
its kind, and whether it is asked (`is-included`) and must be answered (`is-required`).
Fixed fields (`is-fixed`) are the ones every event has; complex ones (`is-complex`) are
answered in `complex-field-values` rather than in a column of their own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event


class CustomForm(Base):
    __tablename__ = "custom_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    field_identifier: Mapped[str] = mapped_column(String(100))
    form: Mapped[str] = mapped_column(String(16), index=True)
    type: Mapped[str] = mapped_column(String(32), default="text")
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    is_required: Mapped[bool] = mapped_column(Boolean, default=False)
    is_included: Mapped[bool] = mapped_column(Boolean, default=False)
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    is_fixed: Mapped[bool] = mapped_column(Boolean, default=False)
    is_complex: Mapped[bool] = mapped_column(Boolean, default=False)
    is_allow_edit: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    form_id: Mapped[str | None] = mapped_column(String(255))
    min: Mapped[int | None] = mapped_column(Integer)
    max: Mapped[int | None] = mapped_column(Integer)
    main_language: Mapped[str | None] = mapped_column(String(16))
    translations: Mapped[list[Any] | None] = mapped_column(JSON)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()
    custom_form_options: Mapped[list[CustomFormOption]] = relationship(
        back_populates="custom_form", order_by="CustomFormOption.id", passive_deletes=True
    )
    custom_form_translates: Mapped[list[CustomFormTranslate]] = relationship(
        back_populates="custom_form", order_by="CustomFormTranslate.id", passive_deletes=True
    )


class CustomFormOption(Base):
    """One choice a select or checkbox field offers."""

    __tablename__ = "custom_form_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[str] = mapped_column(String(255))
    custom_form_id: Mapped[int] = mapped_column(
        ForeignKey("custom_forms.id", ondelete="CASCADE"), index=True
    )

    custom_form: Mapped[CustomForm] = relationship(back_populates="custom_form_options")


class CustomFormTranslate(Base):
    """A field's name in another language."""

    __tablename__ = "custom_form_translates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    language_code: Mapped[str] = mapped_column(String(16))
    form_id: Mapped[str | None] = mapped_column(String(255))
    custom_form_id: Mapped[int] = mapped_column(
        ForeignKey("custom_forms.id", ondelete="CASCADE"), index=True
    )

    custom_form: Mapped[CustomForm] = relationship(back_populates="custom_form_translates")


# Every event asks its attendees for these, fixed and required (the Open Event order form
# builds its validation from them).
COMPULSORY = (
    ("attendee", "firstname", "First Name", "text"),
    ("attendee", "lastname", "Last Name", "text"),
    ("attendee", "email", "Email", "email"),
)


def compulsory_fields(event_id: int) -> list[CustomForm]:
    return [
        CustomForm(
            form=form,
            field_identifier=identifier,
            name=name,
            type=kind,
            is_required=True,
            is_included=True,
            is_fixed=True,
            position=position,
            event_id=event_id,
        )
        for position, (form, identifier, name, kind) in enumerate(COMPULSORY)
    ]


def custom_forms_of(event: type[Any]) -> Any:
    return relationship(CustomForm, viewonly=True)
