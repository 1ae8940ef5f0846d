"""JSON Web Tokens (HS256) in the Open Event shape: `identity` is the user id."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from hallway.errors import Unauthorized
from hallway.supervision import optional_imports_hidden

# Only HMAC tokens (HS256): PyJWT without its RSA and EC algorithms, which import
# cryptography's OpenSSL bindings (about 8 MB in every process).
with optional_imports_hidden(("cryptography",)):
    import jwt as jwt  # mailtokens signs with it too

TokenType = Literal["access", "refresh"]
ALGORITHM = "HS256"


class TokenRefused(Unauthorized):
    """JWT failures answer a flat `{"error": …}` 401, as Open Event clients expect."""

    flat = True


@dataclass(frozen=True)
class Claims:
    identity: int
    type: str
    fresh: bool
    issued_at: float
    csrf: str
    jti: str
    session: str
    """The login this token came from: its access and refresh tokens share it."""
    expires_at: float = 0.0
    """When the token stops being accepted (its `exp`, seconds since the epoch)."""


def new_session() -> str:
    return uuid.uuid4().hex


def issue(
    secret: str,
    user_id: int,
    *,
    type_: TokenType,
    fresh: bool,
    seconds: int,
    session: str | None = None,
) -> str:
    """A signed token; `session` names the login it belongs to (a new one when omitted)."""
    now = time.time()
    payload: dict[str, Any] = {
        "identity": user_id,
        "iat": now,
        "nbf": int(now),
        "exp": int(now + seconds),
        "jti": str(uuid.uuid4()),
        "fresh": fresh,
        "type": type_,
        "csrf": str(uuid.uuid4()),
        "sid": session or new_session(),
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


# Payloads of tokens whose signature and claims were checked, by (secret, token). A client sends
# the same token with every request until it expires; checking its signature again would give
# the same answer. The time claims are checked again on every use.
_VERIFIED: dict[tuple[str, str], dict[str, Any]] = {}
_VERIFIED_MAX = 4096


def _verified(secret: str, token: str) -> dict[str, Any]:
    key = (secret, token)
    payload = _VERIFIED.get(key)
    if payload is not None:
        now = time.time()
        if now >= payload["exp"]:
            raise TokenRefused("Token has expired")
        if now < payload.get("nbf", 0):
            raise TokenRefused("Invalid token")
        return payload
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "identity", "type"]},
        )
    except jwt.ExpiredSignatureError:
        raise TokenRefused("Token has expired") from None
    except jwt.InvalidTokenError:
        raise TokenRefused("Invalid token") from None
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()
    _VERIFIED[key] = payload
    return payload


def read(secret: str, token: str, *, expected: TokenType) -> Claims:
    payload = _verified(secret, token)
    if payload.get("type") != expected:
        raise TokenRefused(f"Only {expected} tokens are allowed")
    identity = payload["identity"]
    if not isinstance(identity, int) or isinstance(identity, bool):
        raise TokenRefused("Invalid token")
    return Claims(
        identity=identity,
        type=payload["type"],
        fresh=bool(payload.get("fresh")),
        issued_at=float(payload["iat"]),
        csrf=str(payload.get("csrf", "")),
        jti=str(payload.get("jti", "")),
        session=str(payload.get("sid", "")),
        expires_at=float(payload["exp"]),
    )


def bearer(header: str | None) -> str | None:
    """The token of an `Authorization: JWT <t>` or `Bearer <t>` header."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() not in ("jwt", "bearer") or not token.strip():
        raise TokenRefused("Bad Authorization header. Expected value 'JWT <JWT>'")
    return token.strip()
