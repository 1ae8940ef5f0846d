"""What a super admin may send about services, the role-by-service matrix, custom system roles
and panel permissions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hallway.jsonapi import Attributes

ServiceName = Literal["microlocation", "session", "speaker", "track", "sponsor"]


class ServiceUpdate(Attributes):
    """A service's name is what the policies look it up by: one of the five, never another."""

    name: ServiceName = "session"


class EventRolePermissionUpdate(Attributes):
    can_create: bool = False
    can_read: bool = False
    can_update: bool = False
    can_delete: bool = False


class CustomSystemRoleCreate(Attributes):
    name: str = Field(min_length=1, max_length=100)


class CustomSystemRoleUpdate(Attributes):
    name: str = Field(default="", min_length=1, max_length=100)


class PanelPermissionCreate(Attributes):
    panel_name: str = Field(min_length=1, max_length=100)
    can_access: bool = True


class PanelPermissionUpdate(Attributes):
    panel_name: str = Field(default="", min_length=1, max_length=100)
    can_access: bool = True
