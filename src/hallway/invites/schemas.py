"""What an organizer sends to invite someone: the address and the role (by its relationship,
by `role-name`, or both when they agree)."""

from __future__ import annotations

from pydantic import EmailStr, Field

from hallway.jsonapi import Attributes


class RoleInviteCreate(Attributes):
    email: EmailStr = Field(max_length=254)
    role_name: str | None = Field(default=None, max_length=50)
