"""Forged, swapped, stale and malformed tokens are refused: a 401 with the flat `{"error": …}`
body Open Event clients expect from token failures, never a downgrade to an anonymous request,
and nothing written. Bob is the attacker and Ann the account he aims at."""

from __future__ import annotations

import base64
import json
import time
import uuid
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from jwt.warnings import InsecureKeyLengthWarning
from sqlalchemy import update

from hallway.auth import mailtokens
from hallway.users.models import User
from tests.appfixtures import PASSWORD, refresh_token
from tests.security.conftest import ANONYMOUS, Person, assert_clean_error

OTHER_KEY = "a-key-that-is-not-the-servers-but-long-enough"
INVALID = "Invalid token"
BAD_HEADER = "Bad Authorization header. Expected value 'JWT <JWT>'"


@dataclass
class Scene:
    client: Any
    app_db: Any
    secret: str
    ann: Person
    bob: Person


@pytest.fixture
def scene(client, app_db, app, ann, bob) -> Scene:
    return Scene(client, app_db, str(app.state.secret_key), ann, bob)


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _payload(token: str) -> dict[str, Any]:
    segment = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))))


def _with_payload(token: str, **changes: Any) -> str:
    """The token with its payload edited and its signature kept."""
    header, _, signature = token.split(".")
    return f"{header}.{_b64({**_payload(token), **changes})}.{signature}"


def claims(
    user_id: Any, type_: str = "access", *, expires_in: int = 600, valid_in: int = 0
) -> dict[str, Any]:
    """What the server puts in a token it issues now (times relative to now)."""
    now = int(time.time())
    times = {"iat": time.time(), "nbf": now + valid_in, "exp": now + expires_in}
    extra = {"jti": str(uuid.uuid4()), "fresh": True, "type": type_, "csrf": str(uuid.uuid4())}
    return {"identity": user_id, **times, **extra}


def _none_over_a_signature(s: Scene) -> str:
    """Claims for Ann under `alg: none`, with the signature of Bob's real token."""
    signature = s.bob.token.split(".")[2]
    return f"{_b64({'alg': 'none'})}.{_b64(claims(s.ann.id))}.{signature}"


def _hs512(s: Scene) -> str:
    with warnings.catch_warnings():  # the server's secret is short for SHA-512: that is fine
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
        return pyjwt.encode(claims(s.ann.id), s.secret, algorithm="HS512")


def _rsa_signed(payload: dict[str, Any]) -> str:
    """RS256 signed with cryptography itself: the server imports PyJWT without its RSA
    algorithms (it accepts HS256 only), and so may this process."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    header = {"alg": "RS256", "typ": "JWT"}
    signing_input = f"{_b64(header)}.{_b64(payload)}".encode()
    signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    encoded = base64.urlsafe_b64encode(signature).rstrip(b"=").decode()
    return f"{signing_input.decode()}.{encoded}"


def _mail_token(s: Scene, purpose: mailtokens.Purpose) -> str:
    return mailtokens.make(s.secret, purpose, user_id=s.ann.id, email=s.ann.email, seconds=600)


async def _deleted(s: Scene, token: str) -> str:
    response = await s.client.delete(f"/v1/users/{s.ann.id}", headers=s.ann.headers)
    assert response.status_code == 200, response.text
    return token


async def _blocked(s: Scene, token: str) -> str:
    async with s.app_db.sessions() as session, session.begin():
        await session.execute(update(User).where(User.id == s.ann.id).values(is_blocked=True))
    return token


async def _revoked(s: Scene, token: str) -> str:
    response = await s.client.post("/v1/auth/blacklist", headers=s.ann.headers)
    assert response.status_code == 200, response.text
    return token


Forge = Callable[[Scene], Awaitable[str]]


def made(make: Callable[[Scene], str]) -> Forge:
    async def forge(s: Scene) -> str:
        return make(s)

    return forge


def then(step: Callable[[Scene, str], Awaitable[str]], token: Forge) -> Forge:
    """Ann's token, after `step` (deleting, blocking or logging out everywhere)."""

    async def forge(s: Scene) -> str:
        return await step(s, await token(s))

    return forge


