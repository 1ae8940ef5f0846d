"""`role-invite`: `/v1/role-invites`, under its event (`/v1/events/{id|identifier}/role-invites`)
and the event's `role-invites` relationship. No update: an invite is sent, resent
(routes.py), answered by its token or withdrawn."""

from __future__ import annotations

from hallway.invites import service
from hallway.invites.models import RoleInvite, role_invites_of
from hallway.invites.policy import role_invite_policy
from hallway.invites.schemas import RoleInviteCreate
from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate


def role_invite_resource() -> Resource:
    return Resource(
        type="role-invite",
        model=RoleInvite,
        attributes=("email", "role_name", "status", "created_at"),
        create=RoleInviteCreate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "role": ToOne("role", writable=True),
        },
        filters=("email", "role_name", "status", "created_at", "event", "role"),
        sorts=("email", "role_name", "status", "created_at", "id"),
        policy=role_invite_policy,
        hooks=Hooks(before_create=service.prepare_invite, before_delete=service.protect_accepted),
    )


def invite_attachments() -> list[Attachment]:
    return [relate("event", role_invites=ToMany("role-invite", orm=role_invites_of))]
