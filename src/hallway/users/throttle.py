"""How fast anyone may guess a password, ask for account mail or sign up.

Limits on an account alone would let a stranger lock its owner out: eleven wrong guesses a
minute from anywhere and the owner's right password is refused too. So guesses are counted per
(account, address) and per address, and the account-wide count only ever stops addresses that
have already failed on that account: once an account is under attack from many places, each
attacking address is held off for the hour while an address with no failures — the owner's —
still gets in. This follows the OWASP Authentication Cheat Sheet's advice against lockouts a
third party can trigger, and the (username, address) lockout pairs of django-axes.
"""

from __future__ import annotations

from starlette.requests import Request

from hallway.auth.ratelimit import Limiter, client_ip, enforce, too_many
from hallway.config import Settings

HOUR = 3600


def _limiter(request: Request) -> Limiter:
    limiter: Limiter = request.app.state.limiter
    return limiter


def _account(email: str) -> str:
    return email.strip().lower()


async def before_guess(request: Request, settings: Settings, email: str) -> None:
    """Count a login attempt; 429 when this address, or this address on this account, is over
    its limit, or when the account is under attack and this address has failed on it."""
    per_minute, ip, account = settings.login_limit_per_minute, client_ip(request), _account(email)
    await enforce(request, f"login:ip:{ip}", per_minute * 5, 60)
    await enforce(request, f"login:account-ip:{account}:{ip}", per_minute, 60)
    limiter = _limiter(request)
    failures, retry_after = await limiter.peek(f"login:failed:{account}")
    under_attack = failures > settings.login_account_failures_per_hour
    if under_attack and (await limiter.peek(f"login:failed:{account}:{ip}"))[0] > 0:
        raise too_many(retry_after, limit="login")


async def after_failure(request: Request, email: str) -> None:
    """A wrong password: counted against the account and against this address on it."""
    limiter, account = _limiter(request), _account(email)
    await limiter.hit(f"login:failed:{account}", 0, HOUR)
    await limiter.hit(f"login:failed:{account}:{client_ip(request)}", 0, HOUR)


async def before_mail(request: Request, settings: Settings, kind: str, email: str) -> None:
    """Reset and verification mails: per address, per (account, address), and past the
    account's hourly total only from addresses that have not asked for it yet."""
    ip, account = client_ip(request), _account(email)
    await enforce(request, f"{kind}:ip:{ip}", 10, 60)
    limiter = _limiter(request)
    asked_here = (await limiter.peek(f"{kind}:email-ip:{account}:{ip}"))[0]
    await enforce(request, f"{kind}:email-ip:{account}:{ip}", settings.reset_limit_per_hour, HOUR)
    over = await limiter.hit(f"{kind}:email:{account}", settings.reset_account_limit_per_hour, HOUR)
    if over and asked_here:
        raise too_many(over, limit=kind)


async def before_sign_up(request: Request, settings: Settings) -> None:
    """Each sign-up hashes a password and mails an address of the caller's choosing."""
    await enforce(request, f"signup:ip:{client_ip(request)}", settings.signup_limit_per_hour, HOUR)
    await enforce(request, "signup:all", settings.signup_limit_per_minute, 60)
