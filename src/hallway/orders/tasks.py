"""The order jobs: end the unpaid orders past their time, giving their tickets back."""

from __future__ import annotations

from hallway.jobs.catalog import JobContext, periodic, task
from hallway.orders.stock import expire_overdue

EXPIRE = "orders.expire"
EXPIRE_SECONDS = 60.0


@task(EXPIRE)
async def expire(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        ended = await expire_overdue(session)
    return {"expired": len(ended)}


periodic(EXPIRE, seconds=EXPIRE_SECONDS)