async def ann_refresh(s: Scene) -> str:
    return await refresh_token(s.client, s.ann.email)


def signed(type_: str, key: str | None = None, **times: int) -> Forge:
    """A token for Ann signed with HS256 by `key` (the server's secret by default)."""
    return made(lambda s: pyjwt.encode(claims(s.ann.id, type_, **times), key or s.secret))


def unsigned(type_: str) -> Forge:
    return made(lambda s: f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims(s.ann.id, type_))}.")


ann_access = made(lambda s: s.ann.token)
# name -> (the token sent as an access token, and the error it gets)
AS_ACCESS: dict[str, tuple[Forge, str]] = {
    "signed with another key": (signed("access", OTHER_KEY), INVALID),
    "alg none, unsigned": (unsigned("access"), INVALID),
    "alg none over a real signature": (made(_none_over_a_signature), INVALID),
    "HS512 with the server's own secret": (made(_hs512), INVALID),
    "RS256 with the caller's own key pair": (
        made(lambda s: _rsa_signed(claims(s.ann.id))),
        INVALID,
    ),
    "identity swapped, signature kept": (
        made(lambda s: _with_payload(s.bob.token, identity=s.ann.id)),
        INVALID,
    ),
    "another token's signature": (
        made(lambda s: ".".join([*s.ann.token.split(".")[:2], s.bob.token.split(".")[2]])),
        INVALID,
    ),
    "expiry pushed back, signature kept": (
        made(lambda s: _with_payload(s.ann.token, exp=int(time.time()) + 10**8)),
        INVALID,
    ),
    "expired": (signed("access", expires_in=-5), "Token has expired"),
    "not valid yet": (signed("access", valid_in=600), INVALID),
    "identity that is not a number": (
        made(lambda s: pyjwt.encode(claims(True), s.secret)),
        INVALID,
    ),
    "e-mail verification token": (made(lambda s: _mail_token(s, "verify")), INVALID),
    "password reset token": (made(lambda s: _mail_token(s, "reset")), INVALID),
    "refresh token": (ann_refresh, "Only access tokens are allowed"),
    "token of an account that never existed": (
        made(lambda s: pyjwt.encode(claims(10**6), s.secret)),
        "User not found",
    ),
    "token of a deleted account": (then(_deleted, ann_access), "User not found"),
    "token of a blocked account": (then(_blocked, ann_access), "Your account is blocked"),
    "token revoked by logging out everywhere": (
        then(_revoked, ann_access),
        "Token has been revoked",
    ),
}
# name -> (the token sent to refresh, and the error it gets)
AS_REFRESH: dict[str, tuple[Forge, str]] = {
    "access token": (ann_access, "Only refresh tokens are allowed"),
    "signed with another key": (signed("refresh", OTHER_KEY), INVALID),
    "alg none, unsigned": (unsigned("refresh"), INVALID),
    "retyped access token, signature kept": (
        made(lambda s: _with_payload(s.ann.token, type="refresh")),
        INVALID,
    ),
    "expired": (signed("refresh", expires_in=-5), "Token has expired"),
    "e-mail verification token": (made(lambda s: _mail_token(s, "verify")), INVALID),
    "refresh token of a deleted account": (then(_deleted, ann_refresh), "User not found"),
    "refresh token of a blocked account": (then(_blocked, ann_refresh), "Your account is blocked"),
    "refresh token revoked": (then(_revoked, ann_refresh), "Token has been revoked"),
}
# name -> (the Authorization header, "{ann}" standing for Ann's real token, and the error)
MALFORMED: dict[str, tuple[str, str]] = {
    "Bearer alone": ("Bearer", BAD_HEADER),
    "JWT alone": ("JWT", BAD_HEADER),
    "JWT and blanks": ("JWT    ", BAD_HEADER),
    "one character": ("JWT x", INVALID),
    "garbage base64": ("JWT @@@not*base64@@@", INVALID),
    "empty segments": ("JWT ..", INVALID),
    "junk segments": ("JWT a.b.c", INVALID),
    "Basic credentials": ("Basic YW5uQGV4YW1wbGUuY29tOnB3", BAD_HEADER),
    "unknown scheme, real token": ("Token {ann}", BAD_HEADER),
    "no scheme, real token": ("{ann}", BAD_HEADER),
    "two tokens": ("JWT {ann} {ann}", INVALID),
    "a fourth segment": ("JWT {ann}.e30", INVALID),
}


