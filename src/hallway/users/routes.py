"""Account endpoints outside JSON:API (plain JSON): login, token refresh, logout and
revocation (flat `{"error"}` failures); e-mail verification, password reset and change,
e-mail look-up, and the id behind a token."""

from __future__ import annotations

from enum import Enum
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse

from hallway.activity.recorder import bind, record
from hallway.auth import tokens
from hallway.auth.actor import secret_of
from hallway.auth.bodies import MAX_BYTES, data_fields, json_object
from hallway.auth.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password
from hallway.auth.ratelimit import client_ip, enforce
from hallway.auth.tokens import TokenRefused
from hallway.config import Settings
from hallway.deps import AppSettings, CurrentUser, DbSession
from hallway.errors import BadRequest, Forbidden, ValidationFailed
from hallway.jsonapi.body import read_body
from hallway.transactions import TransactionalRoute
from hallway.users import emails, service, throttle
from hallway.users.authentication import actor_for
from hallway.users.models import User
from hallway.users.service import find_by_email

# Tagged by kind in the OpenAPI document: account upkeep ("users") answers JSON:API errors, the
# session endpoints ("auth") Open Event's flat {"error": …}.
router = APIRouter(route_class=TransactionalRoute)
USERS: list[str | Enum] = ["users"]
AUTH: list[str | Enum] = ["auth"]
RESET_SENT = "If your email was registered with us, you'll get an email with reset link shortly"


