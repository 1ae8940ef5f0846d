"""Starting an export or import job, and what a job's state reads as: who may start one (the
event's owner, organizers and co-organizers, or an admin), and who may see it (its starter,
or for an export anyone who may still export the event)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hallway.aftercommit import on_commit
from hallway.auth.actor import Actor
from hallway.auth.policy import actor_of
from hallway.errors import Forbidden, ObjectNotFound
from hallway.events.service import find_visible_event
from hallway.exports.models import SUCCESS, DataJob
from hallway.jobs import JobsNotStarted, enqueue
from hallway.jsonapi import RequestContext
from hallway.roles.policy import COORGANIZERS, grants

log = logging.getLogger("hallway.exports")
RUN = "exports.run"
LINK_SECONDS = 3600


async def may_export(ctx: RequestContext, event_id: int) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        return False
    if actor.is_staff:
        return True
    held = (await grants(ctx)).get(event_id, frozenset())
    return bool(held & set(COORGANIZERS))


async def exportable_event(ctx: RequestContext, key: str) -> int:
    """The event `key` names when the caller may export it: 404 when they may not see it,
    403 when they see it but may not export it."""
    event_id = await find_visible_event(ctx, key)
    if not await may_export(ctx, event_id):
        raise Forbidden("Only the event's organizers may export it")
    return event_id


async def start(
    ctx: RequestContext,
    kind: str,
    *,
    event_id: int | None,
    options: str | None = None,
    content: bytes | None = None,
) -> DataJob:
    """A waiting job, run once the request's transaction commits."""
    actor = actor_of(ctx)
    assert actor is not None
    job = DataJob(kind=kind, event_id=event_id, user_id=actor.id, options=options, content=content)
    ctx.session.add(job)
    await ctx.session.flush()
    job_id = job.id
    on_commit(ctx.session, lambda: _run_soon(job_id))
    return job


async def _run_soon(job_id: str) -> None:
    try:
        await enqueue(RUN, job_id)
    except JobsNotStarted:
        log.warning("jobs are not running: data job %s waits", job_id)
    except Exception:
        log.exception("could not enqueue data job %s", job_id)


def task_url(job: DataJob) -> dict[str, str]:
    return {"task_url": f"/v1/tasks/{job.id}"}


def _signature(secret: str, job_id: str, expires: int) -> str:
    message = f"export:{job_id}:{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def download_url(job: DataJob, secret: str, base: str = "") -> str:
    """The file's URL (under `base`, the API's public address: the frontend fetches it as an
    outside address, from its own origin), with a token that lets a browser fetch it without
    a JWT header for LINK_SECONDS."""
    expires = int(time.time()) + LINK_SECONDS
    token = f"{expires}.{_signature(secret, job.id, expires)}"
    if job.event_id is None:
        return f"{base}/v1/exports/{job.id}/{job.filename}?token={token}"
    return f"{base}/v1/events/{job.event_id}/exports/{job.id}/{job.filename}?token={token}"


def link_valid(secret: str, job_id: str, token: str) -> bool:
    expires, _, signature = token.partition(".")
    if not expires.isdigit() or len(expires) > 12 or int(expires) < time.time():
        return False
    return hmac.compare_digest(signature, _signature(secret, job_id, int(expires)))


async def visible_job(ctx: RequestContext, actor: Actor, job_id: str) -> DataJob | None:
    """The job when the caller may see it; None when there is no such job; 404 when the
    caller may not see it."""
    job = await ctx.session.get(DataJob, job_id)
    if job is None:
        return None
    if job.user_id == actor.id or actor.is_staff:
        return job
    exported = job.kind.startswith("export.") and job.event_id is not None
    if exported and await may_export(ctx, job.event_id or 0):
        return job
    raise ObjectNotFound(f"no task {job_id}")


def job_status(job: DataJob, secret: str, base: str = "") -> dict[str, Any]:
    if job.state == SUCCESS:
        if job.kind.startswith("import."):
            result: dict[str, Any] = {"id": job.event_id}
        else:
            result = {"download_url": download_url(job, secret, base)}
        return {"state": job.state, "result": result}
    if job.state == "FAILURE":
        return {"state": job.state, "result": {"error": job.error}}
    return {"state": job.state, "result": {"progress": job.progress}}


async def job_for_download(
    session: AsyncSession, event_id: str | None, job_id: str
) -> DataJob | None:
    """The finished export `job_id`, when it is of the event `event_id` (None: of no event)."""
    job = await session.get(DataJob, job_id)
    of_event = None if job is None or job.event_id is None else str(job.event_id)
    if job is None or of_event != event_id or job.state != SUCCESS:
        return None
    if not job.kind.startswith("export."):
        return None
    return job


async def is_data_job(session: AsyncSession, job_id: str) -> bool:
    return await session.get(DataJob, job_id) is not None
