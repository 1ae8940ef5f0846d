"""The real app (tests.appfixtures), signed-in people of every standing, and a way to read a
stored row back whole, so that a refused request can be shown to have changed nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from hallway.db import Database
from tests.appfixtures import JSONAPI, app, client, jwt, login, mailbox, make_user, settings, smtp  # noqa: F401

ANONYMOUS = {"Content-Type": JSONAPI}
# Text that only a leaked traceback or an unhandled error would put in a body.
TRACE_MARKERS = ("Traceback", 'File "', "sqlalchemy", "Error:", "hallway/")


@dataclass(frozen=True)
class Person:
    """A stored, signed-in account: its id, address and access token."""

    id: int
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return jwt(self.token)


SignIn = Callable[..., Awaitable[Person]]


@pytest.fixture
def sign_in(client: AsyncClient, app_db: Database) -> SignIn:  # noqa: F811
    """`await sign_in(email, **flags)`: a stored account, logged in once."""

    async def make(email: str, **flags: Any) -> Person:
        user = await make_user(app_db, email, **flags)
        return Person(user.id, email, await login(client, email))

    return make


@pytest.fixture
async def ann(sign_in: SignIn) -> Person:
    """A plain verified user."""
    return await sign_in("ann@example.com", first_name="Ann")


@pytest.fixture
async def bob(sign_in: SignIn) -> Person:
    """Another plain verified user: the stranger of most tests."""
    return await sign_in("bob@example.com", first_name="Bob")


@pytest.fixture
async def admin(sign_in: SignIn) -> Person:
    return await sign_in("admin@example.com", is_admin=True)


@pytest.fixture
async def root(sign_in: SignIn) -> Person:
    return await sign_in("root@example.com", is_admin=True, is_super_admin=True)


StoredRow = Callable[[type[Any], int], Awaitable[dict[str, Any] | None]]


@pytest.fixture
def stored_row(app_db: Database) -> StoredRow:
    """`await stored_row(Model, id)`: every column of that row as stored (None when gone)."""

    async def read(model: type[Any], id_: int) -> dict[str, Any] | None:
        table = model.__table__
        async with app_db.engine.connect() as conn:
            found = (await conn.execute(select(table).where(table.c.id == id_))).first()
        return None if found is None else dict(found._mapping)

    return read


def assert_clean_error(response: Any, status: int) -> None:
    """A refusal with the expected status whose body is a well-formed error document (JSON:API
    `errors`, or the flat `{"error": …}` of token failures) with no trace of the server's
    insides."""
    assert response.status_code == status, response.text
    body = response.json()
    if "errors" in body:
        assert body["errors"] and all(str(e["status"]) == str(status) for e in body["errors"])
    else:
        assert set(body) == {"error"} and isinstance(body["error"], str), body
    for marker in TRACE_MARKERS:
        assert marker not in response.text, (marker, response.text)
