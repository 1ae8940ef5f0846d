"""The order jobs: end the unpaid orders past their time, giving their tickets back; make a
completed order's documents (and, every few minutes, those a lost job did not make)."""

from __future__ import annotations

from hallway.jobs.catalog import JobContext, periodic, task
from hallway.orders.completion import DOCUMENTS
from hallway.orders.documents import make_documents, undocumented
from hallway.orders.stock import expire_overdue

EXPIRE = "orders.expire"
EXPIRE_SECONDS = 60.0
DOCUMENTS_SWEEP = "orders.documents_sweep"
DOCUMENTS_SWEEP_SECONDS = 300.0
SWEEP_BATCH = 20


@task(EXPIRE)
async def expire(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        ended = await expire_overdue(session)
    return {"expired": len(ended)}


@task(DOCUMENTS)
async def documents(ctx: JobContext, order_id: int) -> dict[str, object]:
    async with ctx.db.sessions() as session, session.begin():
        made = await make_documents(session, ctx.settings, order_id)
    return {"order_id": order_id, "made": made}


@task(DOCUMENTS_SWEEP)
async def documents_sweep(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session:
        waiting = await undocumented(session, SWEEP_BATCH)
    made = 0
    for order_id in waiting:
        async with ctx.db.sessions() as session, session.begin():
            made += await make_documents(session, ctx.settings, order_id)
    return {"made": made}


periodic(EXPIRE, seconds=EXPIRE_SECONDS)
periodic(DOCUMENTS_SWEEP, seconds=DOCUMENTS_SWEEP_SECONDS)
