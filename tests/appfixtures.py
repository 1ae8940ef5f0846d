"""Fixtures for tests of the real application: app, HTTP client, SMTP server, users."""

from __future__ import annotations

import asyncio
import socket
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from httpx import AsyncClient

from hallway.aftercommit import drain
from hallway.auth.passwords import hash_password
from hallway.config import Settings
from hallway.db import Database
from hallway.jobs import start_jobs, stop_jobs
from hallway.main import create_app
from hallway.users.models import User
from tests.conftest import clean_app_tables, client_for

PASSWORD = "correct horse battery"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hallway-media-"))
JSONAPI = "application/vnd.api+json"


@dataclass
class Mailbox:
    """What a real SMTP server received."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    @staticmethod
    def text(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def smtp() -> Iterator[tuple[Controller, Mailbox]]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


@pytest.fixture
def mailbox(smtp: tuple[Controller, Mailbox]) -> Mailbox:
    smtp[1].messages.clear()
    return smtp[1]


@pytest.fixture
def settings(database_url: str, smtp: tuple[Controller, Mailbox]) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key-for-hallway-tests",
        mail_backend="smtp",
        smtp_host="127.0.0.1",
        smtp_port=smtp[0].port,
        frontend_url="https://frontend.test",
        redis_url=None,
        upload_dir=MEDIA_ROOT,
    )


@pytest.fixture
async def app(settings: Settings, app_db: Database) -> AsyncIterator[FastAPI]:
    """The app as `hallway run` serves it; jobs run in-process (the lifespan's work)."""
    await start_jobs(settings, app_db, periodic={})
    yield create_app(settings, database=app_db)
    async with asyncio.timeout(30):
        await drain()
    await stop_jobs()
    await clean_app_tables(app_db)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with client_for(app) as http:
        yield http


_HASH: dict[str, str] = {}


async def make_user(db: Database, email: str, *, password: str = PASSWORD, **flags: Any) -> User:
    """A stored account (hashing the shared test password only once per run)."""
    if password not in _HASH:
        _HASH[password] = await hash_password(password)
    async with db.sessions() as session, session.begin():
        user = User(email=email, password_hash=_HASH[password], **{"is_verified": True, **flags})
        session.add(user)
    return user


async def login(client: AsyncClient, email: str, password: str = PASSWORD, **extra: Any) -> str:
    response = await client.post(
        "/auth/session", json={"email": email, "password": password, **extra}
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def refresh_token(client: AsyncClient, email: str, password: str = PASSWORD) -> str:
    """A remember-me login's refresh token, asked for in the answer's body."""
    body = {"email": email, "password": password, "remember-me": True}
    response = await client.post("/auth/session", json={**body, "include-in-response": True})
    assert response.status_code == 200, response.text
    return str(response.json()["refresh_token"])


def jwt(token: str) -> dict[str, str]:
    return {"Authorization": f"JWT {token}", "Content-Type": JSONAPI}


async def settle() -> None:
    """Let after-commit work (mail delivery) finish."""
    async with asyncio.timeout(30):
        await drain()
