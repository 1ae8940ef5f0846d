"""The session jobs: reject the proposals still pending when their event has ended; make a
speaker's photo in the speaker image sizes."""

from __future__ import annotations

# A worker imports only the task modules: the models sessions link to come along.
import hallway.program.models  # noqa: F401
from hallway.jobs.catalog import JobContext, periodic, task
from hallway.sessions.photos import RESIZE, resize_photo
from hallway.sessions.submissions import reject_pending_of_ended_events

REJECT = "sessions.reject_overdue"
REJECT_SECONDS = 3600.0


@task(REJECT)
async def reject_overdue(ctx: JobContext) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        rejected = await reject_pending_of_ended_events(session)
    return {"rejected": rejected}


@task(RESIZE)
async def speaker_photo(ctx: JobContext, speaker_id: int, url: str) -> dict[str, int]:
    async with ctx.db.sessions() as session, session.begin():
        made = await resize_photo(session, ctx.settings, speaker_id, url)
    return {"speaker_id": speaker_id, "sizes": made}


periodic(REJECT, seconds=REJECT_SECONDS)
