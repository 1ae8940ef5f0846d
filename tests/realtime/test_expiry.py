"""A live connection ends when the access token it connected with expires: the server
disconnects it at the token's expiry, while connections with tokens still valid stay open
and keep hearing their notifications."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from hallway.auth import tokens
from hallway.db import Database
from tests.orders.served import served
from tests.realtime.helpers import NAMESPACE, Listener, propose, two_owners
from tests.realtime.test_live import SECRET, identity

LIFETIME = 2  # seconds the short token lives
WAIT = LIFETIME + 3.0  # its expiry, with room for a loaded machine


def watch_disconnect(listener: Listener) -> asyncio.Event:
    ended = asyncio.Event()

    async def disconnected(*reason: object) -> None:
        ended.set()

    listener.sio.on("disconnect", disconnected, namespace=NAMESPACE)
    return ended


async def test_the_server_closes_a_connection_when_its_token_expires(
    app: FastAPI, app_db: Database
) -> None:
    async with served(app, connections=8) as http:
        owners = await two_owners(http, app_db)
        owner = identity(owners.token("owner"))
        short = tokens.issue(SECRET, owner, type_="access", fresh=True, seconds=LIFETIME)
        expiring, lasting = Listener(), Listener()
        ended, lasting_ended = watch_disconnect(expiring), watch_disconnect(lasting)
        await expiring.connect(str(http.base_url), auth={"token": short})
        await lasting.connect(str(http.base_url), auth={"token": owners.token("owner")})
        try:
            connected_at_first = expiring.sio.connected
            async with asyncio.timeout(WAIT):
                await ended.wait()
            await propose(http, owners.first, "After the expiry")
            heard = await lasting.next()
            still_open = lasting.sio.connected and not lasting_ended.is_set()
        finally:
            await lasting.close()
            await expiring.close()

    assert connected_at_first
    assert not expiring.sio.connected
    assert expiring.received == []
    assert still_open
    assert "After the expiry" in heard["data"]["attributes"]["message"]


async def test_a_connection_that_ends_first_leaves_no_timer(app: FastAPI, app_db: Database) -> None:
    async with served(app, connections=4) as http:
        owners = await two_owners(http, app_db)
        listener = Listener()
        await listener.connect(str(http.base_url), auth={"token": owners.token("owner")})
        watched_while_open = app.state.live_expiries.watched
        await listener.close()
        for _ in range(100):  # the server hears the close shortly after the client
            if not app.state.live_expiries.watched:
                break
            await asyncio.sleep(0.05)

    assert watched_while_open == 1
    assert app.state.live_expiries.watched == 0
