"""The image sizes the admin sets (`/v1/event-image-sizes`, `/v1/speaker-image-sizes`): one
row each (ids 1 and 2), seeded by the migration. Every upload reads the event image sizes
to choose the widths of its `large`, `thumbnail` and `icon` variants; the speaker sizes are
the presets the client shows beside a speaker's photo."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Boolean, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base
from hallway.images import VARIANT_WIDTHS, ImageBudget

EVENT_SIZES_ID = 1
SPEAKER_SIZES_ID = 2


class EventImageSize(Base):
    __tablename__ = "event_image_sizes"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(40), default="event-image")
    full_width: Mapped[int | None] = mapped_column(Integer)
    full_height: Mapped[int | None] = mapped_column(Integer)
    full_aspect: Mapped[bool | None] = mapped_column(Boolean)
    full_quality: Mapped[int | None] = mapped_column(Integer)
    icon_width: Mapped[int | None] = mapped_column(Integer)
    icon_height: Mapped[int | None] = mapped_column(Integer)
    icon_aspect: Mapped[bool | None] = mapped_column(Boolean)
    icon_quality: Mapped[int | None] = mapped_column(Integer)
    thumbnail_width: Mapped[int | None] = mapped_column(Integer)
    thumbnail_height: Mapped[int | None] = mapped_column(Integer)
    thumbnail_aspect: Mapped[bool | None] = mapped_column(Boolean)
    thumbnail_quality: Mapped[int | None] = mapped_column(Integer)
    logo_width: Mapped[int | None] = mapped_column(Integer)
    logo_height: Mapped[int | None] = mapped_column(Integer)


class SpeakerImageSize(Base):
    __tablename__ = "speaker_image_sizes"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(40), default="speaker-image")
    small_size_width_height: Mapped[int | None] = mapped_column(Integer)
    small_size_quality: Mapped[int | None] = mapped_column(Integer)
    thumbnail_size_width_height: Mapped[int | None] = mapped_column(Integer)
    thumbnail_size_quality: Mapped[int | None] = mapped_column(Integer)
    icon_size_width_height: Mapped[int | None] = mapped_column(Integer)
    icon_size_quality: Mapped[int | None] = mapped_column(Integer)


async def upload_budget(session: AsyncSession, budget: ImageBudget) -> ImageBudget:
    """The budget with the variant widths the admin set (a width left empty keeps its
    default)."""
    sizes = await session.scalar(select(EventImageSize).where(EventImageSize.id == EVENT_SIZES_ID))
    if sizes is None:
        return budget
    chosen = {
        "large": sizes.full_width,
        "thumbnail": sizes.thumbnail_width,
        "icon": sizes.icon_width,
    }
    widths = {name: chosen[name] or default for name, default in VARIANT_WIDTHS.items()}
    return replace(budget, variant_widths=widths)
