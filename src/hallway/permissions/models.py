"""Services and the role-by-service matrix; custom system roles and panel permissions."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base
from hallway.roles.models import Role

# Seeded by migration: the event content whose changes the matrix governs.
SERVICES = ("microlocation", "session", "speaker", "track", "sponsor")
ACTIONS = ("create", "read", "update", "delete")


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class EventRolePermission(Base):
    """What holders of `role` on an event may do with the event's `service` objects."""

    __tablename__ = "event_role_permissions"
    __table_args__ = (UniqueConstraint("role_id", "service_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"))
    can_create: Mapped[bool] = mapped_column(Boolean, default=False)
    can_read: Mapped[bool] = mapped_column(Boolean, default=False)
    can_update: Mapped[bool] = mapped_column(Boolean, default=False)
    can_delete: Mapped[bool] = mapped_column(Boolean, default=False)

    role: Mapped[Role] = relationship()
    service: Mapped[Service] = relationship()


roles_panels = Table(
    "roles_panels",
    Base.metadata,
    Column(
        "custom_system_role_id",
        ForeignKey("custom_system_roles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "panel_permission_id",
        ForeignKey("panel_permissions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


class CustomSystemRole(Base):
    """An admin-panel role such as "Sales Admin" or "Marketer"."""

    __tablename__ = "custom_system_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    panel_permissions: Mapped[list[PanelPermission]] = relationship(
        secondary=roles_panels, back_populates="custom_system_roles"
    )


class PanelPermission(Base):
    """A panel of the admin area, and whether the roles linked to it may open it."""

    __tablename__ = "panel_permissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_name: Mapped[str] = mapped_column(String(100))
    can_access: Mapped[bool] = mapped_column(Boolean, default=True)

    custom_system_roles: Mapped[list[CustomSystemRole]] = relationship(
        secondary=roles_panels, back_populates="panel_permissions"
    )
