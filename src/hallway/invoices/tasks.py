"""The invoice job: issue last month's invoices (hourly; each invoice is issued once)."""

from __future__ import annotations

from datetime import UTC, datetime

from hallway.invoices.service import issue_invoices
from hallway.jobs.catalog import JobContext, periodic, task

ISSUE = "invoices.issue"
ISSUE_SECONDS = 3600.0


@task(ISSUE)
async def issue(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        made = await issue_invoices(session, datetime.now(UTC), ctx.settings.frontend_url)
    return {"issued": len(made)}


periodic(ISSUE, seconds=ISSUE_SECONDS)
