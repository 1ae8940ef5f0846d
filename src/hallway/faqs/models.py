"""FAQs and the types that group them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event


class FaqType(Base):
    __tablename__ = "faq_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()
    faqs: Mapped[list[Faq]] = relationship(
        back_populates="faq_type", viewonly=True, order_by="Faq.id"
    )


class Faq(Base):
    """A question and its answer; a FAQ has at most one type."""

    __tablename__ = "faqs"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    faq_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("faq_types.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship()
    faq_type: Mapped[FaqType | None] = relationship(back_populates="faqs")


def faqs_of(event: type[Any]) -> Any:
    return relationship(Faq, viewonly=True, order_by=Faq.id)


def faq_types_of(event: type[Any]) -> Any:
    return relationship(FaqType, viewonly=True, order_by=FaqType.id)