def _check_length(password: str, pointer: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationFailed(
            f"The password needs at least {MIN_LENGTH} characters", pointer=pointer
        )


@router.post("/v1/auth/verify-email", tags=USERS)
async def verify_email(request: Request, session: DbSession) -> dict[str, str]:
    token = (await data_fields(request, "token"))["token"]
    await service.verify_email(session, secret_of(request), token)
    return {"message": "Email Verified"}


@router.post("/v1/auth/resend-verification-email", tags=USERS)
async def resend_verification(
    request: Request, session: DbSession, settings: AppSettings
) -> dict[str, str]:
    email = (await data_fields(request, "email"))["email"]
    await throttle.before_mail(request, settings, "verify", email)
    user = await service.find_by_email(session, email)
    if user is None:
        raise ValidationFailed("User with email: " + email + " not found", pointer="/data/email")
    if not user.is_verified:
        await emails.send_verification(session, settings, secret_of(request), user)
    return {"message": "Verification email resent"}


@router.post("/v1/auth/reset-password", tags=USERS)
async def request_reset(
    request: Request, session: DbSession, settings: AppSettings
) -> dict[str, str]:
    """Always the same answer, so it tells nobody whether an account exists."""
    email = (await data_fields(request, "email"))["email"]
    await throttle.before_mail(request, settings, "reset", email)
    user = await service.find_by_email(session, email)
    if user is not None and not user.is_blocked:
        await emails.send_reset(session, settings, secret_of(request), user)
    return {"email": email, "message": RESET_SENT}


@router.patch("/v1/auth/reset-password", tags=USERS)
async def reset_password(request: Request, session: DbSession) -> dict[str, str]:
    fields = await data_fields(request, "token", "password")
    _check_length(fields["password"], "/data/password")
    user = await service.reset_password(
        session, secret_of(request), fields["token"], fields["password"]
    )
    return {"id": str(user.id), "email": user.email, "name": user.display_name}


@router.post("/v1/auth/change-password", tags=USERS)
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
    # A thief's copy of a token dies with the old password; the changer stays logged in.
    service.revoke_tokens(user, keep_session=actor.session)
    await emails.send_password_changed(session, settings, user)
    return {
        "email": user.email,
        "id": str(user.id),
        "name": user.display_name,
        "password-changed": True,
    }


@router.post("/v1/auth/verify-password", tags=USERS)
async def check_password(
    request: Request, session: DbSession, settings: AppSettings, actor: CurrentUser
) -> dict[str, bool]:
    """Guesses through a stolen token are slowed like logins: per account and per address."""
    per_minute = settings.login_limit_per_minute
    await enforce(request, f"verify-password:ip:{client_ip(request)}", per_minute * 5, 60)
    await enforce(request, f"verify-password:account:{actor.id}", per_minute, 60)
    body = await json_object(request)
    password = body.get("password")
    if not isinstance(password, str):
        raise BadRequest("'password' is required", pointer="/password")
    stored = await session.scalar(
        User.__table__.select().with_only_columns(User.password_hash).where(User.id == actor.id)
    )
    return {"result": await verify_password(stored, password)}


@router.post("/v1/users/check_email", tags=USERS)
@router.post("/v1/users/checkEmail", tags=USERS)
async def check_email(request: Request, session: DbSession) -> dict[str, bool]:
    await enforce(request, f"check-email:ip:{client_ip(request)}", 30, 60)
    body = await json_object(request)
    email = body.get("email")
    if not isinstance(email, str) or not email.strip():
        raise BadRequest("'email' is required", pointer="/email")
    return {"exists": await service.email_taken(session, email)}


@router.get("/v1/users/user-details/get-user-id", tags=USERS)
async def user_id(actor: CurrentUser) -> dict[str, str]:
    return {"user_id": str(actor.id)}


# -- sessions: login, refresh, logout, revocation ----------------------------------------------
REFRESH_COOKIE = "refresh_token_cookie"
CSRF_COOKIE = "csrf_refresh_token"
REFRESH_PATH = "/v1/auth/token/refresh"


class InvalidCredentials(TokenRefused):
    def __init__(self) -> None:
        super().__init__("Invalid Credentials")


async def _credentials(request: Request) -> tuple[str, str, dict[str, Any]]:
    body = await json_object(request, flat=True)
    email = body.get("email") or body.get("username")
    password = body.get("password")
    if not isinstance(email, str) or not isinstance(password, str) or not email or not password:
        error = BadRequest("username or password missing")
        error.flat = True
        raise error
    return email.strip(), password, body


async def _check_login(
    request: Request, session: DbSession, settings: Settings, email: str, password: str
) -> User:
    await throttle.before_guess(request, settings, email)
    user = await find_by_email(session, email)
    if not await verify_password(user.password_hash if user else None, password) or not user:
        await throttle.after_failure(request, email)
        raise InvalidCredentials()
    if user.is_blocked:
        raise TokenRefused("Your account has been blocked")
    if needs_rehash(user.password_hash):
        user.password_hash = await hash_password(password)
    await service.record_access(session, user.id)
    bind(session, request, user.id, user.email)
    await record(session, "login", "user", user.id)
    return user


@router.post("/auth/session", tags=AUTH)
@router.post("/v1/auth/login", tags=AUTH)
async def login(request: Request, session: DbSession, settings: AppSettings) -> JSONResponse:
    email, password, body = await _credentials(request)
    user = await _check_login(request, session, settings, email, password)
    remember, in_body = bool(body.get("remember-me")), bool(body.get("include-in-response"))
    secret, sid = secret_of(request), tokens.new_session()
    minutes = settings.remember_me_access_minutes if remember else settings.access_token_minutes
    payload = {
        "access_token": tokens.issue(
            secret, user.id, type_="access", fresh=True, seconds=minutes * 60, session=sid
        )
    }
    if not remember:
        # The client asks for a refresh token after every login, a sign-up's included: without
        # remember-me it lives no longer than the access token.
        short = tokens.issue(
            secret, user.id, type_="refresh", fresh=False, seconds=minutes * 60, session=sid
        )
        return JSONResponse({**payload, "refresh_token": short})
    days = settings.refresh_token_days
    refresh = tokens.issue(
        secret, user.id, type_="refresh", fresh=False, seconds=days * 86400, session=sid
    )
    if in_body:
        return JSONResponse({**payload, "refresh_token": refresh})
    response = JSONResponse(payload)
    _set_refresh_cookies(request, response, secret, refresh, settings)
    return response


def _set_refresh_cookies(
    request: Request, response: JSONResponse, secret: str, refresh: str, settings: Settings
) -> None:
    csrf = tokens.read(secret, refresh, expected="refresh").csrf
    secure = request.url.scheme == "https"
    age = settings.refresh_token_days * 86400
    response.set_cookie(
        REFRESH_COOKIE,
        refresh,
        max_age=age,
        path=REFRESH_PATH,
        httponly=True,
        secure=secure,
        samesite="lax",
    )
    response.set_cookie(CSRF_COOKIE, csrf, max_age=age, path="/", secure=secure, samesite="lax")


async def _refresh_claims(request: Request) -> tokens.Claims:
    secret = secret_of(request)
    header = tokens.bearer(request.headers.get("authorization"))
    if header:
        return tokens.read(secret, header, expected="refresh")
    body = await read_body(request, MAX_BYTES)
    if body:
        data = await json_object(request, flat=True)
        if isinstance(data.get("refresh_token"), str):
            return tokens.read(secret, data["refresh_token"], expected="refresh")
    cookie = request.cookies.get(REFRESH_COOKIE)
    if not cookie:
        raise TokenRefused("Missing refresh token")
    claims = tokens.read(secret, cookie, expected="refresh")
    if request.headers.get("x-csrf-token") != claims.csrf:
        raise TokenRefused("CSRF double submit tokens do not match")
    return claims


def _access_token(
    request: Request, user_id: int, *, fresh: bool, minutes: int, session: str
) -> str:
    secret = secret_of(request)
    return tokens.issue(
        secret, user_id, type_="access", fresh=fresh, seconds=minutes * 60, session=session
    )


@router.post("/v1/auth/token/refresh", tags=AUTH)
async def refresh(request: Request, session: DbSession, settings: AppSettings) -> JSONResponse:
    claims = await _refresh_claims(request)
    actor = await actor_for(session, claims)
    await service.record_access(session, actor.id)
    bind(session, request, actor.id, actor.email)
    await record(session, "refresh", "user", actor.id)
    token = _access_token(
        request,
        actor.id,
        fresh=False,
        minutes=settings.remember_me_access_minutes,
        session=claims.session,
    )
    return JSONResponse({"access_token": token})


@router.post("/v1/auth/fresh-login", tags=AUTH)
async def fresh_login(
    request: Request, session: DbSession, settings: AppSettings, actor: CurrentUser
) -> JSONResponse:
    email, password, _ = await _credentials(request)
    user = await _check_login(request, session, settings, email, password)
    if user.id != actor.id:
        raise InvalidCredentials()
    token = _access_token(
        request, user.id, fresh=True, minutes=settings.access_token_minutes, session=actor.session
    )
    return JSONResponse({"access_token": token})


@router.post("/v1/auth/logout", tags=AUTH)
async def logout() -> JSONResponse:
    response = JSONResponse({"success": True})
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_PATH)
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


@router.post("/v1/auth/blacklist", tags=AUTH)
async def blacklist(session: DbSession, actor: CurrentUser) -> JSONResponse:
    """Every token of the caller issued before now stops working, access tokens included."""
    user = await session.get(User, actor.id)
    assert user is not None
    service.revoke_tokens(user)
    return JSONResponse({"success": True})
