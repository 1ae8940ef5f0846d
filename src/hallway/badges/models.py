"""Badge forms (one design, shared by the tickets whose `badge-id` names it), their fields, the
organizers' uploaded fonts and the badge PDFs made by the print job."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event

Short = String(255)


def _now() -> datetime:
    return datetime.now(UTC)


class BadgeForm(Base):
    __tablename__ = "badge_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    badge_id: Mapped[str] = mapped_column(Short, index=True)
    badge_size: Mapped[str | None] = mapped_column(Short)
    badge_color: Mapped[str | None] = mapped_column(String(50))
    badge_image_url: Mapped[str | None] = mapped_column(String(1000))
    badge_orientation: Mapped[str | None] = mapped_column(String(50))
    # The fields as the client keeps them: [{"custom_field": "Name", "font_size": 14, …}]
    badge_fields: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()


class BadgeFieldForm(Base):
    __tablename__ = "badge_field_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    badge_id: Mapped[str] = mapped_column(Short)
    field_identifier: Mapped[str | None] = mapped_column(Short)
    custom_field: Mapped[str | None] = mapped_column(Short)
    sample_text: Mapped[str | None] = mapped_column(Short)
    font_size: Mapped[int | None] = mapped_column(Integer)
    font_name: Mapped[str | None] = mapped_column(Short)
    font_weight: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    font_color: Mapped[str | None] = mapped_column(String(50))
    text_alignment: Mapped[str | None] = mapped_column(String(20))
    text_type: Mapped[str | None] = mapped_column(String(20))
    text_rotation: Mapped[int | None] = mapped_column(Integer)
    margin_top: Mapped[int | None] = mapped_column(Integer)
    margin_bottom: Mapped[int | None] = mapped_column(Integer)
    margin_left: Mapped[int | None] = mapped_column(Integer)
    margin_right: Mapped[int | None] = mapped_column(Integer)
    qr_custom_field: Mapped[list[str] | None] = mapped_column(JSON)
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    is_field_expanded: Mapped[bool] = mapped_column(Boolean, default=False)
    badge_form_id: Mapped[int] = mapped_column(
        ForeignKey("badge_forms.id", ondelete="CASCADE"), index=True
    )
    # The form's event, filled in from the form (it scopes who reads the field).
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    badge_form: Mapped[BadgeForm] = relationship()


class BadgeFont(Base):
    """A TrueType or OpenType font an organizer uploaded for the event's badges."""

    __tablename__ = "badge_fonts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Short)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class BadgePdf(Base):
    """A PDF of badges the print job made, kept for the event's staff to download."""

    __tablename__ = "badge_pdfs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    badges: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


def badge_forms_of(event: type[Any]) -> Any:
    return relationship(BadgeForm, viewonly=True, order_by=BadgeForm.id)


def badge_field_forms_of(form: type[Any]) -> Any:
    return relationship(BadgeFieldForm, viewonly=True, order_by=BadgeFieldForm.id)
