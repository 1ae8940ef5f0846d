"""The mail jobs: deliver one mail (after its commit) and sweep the due ones."""

from __future__ import annotations

from hallway.jobs.catalog import JobContext, periodic, task
from hallway.mail.delivery import deliver_due, deliver_mail

DELIVER = "mail.deliver"
SWEEP = "mail.sweep"
SWEEP_SECONDS = 30.0


@task(DELIVER)
async def deliver(ctx: JobContext, mail_id: int) -> dict[str, object]:
    outcome = await deliver_mail(ctx.db, ctx.settings, mail_id)
    return {"mail_id": mail_id, "outcome": outcome.value}


@task(SWEEP)
async def sweep(ctx: JobContext) -> dict[str, int]:
    return await deliver_due(ctx.db, ctx.settings)


periodic(SWEEP, seconds=SWEEP_SECONDS)
