"""Account endpoints outside JSON:API: e-mail verification, password reset and change,
e-mail look-up, and the id behind a token."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request

from hallway.auth.actor import secret_of
from hallway.auth.bodies import data_fields, json_object
from hallway.auth.passwords import MIN_LENGTH, hash_password, verify_password
from hallway.auth.ratelimit import client_ip, enforce
from hallway.deps import AppSettings, CurrentUser, DbSession
from hallway.errors import BadRequest, Forbidden, ValidationFailed
from hallway.transactions import TransactionalRoute
from hallway.users import emails, service
from hallway.users.models import User

router = APIRouter(tags=["users"], route_class=TransactionalRoute)
RESET_SENT = "If your email was registered with us, you'll get an email with reset link shortly"


def _check_length(password: str, pointer: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationFailed(
            f"The password needs at least {MIN_LENGTH} characters", pointer=pointer
        )


async def _limit_mails(request: Request, kind: str, email: str, per_hour: int) -> None:
    await enforce(request, f"{kind}:ip:{client_ip(request)}", 10, 60)
    await enforce(request, f"{kind}:email:{email.strip().lower()}", per_hour, 3600)


@router.post("/v1/auth/verify-email")
async def verify_email(request: Request, session: DbSession) -> dict[str, str]:
    token = (await data_fields(request, "token"))["token"]
    await service.verify_email(session, secret_of(request), token)
    return {"message": "Email Verified"}


@router.post("/v1/auth/resend-verification-email")
async def resend_verification(
    request: Request, session: DbSession, settings: AppSettings
) -> dict[str, str]:
    email = (await data_fields(request, "email"))["email"]
    await _limit_mails(request, "verify", email, settings.reset_limit_per_hour)
    user = await service.find_by_email(session, email)
    if user is None:
        raise ValidationFailed("User with email: " + email + " not found", pointer="/data/email")
    if not user.is_verified:
        await emails.send_verification(session, settings, secret_of(request), user)
    return {"message": "Verification email resent"}


@router.post("/v1/auth/reset-password")
async def request_reset(
    request: Request, session: DbSession, settings: AppSettings
) -> dict[str, str]:
    """Always the same answer, so it tells nobody whether an account exists."""
    email = (await data_fields(request, "email"))["email"]
    await _limit_mails(request, "reset", email, settings.reset_limit_per_hour)
    user = await service.find_by_email(session, email)
    if user is not None and not user.is_blocked:
        await emails.send_reset(session, settings, secret_of(request), user)
    return {"email": email, "message": RESET_SENT}


@router.patch("/v1/auth/reset-password")
async def reset_password(request: Request, session: DbSession) -> dict[str, str]:
    fields = await data_fields(request, "token", "password")
    _check_length(fields["password"], "/data/password")
    user = await service.reset_password(
        session, secret_of(request), fields["token"], fields["password"]
    )
    return {"id": str(user.id), "email": user.email, "name": user.display_name}


@router.post("/v1/auth/change-password")
async def change_password(
    request: Request, session: DbSession, settings: AppSettings, actor: CurrentUser
) -> dict[str, Any]:
    fields = await data_fields(request, "old-password", "new-password")
    if not actor.fresh:
        raise Forbidden("Changing the password needs a fresh login", code="fresh-login-required")
    user = await session.get(User, actor.id)
    assert user is not None
    if not await verify_password(user.password_hash, fields["old-password"]):
        raise ValidationFailed("The current password is wrong", pointer="/data/old-password")
    _check_length(fields["new-password"], "/data/new-password")
    if fields["new-password"] == fields["old-password"]:
        raise ValidationFailed(
            "The new password must differ from the old one", pointer="/data/new-password"
        )
    user.password_hash = await hash_password(fields["new-password"])
    await emails.send_password_changed(session, settings, user)
    return {
        "email": user.email,
        "id": str(user.id),
        "name": user.display_name,
        "password-changed": True,
    }


@router.post("/v1/auth/verify-password")
async def check_password(
    request: Request, session: DbSession, actor: CurrentUser
) -> dict[str, bool]:
    body = await json_object(request)
    password = body.get("password")
    if not isinstance(password, str):
        raise BadRequest("'password' is required", pointer="/password")
    stored = await session.scalar(
        User.__table__.select().with_only_columns(User.password_hash).where(User.id == actor.id)
    )
    return {"result": await verify_password(stored, password)}


@router.post("/v1/users/check_email")
@router.post("/v1/users/checkEmail")
async def check_email(request: Request, session: DbSession) -> dict[str, bool]:
    await enforce(request, f"check-email:ip:{client_ip(request)}", 30, 60)
    body = await json_object(request)
    email = body.get("email")
    if not isinstance(email, str) or not email.strip():
        raise BadRequest("'email' is required", pointer="/email")
    return {"exists": await service.email_taken(session, email)}


@router.get("/v1/users/user-details/get-user-id")
async def user_id(actor: CurrentUser) -> dict[str, str]:
    return {"user_id": str(actor.id)}
