"""The session jobs: reject the proposals still pending when their event has ended."""

from __future__ import annotations

# A worker imports only the task modules: the models sessions link to come along.
import hallway.program.models  # noqa: F401
from hallway.jobs.catalog import JobContext, periodic, task
from hallway.sessions.submissions import reject_pending_of_ended_events

REJECT = "sessions.reject_overdue"
REJECT_SECONDS = 3600.0


@task(REJECT)
async def reject_overdue(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        rejected = await reject_pending_of_ended_events(session)
    return {"rejected": rejected}


periodic(REJECT, seconds=REJECT_SECONDS)
