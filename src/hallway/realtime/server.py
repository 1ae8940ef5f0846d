"""The Socket.IO server mounted at `/socket.io/`: namespace `/notifs`, one room per user.

A connection proves who it is with an access token of the API, sent in the connect `auth`
payload (`{"token": "<jwt>"}` or `{"Authorization": "JWT <jwt>"}`), in an `Authorization`
header, or as the `token` query parameter. It joins its user's room; naming another user's
room (`user` in the auth payload or query, or a later `join` event) is refused. The server
disconnects a connection when its token expires (see `expiry`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI

from hallway.auth.tokens import TokenRefused, bearer, read
from hallway.realtime import hub
from hallway.realtime.expiry import Expiries
from hallway.users.authentication import actor_for

REFUSED_ROOM = "Not your room"


def mount_live(app: FastAPI) -> None:
    """Build the server (Redis-managed when REDIS_URL is set), mount it, and push through it."""
    import socketio  # the web app's alone: job processes never import it

    url = app.state.settings.redis_url
    manager = socketio.AsyncRedisManager(url, channel=hub.channel_of(url)) if url else None
    server = socketio.AsyncServer(
        async_mode="asgi",
        client_manager=manager,
        cors_allowed_origins=[],  # the app's CORS middleware answers for every path
        logger=False,
        engineio_logger=False,
    )
    _handle(server, app)
    app.mount("/socket.io", socketio.ASGIApp(server, socketio_path=None))
    app.state.live = server
    hub.serve(server)


async def stop_live(app: FastAPI) -> None:
    """End the server's background work: its pings and, with Redis, its listener."""
    server = app.state.live
    hub.stop_serving(server)
    app.state.live_expiries.stop()
    await server.shutdown()
    listener = getattr(server.manager, "thread", None)
    if listener is not None:
        listener.cancel()


def _handle(server: Any, app: FastAPI) -> None:
    from socketio.exceptions import ConnectionRefusedError as Refused

    expiries = app.state.live_expiries = Expiries(server)

    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        try:
            user_id, expires_at = await _caller(app, environ, auth)
        except TokenRefused as refused:
            raise Refused(refused.detail) from None
        asked = _asked_user(environ, auth)
        if asked is not None and asked != str(user_id):
            raise Refused(REFUSED_ROOM)
        await server.save_session(sid, {"user": user_id}, namespace=hub.NAMESPACE)
        await server.enter_room(sid, hub.room_of(user_id), namespace=hub.NAMESPACE)
        expiries.watch(sid, expires_at)

    async def disconnect(sid: str, *reason: Any) -> None:
        expiries.forget(sid)

    async def join(sid: str, data: Any = None) -> dict[str, Any]:
        """Acknowledges the room of the connection's own user; refuses any other."""
        own = (await server.get_session(sid, namespace=hub.NAMESPACE))["user"]
        wanted = data.get("user") if isinstance(data, dict) else data
        if str(wanted) != str(own):
            return {"error": REFUSED_ROOM}
        return {"room": hub.room_of(own)}

    server.on("connect", connect, namespace=hub.NAMESPACE)
    server.on("join", join, namespace=hub.NAMESPACE)
    server.on("disconnect", disconnect, namespace=hub.NAMESPACE)


async def _caller(app: FastAPI, environ: dict[str, Any], auth: Any) -> tuple[int, float]:
    """The caller's user id and when their token expires."""
    token = _token_of(environ, auth)
    if not token:
        raise TokenRefused("Missing Authorization Header")
    claims = read(app.state.secret_key, token, expected="access")
    async with app.state.db.sessions() as session:
        actor = await actor_for(session, claims)  # blocked, revoked or deleted: refused
    return int(actor.id), claims.expires_at


def _token_of(environ: dict[str, Any], auth: Any) -> str | None:
    if isinstance(auth, dict):
        if isinstance(auth.get("token"), str):
            return str(auth["token"])
        header = auth.get("Authorization") or auth.get("authorization")
        if isinstance(header, str):
            return bearer(header)
    header = environ.get("HTTP_AUTHORIZATION")
    if header:
        return bearer(header)
    return _query(environ, "token")


def _asked_user(environ: dict[str, Any], auth: Any) -> str | None:
    if isinstance(auth, dict) and auth.get("user") is not None:
        return str(auth["user"])
    return _query(environ, "user")


def _query(environ: dict[str, Any], name: str) -> str | None:
    values = parse_qs(environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else None
