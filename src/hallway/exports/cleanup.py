"""Stored exports are not kept for ever: every hour, the data jobs (with the files they made)
and the printed badge PDFs older than `EXPORT_RETENTION_DAYS` are deleted. Their download
links then answer 404, and their tasks are no longer known."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete

from hallway.badges.models import BadgePdf
from hallway.exports.models import DataJob
from hallway.jobs.catalog import JobContext, periodic, task

CLEAN = "exports.clean"
CLEAN_SECONDS = 3600.0


@task(CLEAN)
async def clean(ctx: JobContext) -> dict[str, int]:
    before = datetime.now(UTC) - timedelta(days=ctx.settings.export_retention_days)
    async with ctx.db.sessions() as session, session.begin():
        jobs = await session.execute(delete(DataJob).where(DataJob.created_at < before))
        badges = await session.execute(delete(BadgePdf).where(BadgePdf.created_at < before))
    return {"jobs": jobs.rowcount or 0, "badge_pdfs": badges.rowcount or 0}  # type: ignore[attr-defined]


periodic(CLEAN, seconds=CLEAN_SECONDS)
