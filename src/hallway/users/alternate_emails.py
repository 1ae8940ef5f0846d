"""`user-email`: `POST /v1/user-emails`, `/v1/users/{id}/alternate-emails`,
`/v1/user-emails/{id}` and the admins' `/v1/admin/user-emails`. An address is its user's own;
it is unique across main and alternate addresses; a new or changed address gets a verification
mail, and `POST /v1/auth/verify-email` with its token verifies it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import EmailStr
from sqlalchemy import func, select

from hallway.auth.policy import actor_of, is_admin, is_self
from hallway.errors import Conflict, Unauthorized
from hallway.jsonapi import (
    Attachment,
    Attributes,
    Hooks,
    Policy,
    RequestContext,
    Resource,
    ToMany,
    ToOne,
    nobody,
    relate,
)
from hallway.users import emails
from hallway.users.alternates import UserEmail, alternates_of
from hallway.users.models import User
from hallway.users.service import secret_of, settings_of

Kind = Literal["home", "work", "business", "office", "other"]
POINTER = "/data/attributes/email-address"


class UserEmailCreate(Attributes):
    email_address: EmailStr
    type: Kind


class UserEmailUpdate(Attributes):
    email_address: EmailStr | None = None
    type: Kind | None = None


own = is_self("user_id")

user_email_policy = Policy(
    list=own | is_admin,
    view=own | is_admin,
    create=own,
    update=own,
    delete=own | is_admin,
    relationships={"user": nobody},
)


async def build(ctx: RequestContext, values: dict[str, Any]) -> UserEmail:
    actor = actor_of(ctx)
    if actor is None:
        raise Unauthorized("Sign in to add this")
    return UserEmail(user_id=actor.id, is_verified=False, **values)


async def apply(ctx: RequestContext, address: UserEmail, values: dict[str, Any]) -> None:
    new = values.pop("email_address", None)
    for name, value in values.items():
        if value is not None:
            setattr(address, name, value)
    if new is not None and new.lower() != address.email_address.lower():
        address.email_address, address.is_verified = new, False
        ctx.memo["alternate_changed"] = True


async def check_and_verify(ctx: RequestContext, address: UserEmail) -> None:
    """Before saving: the address is nobody's yet; then a verification mail goes to it."""
    wanted = address.email_address.lower()
    if await ctx.session.scalar(select(User.id).where(func.lower(User.email) == wanted)):
        raise Conflict("This address is a user's main e-mail address", pointer=POINTER)
    taken = select(UserEmail.id).where(func.lower(UserEmail.email_address) == wanted)
    if address.id is not None:
        taken = taken.where(UserEmail.id != address.id)
    if await ctx.session.scalar(taken.limit(1)) is not None:
        raise Conflict("This address is already registered", pointer=POINTER)
    await emails.send_alternate_verification(ctx.session, settings_of(ctx), secret_of(ctx), address)


async def before_update(ctx: RequestContext, address: UserEmail) -> None:
    if ctx.memo.pop("alternate_changed", False):
        await check_and_verify(ctx, address)


def user_email_resource() -> Resource:
    return Resource(
        type="user-email",
        model=UserEmail,
        attributes=("email_address", "type", "user_id", "is_verified", "deleted_at"),
        create=UserEmailCreate,
        update=UserEmailUpdate,
        relationships={"user": ToOne("user", writable=True)},
        filters=("email_address", "type", "is_verified", "user"),
        sorts=("email_address", "type", "id"),
        policy=user_email_policy,
        hooks=Hooks(
            build=build, apply=apply, before_create=check_and_verify, before_update=before_update
        ),
    )


def user_email_attachments() -> list[Attachment]:
    return [relate("user", alternate_emails=ToMany("user-email", orm=alternates_of))]
