"""What an admin may send about roles and user permissions."""

from __future__ import annotations

from pydantic import Field

from hallway.jsonapi import Attributes


class RoleCreate(Attributes):
    name: str = Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")
    title_name: str | None = Field(default=None, max_length=100)


class RoleUpdate(Attributes):
    title_name: str | None = Field(default=None, max_length=100)


class PermissionCreate(Attributes):
    name: str = Field(min_length=1, max_length=100)
    description: str | None = None
    unverified_user: bool = False
    anonymous_user: bool = False


class PermissionUpdate(Attributes):
    description: str | None = None
    unverified_user: bool | None = None
    anonymous_user: bool | None = None


class GrantUpdate(Attributes):
    """A grant has no attributes: its role changes through the `role` relationship."""
