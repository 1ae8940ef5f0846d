"""Which message goes to whom when an account changes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hallway.auth import mailtokens
from hallway.config import Settings
from hallway.mail import queue_mail
from hallway.users.alternates import UserEmail
from hallway.users.models import User


async def send_verification(
    session: AsyncSession, settings: Settings, secret: str, user: User
) -> None:
    token = mailtokens.make(
        secret,
        "verify",
        user_id=user.id,
        email=user.email,
        seconds=settings.verify_token_hours * 3600,
    )
    await queue_mail(
        session,
        to=user.email,
        template="verify_email",
        context={
            "app_name": settings.app_name,
            "user_name": user.display_name,
            "verify_url": f"{settings.frontend_url.rstrip('/')}/verify?token={token}",
        },
    )


async def send_alternate_verification(
    session: AsyncSession, settings: Settings, secret: str, address: UserEmail
) -> None:
    """The verification mail of an alternate address: its token names that address."""
    token = mailtokens.make(
        secret,
        "verify",
        user_id=address.user_id,
        email=address.email_address,
        seconds=settings.verify_token_hours * 3600,
    )
    user = await session.get(User, address.user_id)
    await queue_mail(
        session,
        to=address.email_address,
        template="verify_email",
        context={
            "app_name": settings.app_name,
            "user_name": user.display_name if user else address.email_address,
            "verify_url": f"{settings.frontend_url.rstrip('/')}/verify?token={token}",
        },
    )


async def send_reset(session: AsyncSession, settings: Settings, secret: str, user: User) -> None:
    token = mailtokens.make(
        secret,
        "reset",
        user_id=user.id,
        email=user.email,
        fingerprint=mailtokens.password_fingerprint(user.password_hash),
        seconds=settings.reset_token_minutes * 60,
    )
    await queue_mail(
        session,
        to=user.email,
        template="reset_password",
        context={
            "app_name": settings.app_name,
            "user_name": user.display_name,
            "reset_url": f"{settings.frontend_url.rstrip('/')}/reset-password?token={token}",
            "expires_minutes": settings.reset_token_minutes,
        },
    )


async def send_email_changed(
    session: AsyncSession, settings: Settings, user: User, old_email: str
) -> None:
    await queue_mail(
        session,
        to=old_email,
        template="email_changed",
        context={
            "app_name": settings.app_name,
            "user_name": user.display_name,
            "old_email": old_email,
            "new_email": user.email,
        },
    )


async def send_password_changed(session: AsyncSession, settings: Settings, user: User) -> None:
    await queue_mail(
        session,
        to=user.email,
        template="password_changed",
        context={
            "app_name": settings.app_name,
            "user_name": user.display_name,
        },
    )
