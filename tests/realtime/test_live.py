"""Live notifications over Socket.IO (namespace `/notifs`) from one server: each signed-in
connection hears its own user's notifications, within a second of the commit, as JSON:API
documents; nobody else's; and connections without a valid access token, or that ask for
another user's room, are refused."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Literal

import jwt
import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from socketio.exceptions import ConnectionError as NotConnected

from hallway.auth import tokens
from hallway.db import Database
from hallway.notifications.models import Notification
from tests.appfixtures import settle
from tests.orders.served import served
from tests.realtime.helpers import QUIET_SECONDS, Listener, propose, two_owners

SECRET = "test-secret-key-for-hallway-tests"


def identity(token: str) -> int:
    return int(jwt.decode(token, options={"verify_signature": False})["identity"])


async def test_each_owner_hears_only_their_own_notification_within_a_second(
    app: FastAPI, app_db: Database
) -> None:
    async with served(app, connections=8) as http:
        owners = await two_owners(http, app_db)
        first, second = Listener(), Listener()
        await first.connect(str(http.base_url), auth={"token": owners.token("owner")})
        await second.connect(str(http.base_url), auth={"token": owners.token("stranger")})
        try:
            await propose(http, owners.first, "Rust at scale")
            started = time.monotonic()
            pushed = await first.next()
            first_took = time.monotonic() - started
            await propose(http, owners.second, "Go for gophers")
            other = await second.next()
            await settle()
            await asyncio.sleep(QUIET_SECONDS)
        finally:
            await first.close()
            await second.close()
        stored = await http.get(
            f"/v1/notifications/{pushed['data']['id']}",
            headers={"Authorization": f"JWT {owners.token('owner')}"},
        )

    assert first_took < 1.0
    assert [len(first.received), len(second.received)] == [1, 1]
    assert stored.status_code == 200, stored.text
    assert pushed["data"] == stored.json()["data"]
    assert pushed["data"]["attributes"]["title"].startswith("New session proposal for ")
    assert "Rust at scale" in pushed["data"]["attributes"]["message"]
    assert other["data"]["relationships"]["user"]["data"] == {
        "type": "user",
        "id": str(identity(owners.token("stranger"))),
    }
    assert "Go for gophers" in other["data"]["attributes"]["message"]


async def test_every_open_connection_of_the_user_hears_it_by_any_transport(
    app: FastAPI, app_db: Database
) -> None:
    async with served(app, connections=8) as http:
        owners = await two_owners(http, app_db)
        token = owners.token("owner")
        by_header, by_query, by_payload = Listener(), Listener(), Listener()
        await by_header.connect(
            str(http.base_url),
            headers={"Authorization": f"JWT {token}"},
            transports=["polling", "websocket"],
        )
        await by_query.connect(f"{http.base_url}?token={token}")
        await by_payload.connect(str(http.base_url), auth={"Authorization": f"JWT {token}"})
        listeners = (by_header, by_query, by_payload)
        try:
            await propose(http, owners.first, "Talk")
            heard = [await listener.next() for listener in listeners]
        finally:
            for listener in listeners:
                await listener.close()

    assert heard[0] == heard[1] == heard[2]


async def test_a_rolled_back_notification_is_never_pushed(
    app: FastAPI, app_db: Database, client: AsyncClient
) -> None:
    async with served(app, connections=4) as http:
        owners = await two_owners(http, app_db)
        owner_id = identity(owners.token("owner"))
        listener = Listener()
        await listener.connect(str(http.base_url), auth={"token": owners.token("owner")})
        try:
            async with app_db.sessions() as session, session.begin():
                session.add(Notification(user_id=owner_id, title="Rolled back"))
                await session.flush()
                await session.rollback()
            await settle()
            await asyncio.sleep(QUIET_SECONDS)
            quiet = list(listener.received)
            async with app_db.sessions() as session, session.begin():
                session.add(Notification(user_id=owner_id, title="Committed"))
            committed = await listener.next()
        finally:
            await listener.close()

    assert quiet == []
    assert committed["data"]["attributes"]["title"] == "Committed"


def _token(
    user_id: int, *, seconds: int = 60, type_: Literal["access", "refresh"] = "access"
) -> str:
    return tokens.issue(SECRET, user_id, type_=type_, fresh=True, seconds=seconds)


async def test_a_connection_without_a_valid_token_or_for_another_room_is_refused(
    app: FastAPI, app_db: Database
) -> None:
    async with served(app, connections=4) as http:
        owners = await two_owners(http, app_db)
        owner, stranger = identity(owners.token("owner")), identity(owners.token("stranger"))
        cases: dict[str, dict[str, Any]] = {
            "no token": {},
            "bad token": {"auth": {"token": "not-a-jwt"}},
            "expired token": {"auth": {"token": _token(stranger, seconds=-10)}},
            "refresh token": {"auth": {"token": _token(stranger, type_="refresh")}},
            "bad header": {"headers": {"Authorization": f"Basic {owners.token('stranger')}"}},
            "foreign room": {"auth": {"token": owners.token("owner"), "user": stranger}},
            "foreign room in the query": {
                "auth": {"token": owners.token("owner")},
                "user": stranger,
            },
        }
        watcher, refused = Listener(), {name: Listener() for name in cases}
        await watcher.connect(str(http.base_url), auth={"token": owners.token("stranger")})
        for name, options in cases.items():
            url = str(http.base_url)
            if "user" in options:
                url += f"?user={options.pop('user')}"
            with pytest.raises(NotConnected):
                await refused[name].connect(url, **options)
        await propose(http, owners.second, "Private talk")
        await watcher.next()
        await asyncio.sleep(QUIET_SECONDS)
        await watcher.close()

    assert {name: bool(listener.refusal) for name, listener in refused.items()} == dict.fromkeys(
        cases, True
    )
    assert [listener.received for listener in refused.values()] == [[]] * len(cases)
    assert owner != stranger


async def test_joining_another_users_room_is_refused(app: FastAPI, app_db: Database) -> None:
    async with served(app, connections=4) as http:
        owners = await two_owners(http, app_db)
        owner, stranger = identity(owners.token("owner")), identity(owners.token("stranger"))
        listener = Listener()
        await listener.connect(str(http.base_url), auth={"token": owners.token("owner")})
        try:
            foreign = await listener.sio.call("join", {"user": stranger}, namespace="/notifs")
            own = await listener.sio.call("join", {"user": owner}, namespace="/notifs")
            await propose(http, owners.second, "Not for the owner")
            await settle()
            await asyncio.sleep(QUIET_SECONDS)
        finally:
            await listener.close()

    assert foreign == {"error": "Not your room"}
    assert own == {"room": f"user:{owner}"}
    assert listener.received == []
