"""Signed, expiring, single-use tokens sent by e-mail. Nothing about them is stored:

- a verification token names the address it verifies, so it stops working once the account is
  verified or its address changes;
- a reset token names the address it was mailed to and carries a fingerprint of the current
  password hash, so it stops working as soon as the address or the password changes (by this
  token or otherwise).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any, Literal

from hallway.auth.tokens import jwt  # HMAC only, as there

Purpose = Literal["verify", "reset"]


@dataclass(frozen=True)
class MailToken:
    user_id: int
    email: str
    fingerprint: str


class MailTokenInvalid(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _key(secret: str, purpose: Purpose) -> str:
    return f"{secret}:mail-token:{purpose}"


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:32]


def make(
    secret: str, purpose: Purpose, *, user_id: int, email: str, fingerprint: str = "", seconds: int
) -> str:
    now = int(time.time())
    payload: dict[str, Any] = {
        "purpose": purpose,
        "uid": user_id,
        "email": email,
        "fp": fingerprint,
        "iat": now,
        "exp": now + seconds,
    }
    return jwt.encode(payload, _key(secret, purpose), algorithm="HS256")


def read(secret: str, purpose: Purpose, token: str) -> MailToken:
    try:
        payload = jwt.decode(
            token,
            _key(secret, purpose),
            algorithms=["HS256"],
            options={"require": ["exp", "uid", "purpose"]},
        )
    except jwt.ExpiredSignatureError:
        raise MailTokenInvalid("The link has expired") from None
    except jwt.InvalidTokenError:
        raise MailTokenInvalid("The link is invalid") from None
    if payload.get("purpose") != purpose:
        raise MailTokenInvalid("The link is invalid")
    return MailToken(int(payload["uid"]), str(payload.get("email", "")), str(payload.get("fp", "")))
