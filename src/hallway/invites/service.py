"""Role invites: sending one (checks, token and mail in the create transaction), looking an
invite up by its token, accepting and declining it, resending it, and withdrawing it."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.auth.actor import Actor
from hallway.config import Settings
from hallway.errors import Conflict, Forbidden, ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.invites.models import ACCEPTED, DECLINED, PENDING, RoleInvite
from hallway.invites.policy import manages_invites
from hallway.jsonapi import RequestContext
from hallway.mail import queue_mail
from hallway.roles.models import EVENT_ROLES, Role, UsersEventsRoles
from hallway.roles.policy import grants
from hallway.users.models import User

ROLE_NAME = "/data/attributes/role-name"
EMAIL = "/data/attributes/email"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _settings(ctx: RequestContext) -> Settings:
    assert ctx.request is not None
    settings: Settings = ctx.request.app.state.settings
    return settings


# -- sending -------------------------------------------------------------------------------------


async def prepare_invite(ctx: RequestContext, invite: RoleInvite) -> None:
    """Before the insert: the role is an event role that agrees with `role-name`, only the
    owner invites an owner, the address has no pending invite and does not hold the role
    yet; then the token is made and the mail queued in the same transaction."""
    session = ctx.session
    invite.email = invite.email.strip().lower()
    role = await _role_of(session, invite)
    if role.name == "owner" and not await _is_owner_or_admin(ctx, invite.event_id):
        raise Forbidden("Only the owner of the event may invite an owner")
    if await session.scalar(
        select(
            exists().where(
                RoleInvite.event_id == invite.event_id,
                RoleInvite.email == invite.email,
                RoleInvite.status == PENDING,
            )
        )
    ):
        raise Conflict("This address already has a pending invite to this event", pointer=EMAIL)
    if await _holds(session, invite.event_id, invite.email, role.id):
        raise Conflict("This address already holds that role on this event", pointer=EMAIL)
    invite.role_id, invite.role_name, invite.status = role.id, role.name, PENDING
    await _send(ctx, invite)


async def _role_of(session: AsyncSession, invite: RoleInvite) -> Role:
    role: Role | None = None
    if invite.role_id is not None:
        role = await session.get(Role, invite.role_id)
        if role is None or role.name not in EVENT_ROLES:
            raise ValidationFailed(
                "The role must be one of the event roles", pointer="/data/relationships/role"
            )
        if invite.role_name not in (None, role.name):
            raise ValidationFailed(
                f"role-name {invite.role_name!r} does not match the role {role.name!r}",
                pointer=ROLE_NAME,
            )
        return role
    if invite.role_name is None:
        raise ValidationFailed("A role (or role-name) is required", pointer=ROLE_NAME)
    if invite.role_name in EVENT_ROLES:
        role = await session.scalar(select(Role).where(Role.name == invite.role_name))
    if role is None:
        raise ValidationFailed(
            f"role-name must be one of: {', '.join(EVENT_ROLES)}", pointer=ROLE_NAME
        )
    return role


async def _is_owner_or_admin(ctx: RequestContext, event_id: int) -> bool:
    actor = ctx.actor
    if actor is not None and actor.is_admin:
        return True
    return "owner" in (await grants(ctx)).get(event_id, frozenset())


async def _holds(session: AsyncSession, event_id: int, email: str, role_id: int) -> bool:
    found = await session.scalar(
        select(
            exists().where(
                UsersEventsRoles.event_id == event_id,
                UsersEventsRoles.role_id == role_id,
                UsersEventsRoles.user_id == User.id,
                User.email.ilike(email),
            )
        )
    )
    return bool(found)


async def _send(ctx: RequestContext, invite: RoleInvite) -> None:
    """A fresh token (an earlier mail's link stops working) and the mail carrying it."""
    token = secrets.token_urlsafe(32)
    invite.token_digest = digest(token)
    settings = _settings(ctx)
    event = await ctx.session.get(Event, invite.event_id)
    assert event is not None
    role = await ctx.session.get(Role, invite.role_id)
    await queue_mail(
        ctx.session,
        to=invite.email,
        template="role_invite",
        context={
            "app_name": settings.app_name,
            "event_name": event.name,
            "role_title": (role.title_name if role else None) or invite.role_name,
            "accept_url": f"{settings.frontend_url.rstrip('/')}/role-invites?token={token}",
        },
    )


async def resend(ctx: RequestContext, invite_id: str) -> dict[str, bool]:
    """A new mail (with a new token) for a pending invite, by whoever manages invites."""
    invite = await ctx.session.get(RoleInvite, int(invite_id)) if invite_id.isdigit() else None
    if invite is None or not await manages_invites.allows(ctx, invite):
        raise ObjectNotFound(f"Role invite {invite_id} not found")
    if invite.status != PENDING:
        raise Conflict(f"The invite was already {invite.status}")
    await _send(ctx, invite)
    return {"success": True}


async def protect_accepted(ctx: RequestContext, invite: RoleInvite) -> None:
    if invite.status == ACCEPTED:
        raise Conflict("An accepted invite cannot be deleted; remove the role holder instead")


# -- the invitee, by token -------------------------------------------------------------------------


async def by_token(session: AsyncSession, token: str) -> RoleInvite:
    invite = await session.scalar(
        select(RoleInvite).where(RoleInvite.token_digest == digest(token))
    )
    if invite is None:
        raise ObjectNotFound("No role invite has this token", pointer="/data/token")
    return invite


async def invited_address(session: AsyncSession, token: str) -> dict[str, str]:
    return {"email": (await by_token(session, token)).email}


async def _answerable(session: AsyncSession, actor: Actor, token: str) -> RoleInvite:
    """The pending invite of the token, addressed to the caller."""
    invite = await by_token(session, token)
    event = await session.get(Event, invite.event_id)
    if event is None or event.deleted_at is not None:
        raise ObjectNotFound("The event of this invite was deleted", pointer="/data/token")
    if invite.email != actor.email.strip().lower():
        raise Forbidden("This invite was sent to another address")
    if invite.status != PENDING:
        raise Conflict(f"The invite was already {invite.status}", pointer="/data/token")
    return invite


async def accept(session: AsyncSession, actor: Actor, token: str) -> dict[str, Any]:
    """The caller takes the role: the grant is made (an accepted owner invite makes the
    previous owner an organizer and withdraws the other pending owner invites), the invite
    is accepted and the address counts as verified, since the mail reached it."""
    invite = await _answerable(session, actor, token)
    if invite.role_name == "owner":
        await _demote_owners(session, invite.event_id, invite.role_id, actor.id)
        # The previous owner's other owner invites lapse with their ownership.
        await session.execute(
            delete(RoleInvite).where(
                RoleInvite.event_id == invite.event_id,
                RoleInvite.role_name == "owner",
                RoleInvite.status == PENDING,
                RoleInvite.id != invite.id,
            )
        )
    await _grant(session, invite.event_id, actor.id, invite.role_id)
    invite.status = ACCEPTED
    user = await session.get(User, actor.id)
    if user is not None and not user.is_verified:
        user.is_verified = True
    await session.flush()
    return await _answer(session, invite)


async def decline(session: AsyncSession, actor: Actor, token: str) -> dict[str, Any]:
    invite = await _answerable(session, actor, token)
    invite.status = DECLINED
    await session.flush()
    return await _answer(session, invite)


async def _grant(session: AsyncSession, event_id: int, user_id: int, role_id: int) -> None:
    held = await session.scalar(
        select(
            exists().where(
                UsersEventsRoles.event_id == event_id,
                UsersEventsRoles.user_id == user_id,
                UsersEventsRoles.role_id == role_id,
            )
        )
    )
    if not held:
        session.add(UsersEventsRoles(event_id=event_id, user_id=user_id, role_id=role_id))


async def _demote_owners(
    session: AsyncSession, event_id: int, owner_role_id: int, new_owner_id: int
) -> None:
    """An event has one owner: the previous one keeps the event as an organizer."""
    organizer_id = await session.scalar(select(Role.id).where(Role.name == "organizer"))
    assert organizer_id is not None
    previous = await session.scalars(
        select(UsersEventsRoles.user_id).where(
            UsersEventsRoles.event_id == event_id,
            UsersEventsRoles.role_id == owner_role_id,
            UsersEventsRoles.user_id != new_owner_id,
        )
    )
    for user_id in list(previous):
        await session.execute(
            delete(UsersEventsRoles).where(
                UsersEventsRoles.event_id == event_id,
                UsersEventsRoles.user_id == user_id,
                UsersEventsRoles.role_id == owner_role_id,
            )
        )
        await _grant(session, event_id, user_id, organizer_id)


async def _answer(session: AsyncSession, invite: RoleInvite) -> dict[str, Any]:
    event = await session.get(Event, invite.event_id)
    assert event is not None
    return {
        "email": invite.email,
        "event": event.id,
        "event_identifier": event.identifier,
        "name": event.name,
        "role": invite.role_name,
        "status": invite.status,
    }
