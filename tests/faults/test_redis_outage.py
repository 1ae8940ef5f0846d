"""Redis stopped and started under `hallway run --workers 2` and a Celery worker with beat:
login and reads keep working while it is down, sign-ups too, and every mail queued meanwhile
reaches the SMTP server once Redis is back (the outbox's sweep, run by the worker)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from tests.faults.load import JSONAPI, Tally, admin_headers, create_admin, login, send
from tests.faults.services import Child, HallwayServer, Redis, hallway_command, wait_for
from tests.mail.servers import SmtpServer

SIGN_UPS = 5
DELIVERY_LIMIT_SECONDS = 150.0
SLOWEST_ANSWER_SECONDS = 5.0


def sign_up(email: str) -> dict[str, object]:
    attributes = {"email": email, "password": "a long enough password"}
    return {"data": {"type": "user", "attributes": attributes}}


async def test_a_redis_outage_keeps_login_and_reads_and_mail_queued_meanwhile_is_delivered(
    base_env: dict[str, str], workdir: Path, running_redis: Redis, smtp_server: SmtpServer
) -> None:
    env = base_env | {
        "REDIS_URL": running_redis.url,
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
        "SMTP_ENCRYPTION": "none",
    }
    create_admin(env, workdir)
    server = HallwayServer(workdir, env, workers=2)
    server.start()
    worker = Child("worker-beat", hallway_command("worker", "--beat", "--pool=solo"), workdir, env)
    tally = Tally()
    emails = [f"outage-{n}-{int(time.time())}@example.com" for n in range(SIGN_UPS)]
    try:
        await asyncio.to_thread(wait_for, lambda: "ready." in worker.log(), 120, "worker ready")
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
            headers = await admin_headers(client)
            await asyncio.to_thread(running_redis.stop)
            down = time.monotonic()
            for email in emails:
                tally.record(await login(client))
                tally.record(await send(client, "GET", "/v1/events", headers=headers))
                tally.record(await send(client, "GET", "/v1/events"))
                tally.record(
                    await send(
                        client, "POST", "/v1/users", json=sign_up(email),
                        headers={"Content-Type": JSONAPI},
                    )
                )  # fmt: skip
            outage_seconds = time.monotonic() - down
            await asyncio.to_thread(running_redis.start)
            back = time.monotonic()
            while not set(emails) <= {to for m in smtp_server.received for to in m.rcpt_tos}:
                if time.monotonic() - back > DELIVERY_LIMIT_SECONDS:
                    raise AssertionError(
                        f"mail not delivered; answers {tally.summary()}; the server's log:\n"
                        f"{server.process and server.process.log()}\n"
                        f"the worker's log:\n{worker.log()}"
                    )
                await asyncio.sleep(0.5)
            delivered = time.monotonic() - back
            after = await login(client)
    finally:
        worker.stop()
        server.stop()

    received = [to for message in smtp_server.received for to in message.rcpt_tos]
    print(
        f"\n[faults] Redis outage of {outage_seconds:.1f} s: answers during it {tally.summary()};"
        f" {SIGN_UPS} sign-up mails queued during it, {sum(e in received for e in emails)}"
        f" delivered {delivered:.1f} s after Redis was back; 5xx: {tally.five_hundreds}"
    )
    assert tally.five_hundreds == 0, tally.server_errors[:3]
    assert set(tally.statuses) <= {200, 201}, tally.summary()
    # Queuing the job of a mail must not hold the request (it did for 25-40 s).
    assert tally.slowest < SLOWEST_ANSWER_SECONDS, tally.summary()
    assert all(received.count(email) == 1 for email in emails), received
    assert after.status_code == 200
