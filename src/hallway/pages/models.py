"""A page of the site itself, written by admins."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base


class Page(Base):
    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(500))
    # The path the frontend serves it at (`about` for /about).
    url: Mapped[str] = mapped_column(String(1000))
    description: Mapped[str | None] = mapped_column(Text)
    # Where the frontend links it: `footer` or `event`.
    place: Mapped[str | None] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(100))
    # Position among the pages of the same place.
    index: Mapped[int] = mapped_column(Integer, default=0)
