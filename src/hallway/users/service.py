"""Account use cases: sign up, change profile and privileges, verify, reset, delete, and make
the first super admin from the command line."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.auth import mailtokens
from hallway.auth.actor import Actor
from hallway.auth.passwords import MIN_LENGTH, hash_password
from hallway.config import Settings
from hallway.db import Database
from hallway.errors import Conflict, Forbidden, ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.users import emails, throttle
from hallway.users.alternates import UserEmail
from hallway.users.fields import PERSONAL
from hallway.users.models import User
from hallway.users.policy import SIGNED_UP

# Who may change which privilege flag.
SUPER_ADMIN_ONLY = frozenset({"is_admin", "is_super_admin"})
ADMIN_ONLY = frozenset({"is_sales_admin", "is_marketer", "is_verified", "is_blocked"})


def settings_of(ctx: RequestContext) -> Settings:
    assert ctx.request is not None
    settings: Settings = ctx.request.app.state.settings
    return settings


def secret_of(ctx: RequestContext) -> str:
    assert ctx.request is not None
    return str(ctx.request.app.state.secret_key)


async def find_by_email(session: AsyncSession, email: str) -> User | None:
    stmt = select(User).where(
        func.lower(User.email) == email.strip().lower(), User.deleted_at.is_(None)
    )
    return (await session.scalars(stmt)).first()


async def email_taken(session: AsyncSession, email: str, *, except_id: int | None = None) -> bool:
    """Whether another account has this address, as its main or an alternate address."""
    wanted = email.strip().lower()
    stmt = select(User.id).where(func.lower(User.email) == wanted)
    alternate = select(UserEmail.id).where(func.lower(UserEmail.email_address) == wanted)
    if except_id is not None:
        stmt = stmt.where(User.id != except_id)
        alternate = alternate.where(UserEmail.user_id != except_id)
    if (await session.scalar(stmt)) is not None:
        return True
    return (await session.scalar(alternate.limit(1))) is not None


async def record_access(session: AsyncSession, user_id: int) -> None:
    """A login or a token refresh is when an account was last used (other requests write
    nothing)."""
    stmt = update(User).where(User.id == user_id).values(last_accessed_at=datetime.now(UTC))
    await session.execute(stmt)


async def sign_up(ctx: RequestContext, values: dict[str, Any]) -> User:
    """Build the account of an open sign-up; verification goes out after the insert. Sign-ups
    are rate-limited, except for admins making accounts."""
    actor: Actor | None = ctx.actor
    if actor is None or not actor.is_staff:
        assert ctx.request is not None
        await throttle.before_sign_up(ctx.request, settings_of(ctx))
    values = dict(values)
    password = values.pop("password")
    email = values.pop("email").strip()
    if await email_taken(ctx.session, email):
        raise Conflict(
            "A user with this e-mail address already exists", pointer="/data/attributes/email"
        )
    return User(
        email=email, password_hash=await hash_password(password), is_verified=False, **values
    )


async def after_sign_up(ctx: RequestContext, user: User) -> None:
    ctx.memo.setdefault(SIGNED_UP, set()).add(user.id)
    await emails.send_verification(ctx.session, settings_of(ctx), secret_of(ctx), user)


async def apply_changes(ctx: RequestContext, user: User, values: dict[str, Any]) -> None:
    """Profile changes for the owner; privilege flags only for those allowed to grant them."""
    actor: Actor = ctx.actor
    for name in values.keys() & SUPER_ADMIN_ONLY:
        if not actor.is_super_admin and values[name] != getattr(user, name):
            raise Forbidden(
                f"Only a super admin may change {name.replace('_', '-')}",
                pointer=f"/data/attributes/{name.replace('_', '-')}",
            )
    for name in values.keys() & ADMIN_ONLY:
        if not actor.is_staff and values[name] != getattr(user, name):
            raise Forbidden(
                f"Only an admin may change {name.replace('_', '-')}",
                pointer=f"/data/attributes/{name.replace('_', '-')}",
            )
    if user.is_super_admin and not actor.is_super_admin:
        raise Forbidden("Only a super admin may change a super admin's account")
    new_email = (values.pop("email", None) or "").strip()
    changes_email = bool(new_email) and new_email.lower() != user.email.lower()
    if changes_email and _is_other_admin(actor, user) and not actor.is_super_admin:
        # With the e-mail goes the password (by a reset mailed to the new address).
        raise Forbidden(
            "Only a super admin may change another admin's e-mail address",
            pointer="/data/attributes/email",
        )
    for name, value in values.items():
        setattr(user, name, value)
    if changes_email:
        await change_email(ctx, user, new_email)


def _is_other_admin(actor: Actor, user: User) -> bool:
    return user.id != actor.id and (user.is_admin or user.is_super_admin)


async def change_email(ctx: RequestContext, user: User, new_email: str) -> None:
    actor: Actor = ctx.actor
    if actor.id == user.id and not actor.fresh:
        raise Forbidden(
            "Changing the e-mail address needs a fresh login",
            pointer="/data/attributes/email",
            code="fresh-login-required",
        )
    if await email_taken(ctx.session, new_email, except_id=user.id):
        raise Conflict(
            "A user with this e-mail address already exists", pointer="/data/attributes/email"
        )
    old_email, user.email, user.is_verified = user.email, new_email, False
    settings = settings_of(ctx)
    await emails.send_email_changed(ctx.session, settings, user, old_email)
    await emails.send_verification(ctx.session, settings, secret_of(ctx), user)


async def anonymise(ctx: RequestContext, user: User) -> None:
    """Deleting an account keeps the row (orders, history) but nothing that identifies it."""
    actor: Actor = ctx.actor
    if user.is_super_admin and not actor.is_super_admin:
        raise Forbidden("Only a super admin may delete a super admin's account")
    user.email = f"deleted-{user.id}@deleted.invalid"
    for name in PERSONAL:
        setattr(user, name, None)
    revoke_tokens(user)


async def verify_email(session: AsyncSession, secret: str, token: str) -> User:
    claims = _read(secret, "verify", token)
    user = await session.get(User, claims.user_id)
    if user is None or user.deleted_at is not None:
        raise ValidationFailed("The link is invalid", pointer="/data/token")
    if user.email != claims.email:
        await _verify_alternate(session, user, claims.email)
        return user
    if user.is_verified:
        raise ValidationFailed(
            "The e-mail address is already verified", pointer="/data/token", code="already-verified"
        )
    user.is_verified = True
    return user


async def _verify_alternate(session: AsyncSession, user: User, email: str) -> None:
    address = await session.scalar(
        select(UserEmail).where(
            UserEmail.user_id == user.id,
            UserEmail.email_address == email,
            UserEmail.deleted_at.is_(None),
        )
    )
    if address is None:
        raise ValidationFailed("The link is invalid", pointer="/data/token")
    if address.is_verified:
        raise ValidationFailed(
            "The e-mail address is already verified", pointer="/data/token", code="already-verified"
        )
    address.is_verified = True


async def reset_password(session: AsyncSession, secret: str, token: str, password: str) -> User:
    claims = _read(secret, "reset", token)
    user = await session.get(User, claims.user_id)
    if (
        user is None
        or user.deleted_at is not None
        or user.email.lower() != claims.email.lower()
        or mailtokens.password_fingerprint(user.password_hash) != claims.fingerprint
    ):
        raise ValidationFailed("The link is invalid or was already used", pointer="/data/token")
    user.password_hash = await hash_password(password)
    user.is_verified = True
    # Whoever knew the forgotten password is logged out everywhere.
    revoke_tokens(user)
    return user


def revoke_tokens(user: User, *, keep_session: str | None = None) -> None:
    """Every token issued until now stops working, but those of the login `keep_session`."""
    user.tokens_valid_after = datetime.now(UTC)
    user.tokens_kept_session = keep_session or None


def _read(secret: str, purpose: mailtokens.Purpose, token: str) -> mailtokens.MailToken:
    try:
        return mailtokens.read(secret, purpose, token)
    except mailtokens.MailTokenInvalid as exc:
        raise ValidationFailed(exc.reason, pointer="/data/token") from None


async def ensure_super_admin(database_url: str, email: str, password: str) -> bool:
    """Create a verified super admin, or promote the existing account; True when created."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"the password needs at least {MIN_LENGTH} characters")
    if "@" not in email:
        raise ValueError("that is not an e-mail address")
    db = Database(database_url)
    try:
        async with db.sessions() as session, session.begin():
            user = await find_by_email(session, email)
            created = user is None
            if user is None:
                user = User(email=email.strip(), password_hash=await hash_password(password))
                session.add(user)
            else:
                user.password_hash = await hash_password(password)
            user.is_super_admin = user.is_admin = user.is_verified = True
            user.is_blocked = False
        return created
    finally:
        await db.dispose()
