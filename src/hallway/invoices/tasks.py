"""The invoice jobs: issue last month's invoices, each with its PDF mailed to the billed
user (hourly; each invoice is issued once), and remind the billed users of unpaid invoices
past due (hourly; once per invoice per `documents.REMIND_EVERY`)."""

from __future__ import annotations

from datetime import UTC, datetime

from hallway.invoices.documents import document_and_mail, remind_overdue
from hallway.invoices.service import issue_invoices
from hallway.jobs.catalog import JobContext, periodic, task

ISSUE = "invoices.issue"
ISSUE_SECONDS = 3600.0
REMIND = "invoices.remind"
REMIND_SECONDS = 3600.0


@task(ISSUE)
async def issue(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        made = await issue_invoices(session, datetime.now(UTC))
        for invoice_id in made:
            await document_and_mail(session, ctx.settings, invoice_id)
    return {"issued": len(made)}


@task(REMIND)
async def remind(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        reminded = await remind_overdue(session, ctx.settings, datetime.now(UTC))
    return {"reminded": len(reminded)}


periodic(ISSUE, seconds=ISSUE_SECONDS)
periodic(REMIND, seconds=REMIND_SECONDS)
