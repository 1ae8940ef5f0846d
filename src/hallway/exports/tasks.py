"""The data job: run the export or import a `DataJob` row asks for, recording its progress
as it goes and its outcome at the end. An import's event and the job's success commit
together; a failed import leaves nothing but the failed job."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from hallway.events.models import Event
from hallway.events.service import random_identifier
from hallway.exports.access import CHECK_INS, FOLLOWERS, SALES
from hallway.exports.archive import event_files, zip_files
from hallway.exports.media import media_files
from hallway.exports.mediaimport import take_media
from hallway.exports.models import FAILURE, SUCCESS, WAITING, DataJob
from hallway.exports.platform import admin_sales, group_followers, user_check_ins
from hallway.exports.restore import ImportProblem, read_archive, restore
from hallway.exports.service import RUN
from hallway.exports.tables import TABLES, to_csv, to_pdf
from hallway.jobs.catalog import JobContext, task
from hallway.jsonapi import RequestContext
from hallway.schedules import ical, pentabarf, xcal
from hallway.schedules.service import schedule_of
from hallway.uploads.options import UploadOptions

log = logging.getLogger("hallway.exports")
Runner = Callable[[JobContext, DataJob], Awaitable[None]]


async def _set(ctx: JobContext, job_id: str, **values: Any) -> None:
    async with ctx.db.sessions() as session, session.begin():
        await session.execute(update(DataJob).where(DataJob.id == job_id).values(**values))


def _progress(ctx: JobContext, job_id: str) -> Callable[[int], Awaitable[None]]:
    async def report(percent: int) -> None:
        await _set(ctx, job_id, progress=percent)

    return report


async def _finish(ctx: JobContext, job: DataJob, content: bytes, filename: str, media: str) -> None:
    await _set(
        ctx, job.id, state=SUCCESS, progress=100, content=content, filename=filename,
        media_type=media, finished_at=datetime.now(UTC),
    )  # fmt: skip


async def _identifier(ctx: JobContext, event_id: int) -> str:
    async with ctx.db.sessions() as session:
        return str(await session.scalar(select(Event.identifier).where(Event.id == event_id)))


async def export_json(ctx: JobContext, job: DataJob) -> None:
    assert job.event_id is not None
    async with ctx.db.sessions() as session:
        files = await event_files(session, job.event_id, _progress(ctx, job.id))
    asked = {kind for kind, wanted in json.loads(job.options or "{}").items() if wanted is True}
    options = UploadOptions.from_settings(ctx.settings)
    media = await asyncio.to_thread(media_files, files, options, asked)
    content = await asyncio.to_thread(zip_files, files, media)
    name = f"event-{await _identifier(ctx, job.event_id)}.zip"
    await _finish(ctx, job, content, name, "application/zip")


def _table_export(what: str, fmt: str) -> Runner:
    async def run(ctx: JobContext, job: DataJob) -> None:
        assert job.event_id is not None
        async with ctx.db.sessions() as session:
            table = await TABLES[what](session, job.event_id, job.options)
        await _set(ctx, job.id, progress=50)
        name = f"{what}-{await _identifier(ctx, job.event_id)}.{fmt}"
        if fmt == "csv":
            await _finish(ctx, job, to_csv(table), name, "text/csv")
        else:
            content = await asyncio.to_thread(to_pdf, what.capitalize(), table)
            await _finish(ctx, job, content, name, "application/pdf")

    return run


def _platform_export(kind: str) -> Runner:
    """The admin's sales and a group's followers (of no event), an event's check-ins."""

    async def run(ctx: JobContext, job: DataJob) -> None:
        async with ctx.db.sessions() as session:
            if kind == CHECK_INS:
                assert job.event_id is not None
                table = await user_check_ins(session, job.event_id, job.options)
                name = f"check-ins-{await _identifier(ctx, job.event_id)}.csv"
            elif kind == FOLLOWERS:
                table = await group_followers(session, job.options)
                name = f"followers-{json.loads(job.options or '{}')['group_id']}.csv"
            else:
                table = await admin_sales(session, job.options)
                name = f"sales-{datetime.now(UTC):%Y-%m-%d}.csv"
        await _finish(ctx, job, to_csv(table), name, "text/csv")

    return run


SCHEDULES: dict[str, tuple[str, str]] = {
    "ical": ("ics", "text/calendar"),
    "xcal": ("xcs", "application/calendar+xml"),
    "pentabarf": ("xml", "application/xml"),
}


def _schedule_export(fmt: str) -> Runner:
    """The event's schedule (its scheduled public sessions) as iCal, xCal or Pentabarf."""

    async def run(ctx: JobContext, job: DataJob) -> None:
        async with ctx.db.sessions() as session:
            event = await session.get(Event, job.event_id)
            assert event is not None
            schedule = await schedule_of(RequestContext(None, session, None), event)
        rendered: str | bytes = (
            ical.render(event, schedule)
            if fmt == "ical"
            else (xcal.render(schedule) if fmt == "xcal" else pentabarf.render(schedule))
        )
        content = rendered.encode() if isinstance(rendered, str) else rendered
        extension, media = SCHEDULES[fmt]
        await _finish(ctx, job, content, f"{event.identifier}.{extension}", media)

    return run


async def import_json(ctx: JobContext, job: DataJob) -> None:
    async with ctx.db.sessions() as session:
        data = await session.scalar(select(DataJob.content).where(DataJob.id == job.id))
    raw = bytes(data or b"")
    files = await asyncio.to_thread(read_archive, raw)
    options = UploadOptions.from_settings(ctx.settings)
    files, copies = await asyncio.to_thread(take_media, raw, files, options)
    await _set(ctx, job.id, progress=10)
    assert job.user_id is not None
    async with ctx.db.sessions() as session, session.begin():
        event_id = await restore(session, files, job.user_id, random_identifier())
        await copies.save()
        await session.execute(
            update(DataJob)
            .where(DataJob.id == job.id)
            .values(
                state=SUCCESS, progress=100, event_id=event_id, content=None,
                finished_at=datetime.now(UTC), options=json.dumps({"event_id": event_id}),
            )
        )  # fmt: skip


RUNNERS: dict[str, Runner] = {
    "export.json": export_json,
    "import.json": import_json,
    **{f"export.{fmt}": _schedule_export(fmt) for fmt in SCHEDULES},
    **{kind: _platform_export(kind) for kind in (SALES, FOLLOWERS, CHECK_INS)},
    **{
        f"export.{what}.{fmt}": _table_export(what, fmt)
        for what in TABLES
        for fmt in ("csv", "pdf")
    },
}


@task(RUN)
async def run(ctx: JobContext, job_id: str) -> dict[str, Any]:
    async with ctx.db.sessions() as session:
        job = await session.get(DataJob, job_id)
    if job is None or job.state != WAITING:
        return {"job": job_id, "ran": False}
    try:
        await RUNNERS[job.kind](ctx, job)
    except ImportProblem as exc:
        await _fail(ctx, job_id, str(exc))
    except Exception as exc:
        log.exception("data job %s (%s) failed", job_id, job.kind)
        await _fail(ctx, job_id, f"The job failed ({type(exc).__name__})")
    return {"job": job_id, "ran": True}


async def _fail(ctx: JobContext, job_id: str, error: str) -> None:
    await _set(ctx, job_id, state=FAILURE, error=error, content=None, finished_at=datetime.now(UTC))
