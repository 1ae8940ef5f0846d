"""An invitation to hold a role on an event, sent to a mail address."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.roles.models import Role

if TYPE_CHECKING:
    from hallway.events.models import Event

PENDING, ACCEPTED, DECLINED = "pending", "accepted", "declined"


def _now() -> datetime:
    return datetime.now(UTC)


class RoleInvite(Base):
    """`email` is invited to hold `role` on `event`. Only a digest of the token the mail
    carries is kept: whoever reads the table cannot accept in the invitee's place."""

    __tablename__ = "role_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))  # kept in lower case
    role_name: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"))

    event: Mapped[Event] = relationship()
    role: Mapped[Role] = relationship()


# One pending invite per address and event; accepted and declined ones stay as history.
_PENDING_ONLY = text("status = 'pending'")
Index(
    "uq_role_invites_pending_email",
    RoleInvite.event_id,
    RoleInvite.email,
    unique=True,
    sqlite_where=_PENDING_ONLY,
    postgresql_where=_PENDING_ONLY,
)


def role_invites_of(event: type[Any]) -> Any:
    """Event -> its role invites."""
    return relationship(RoleInvite, viewonly=True)
