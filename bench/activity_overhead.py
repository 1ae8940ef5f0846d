"""CPU per write of the audit log: `PATCH /v1/events/{id}` in-process, with the activity
listener installed and removed, in interleaved rounds.

    DATABASE_URL=sqlite+aiosqlite:////tmp/bench.db uv run python bench/activity_overhead.py N
    DATABASE_URL=postgresql://…/db uv run python bench/activity_overhead.py N

The database is migrated and gets one verified account and its event; each round sends N
PATCHes (`time.process_time` of this process, the app and its database driver included).
"""

from __future__ import annotations

import asyncio
import secrets
import sys
import time

from httpx import ASGITransport, AsyncClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from hallway import migrate
from hallway.activity import recorder
from hallway.auth.passwords import hash_password
from hallway.config import Settings
from hallway.main import create_app
from hallway.users.models import User

EMAIL, PASSWORD = "bench-activity@example.com", "bench password 1234"
JSONAPI = "application/vnd.api+json"


async def account(app: object, email: str) -> None:
    db = app.state.db  # type: ignore[attr-defined]
    async with db.sessions() as session, session.begin():
        password_hash = await hash_password(PASSWORD)
        session.add(User(email=email, password_hash=password_hash, is_verified=True))


async def rounds(http: AsyncClient, event_id: str, count: int) -> None:
    async def patch(i: int) -> None:
        body = {"data": {"type": "event", "id": event_id, "attributes": {"name": f"Bench {i}"}}}
        answer = await http.patch(f"/v1/events/{event_id}", json=body)
        assert answer.status_code == 200, answer.text

    inside = [0.0]

    def timed_listener(session: Session, context: object) -> None:
        started = time.process_time()
        recorder._after_flush(session, context)  # type: ignore[arg-type]
        inside[0] += time.process_time() - started

    for i in range(50):
        await patch(i)
    for n in range(3):
        for on in (True, False):
            if on:
                event.listen(Session, "after_flush", timed_listener)
            else:
                event.remove(Session, "after_flush", timed_listener)
            inside[0] = 0.0
            started = time.process_time()
            for i in range(count):
                await patch(i)
            spent = (time.process_time() - started) * 1000 / count
            listener = f", listener {inside[0] * 1000 / count:.3f}" if on else ""
            print(f"round {n + 1} activity {'on ' if on else 'off'}: {spent:.3f}{listener}")
    event.listen(Session, "after_flush", recorder._after_flush)
    print("(CPU-ms per PATCH; listener: inside the after_flush listener, its INSERT included)")


async def main(count: int) -> None:
    settings = Settings(secret_key=secrets.token_urlsafe(32), redis_url=None)
    await asyncio.to_thread(migrate.upgrade, settings.database_url)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://b") as http:
            email = f"{time.time_ns()}-{EMAIL}"
            await account(app, email)
            login = await http.post("/auth/session", json={"email": email, "password": PASSWORD})
            http.headers.update(
                {"Authorization": f"JWT {login.json()['access_token']}", "Content-Type": JSONAPI}
            )
            attributes = {
                "name": "Bench",
                "starts-at": "2031-06-01T09:00:00+00:00",
                "ends-at": "2031-06-02T09:00:00+00:00",
                "timezone": "UTC",
            }
            body = {"data": {"type": "event", "attributes": attributes}}
            made = await http.post("/v1/events", json=body)
            assert made.status_code == 201, made.text
            # The listener is installed on import: the first round starts by removing it.
            event.remove(Session, "after_flush", recorder._after_flush)
            await rounds(http, made.json()["data"]["id"], count)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
