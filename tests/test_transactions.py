"""Custom routes run in one transaction: committed after the endpoint returned and before the
answer is sent, rolled back when anything raised; mail queued in it leaves only after the
commit. Through HTTP on the real app, with a few test-only routes beside the real ones."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import func, select
from starlette.requests import Request

from hallway.aftercommit import drain, on_commit
from hallway.auth.passwords import verify_password
from hallway.config import Settings
from hallway.db import Database
from hallway.deps import DbSession, _session
from hallway.errors import Conflict
from hallway.jobs import start_jobs, stop_jobs
from hallway.jsonapi import JsonApi
from hallway.mail import OutboxMail, queue_mail
from hallway.main import create_app
from hallway.registry import register_all
from hallway.transactions import TransactionalRoute
from hallway.users.models import User
from tests import appfixtures
from tests.appfixtures import PASSWORD, Mailbox, login, make_user, settle
from tests.conftest import clean_app_tables

# The real app's fixtures; `app` itself is defined below, with the test-only routes added.
client, mailbox, settings, smtp = (
    appfixtures.client,
    appfixtures.mailbox,
    appfixtures.settings,
    appfixtures.smtp,
)

probes = APIRouter(route_class=TransactionalRoute)
plain = APIRouter()


class Observed:
    """What the test-only routes saw while their transaction was still open."""

    def __init__(self) -> None:
        self.seen: dict[str, Any] = {}


async def _rename_and_mail(session: DbSession, email: str) -> None:
    """Stage a change and a mail, both flushed (so written to the database) but uncommitted."""
    user = await session.scalar(select(User).where(User.email == email))
    assert user is not None
    user.first_name = "Changed"
    await queue_mail(
        session,
        to=email,
        template="password_changed",
        context={"app_name": "Hallway", "user_name": "Ann"},
    )
    await session.flush()


@probes.post("/testing/write-then-refuse")
async def write_then_refuse(request: Request, session: DbSession) -> dict[str, str]:
    await _rename_and_mail(session, (await request.json())["email"])
    raise Conflict("refused after writing")


@probes.post("/testing/write-then-crash")
async def write_then_crash(request: Request, session: DbSession) -> dict[str, str]:
    await _rename_and_mail(session, (await request.json())["email"])
    raise RuntimeError("a bug after writing")


@probes.post("/testing/write-and-mail")
async def write_and_mail(request: Request, session: DbSession) -> dict[str, str]:
    email = (await request.json())["email"]
    await _rename_and_mail(session, email)
    observed: Observed = request.app.state.observed
    box: Mailbox = request.app.state.mailbox
    db: Database = request.app.state.db

    async def after_commit() -> None:
        observed.seen["outbox rows after commit"] = await _outbox_rows(db, email)
        observed.seen["name after commit"] = await _first_name(db, email)

    on_commit(session, after_commit)
    await drain()  # anything already started in the background has ended
    observed.seen["mails before commit"] = len(box.to(email))
    observed.seen["outbox rows before commit"] = await _outbox_rows(db, email)
    return {"status": "written"}


@probes.post("/testing/commit-fails")
async def commit_fails(request: Request, session: DbSession) -> dict[str, str]:
    """The mail is flushed; the duplicate address only fails when the commit flushes it."""
    email = (await request.json())["email"]
    await _rename_and_mail(session, email)
    session.add(User(email=email.upper(), password_hash="x"))
    return {"status": "written"}


@plain.post("/testing/no-transaction")
async def no_transaction(session: DbSession) -> dict[str, str]:
    return {"status": "should not get here"}


def _register(app: FastAPI, api: JsonApi) -> None:
    register_all(app, api)
    app.include_router(probes)
    app.include_router(plain)


@pytest.fixture
async def app(
    settings: Settings,
    app_db: Database,
    mailbox: Mailbox,
) -> AsyncIterator[FastAPI]:
    await start_jobs(settings, app_db, periodic={})
    app = create_app(settings, database=app_db, register=_register)
    app.state.observed = Observed()
    app.state.mailbox = mailbox
    yield app
    async with asyncio.timeout(30):
        await drain()
    await stop_jobs()
    await clean_app_tables(app_db)


async def _outbox_rows(db: Database, email: str) -> int:
    async with db.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(OutboxMail).where(OutboxMail.recipient == email)
        )
    return int(count or 0)


async def _first_name(db: Database, email: str) -> str | None:
    async with db.sessions() as session:
        return await session.scalar(select(User.first_name).where(User.email == email))


async def _stored(db: Database, email: str) -> User:
    async with db.sessions() as session:
        user = await session.scalar(select(User).where(User.email == email))
    assert user is not None
    return user


# -- the real routes --------------------------------------------------------------------------
async def test_a_changed_password_is_stored_and_mailed_after_a_200(client, app_db, mailbox):
    await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    response = await client.post(
        "/v1/auth/change-password",
        headers={"Authorization": f"JWT {token}"},
        json={"data": {"old-password": PASSWORD, "new-password": "a brand new secret"}},
    )
    await settle()

    assert response.status_code == 200, response.text
    assert response.json()["password-changed"] is True
    stored = await _stored(app_db, "ann@example.com")
    assert await verify_password(stored.password_hash, "a brand new secret")
    assert await _outbox_rows(app_db, "ann@example.com") == 1
    (message,) = mailbox.to("ann@example.com")
    assert "password" in str(message["Subject"]).lower()


async def test_blacklisting_is_stored_and_refuses_the_old_token(client, app_db):
    await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")
    auth = {"Authorization": f"JWT {token}"}
    assert (await client.get("/v1/users/user-details/get-user-id", headers=auth)).status_code == 200

    response = await client.post("/v1/auth/blacklist", headers=auth)

    assert response.status_code == 200 and response.json() == {"success": True}
    assert (await _stored(app_db, "ann@example.com")).tokens_valid_after is not None
    refused = await client.get("/v1/users/user-details/get-user-id", headers=auth)
    assert refused.status_code == 401


async def test_a_refused_fresh_login_drops_the_rehash_it_had_staged(client, app_db):
    """Checking Bob's password replaces his outdated hash in the session; the request then
    fails because the token is Ann's, so the new hash must not be stored."""
    await make_user(app_db, "ann@example.com")
    bob = await make_user(app_db, "bob@example.com")
    older = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    async with app_db.sessions() as session, session.begin():
        stored = await session.get(User, bob.id)
        assert stored is not None
        stored.password_hash = older
    token = await login(client, "ann@example.com")

    response = await client.post(
        "/v1/auth/fresh-login",
        headers={"Authorization": f"JWT {token}"},
        json={"email": "bob@example.com", "password": PASSWORD},
    )

    assert response.status_code == 401 and response.json() == {"error": "Invalid Credentials"}
    assert (await _stored(app_db, "bob@example.com")).password_hash == older