def rename(user_id: int) -> dict[str, Any]:
    return {"data": {"type": "user", "id": str(user_id), "attributes": {"first-name": "Mallory"}}}


async def assert_refused(s: Scene, stored_row, header: str, message: str) -> None:
    """Refused alike on a write, a JSON:API read and a custom route; Ann's account unchanged."""
    before = await stored_row(User, s.ann.id)
    headers = {"Authorization": header, "Content-Type": "application/vnd.api+json"}
    for method, path, body in (
        ("PATCH", f"/v1/users/{s.ann.id}", rename(s.ann.id)),
        ("GET", f"/v1/users/{s.ann.id}", None),
        ("GET", "/v1/users/user-details/get-user-id", None),
    ):
        response = await s.client.request(method, path, headers=headers, json=body)
        assert_clean_error(response, 401)
        assert response.json() == {"error": message}, (method, path)
    assert await stored_row(User, s.ann.id) == before


@pytest.mark.parametrize("case", AS_ACCESS)
async def test_a_forged_swapped_or_stale_access_token_is_refused(scene, stored_row, case):
    forge, message = AS_ACCESS[case]

    await assert_refused(scene, stored_row, f"JWT {await forge(scene)}", message)


@pytest.mark.parametrize("case", MALFORMED)
async def test_a_malformed_authorization_header_is_refused(scene, stored_row, case):
    header, message = MALFORMED[case]

    await assert_refused(scene, stored_row, header.format(ann=scene.ann.token), message)


@pytest.mark.parametrize("case", AS_REFRESH)
async def test_a_forged_or_stale_refresh_token_gets_no_access_token(scene, stored_row, case):
    forge, message = AS_REFRESH[case]
    token = await forge(scene)
    before = await stored_row(User, scene.ann.id)

    in_body = await scene.client.post("/v1/auth/token/refresh", json={"refresh_token": token})
    in_header = await scene.client.post(
        "/v1/auth/token/refresh", headers={"Authorization": f"JWT {token}"}
    )

    for response in (in_body, in_header):
        assert_clean_error(response, 401)
        assert response.json() == {"error": message}
    assert await stored_row(User, scene.ann.id) == before  # no access recorded


async def test_the_tokens_of_a_purged_account_do_not_open_the_next_account(
    client, admin, sign_in, stored_row
):
    gone = await sign_in("gone@example.com")  # the newest account
    refresh = await refresh_token(client, gone.email)
    purged = await client.delete(f"/v1/users/{gone.id}?permanent=true", headers=admin.headers)
    assert purged.status_code == 200, purged.text
    body = {
        "data": {"type": "user", "attributes": {"email": "cleo@example.com", "password": PASSWORD}}
    }
    signed_up = await client.post("/v1/users", json=body, headers=ANONYMOUS)
    cleo = int(signed_up.json()["data"]["id"])
    before = await stored_row(User, cleo)

    read = await client.get(f"/v1/users/{cleo}", headers=gone.headers)
    change = await client.patch(f"/v1/users/{cleo}", headers=gone.headers, json=rename(cleo))
    renewed = await client.post("/v1/auth/token/refresh", json={"refresh_token": refresh})

    for response in (read, change, renewed):
        assert_clean_error(response, 401)
        assert response.json() == {"error": "User not found"}
    assert await stored_row(User, cleo) == before