# -- test-only routes on the same transaction boundary ----------------------------------------
async def test_a_refusal_after_writing_stores_nothing_and_mails_nothing(client, app_db, mailbox):
    await make_user(app_db, "ann@example.com", first_name="Ann")

    response = await client.post("/testing/write-then-refuse", json={"email": "ann@example.com"})
    await settle()

    assert response.status_code == 409
    assert response.json()["errors"][0]["detail"] == "refused after writing"
    assert await _first_name(app_db, "ann@example.com") == "Ann"
    assert await _outbox_rows(app_db, "ann@example.com") == 0
    assert mailbox.to("ann@example.com") == []


async def test_an_unexpected_error_after_writing_stores_nothing_and_mails_nothing(
    client,
    app_db,
    mailbox,
):
    await make_user(app_db, "ann@example.com", first_name="Ann")

    response = await client.post("/testing/write-then-crash", json={"email": "ann@example.com"})
    await settle()

    assert response.status_code == 500
    assert await _first_name(app_db, "ann@example.com") == "Ann"
    assert await _outbox_rows(app_db, "ann@example.com") == 0
    assert mailbox.to("ann@example.com") == []


async def test_queued_mail_leaves_only_after_the_commit(client, app, app_db, mailbox):
    await make_user(app_db, "ann@example.com", first_name="Ann")

    response = await client.post("/testing/write-and-mail", json={"email": "ann@example.com"})
    await settle()

    assert response.status_code == 200 and response.json() == {"status": "written"}
    assert app.state.observed.seen == {
        "mails before commit": 0,
        "outbox rows before commit": 0,
        "outbox rows after commit": 1,
        "name after commit": "Changed",
    }
    assert await _first_name(app_db, "ann@example.com") == "Changed"
    assert len(mailbox.to("ann@example.com")) == 1


async def test_a_failing_commit_is_an_error_answer_and_sends_no_mail(client, app_db, mailbox):
    await make_user(app_db, "ann@example.com", first_name="Ann")

    response = await client.post("/testing/commit-fails", json={"email": "ann@example.com"})
    await settle()

    assert response.status_code == 500
    assert "written" not in response.text
    assert await _first_name(app_db, "ann@example.com") == "Ann"
    assert await _outbox_rows(app_db, "ann@example.com") == 0
    assert mailbox.to("ann@example.com") == []


async def test_a_session_outside_a_transactional_route_is_refused(client):
    response = await client.post("/testing/no-transaction")

    assert response.status_code == 500
    assert "should not get here" not in response.text


# -- wiring -----------------------------------------------------------------------------------
def _takes_session(dependant: Any) -> bool:
    return any(dep.call is _session or _takes_session(dep) for dep in dependant.dependencies)


async def test_every_custom_route_taking_a_session_is_transactional(
    settings: Settings,
    app_db: Database,
) -> None:
    app = create_app(settings, database=app_db)
    with_session = [
        context.original_route
        for context in iter_route_contexts(app.router.routes)
        if isinstance(context.original_route, APIRoute)
        and _takes_session(context.original_route.dependant)
    ]

    assert len(with_session) >= 10
    assert [route.path for route in with_session if not isinstance(route, TransactionalRoute)] == []
