"""The export and import routes: each starts a job and answers `{"task_url": …}`, polled at
`GET /v1/tasks/{id}` (state WAITING with its progress, then SUCCESS with the download URL or
the imported event's id, or FAILURE with the reason); the file is read at
`GET /v1/events/{id}/exports/{job}/{filename}` by those who may export the event."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from hallway.auth.actor import Actor, secret_of
from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest, ObjectNotFound, Unauthorized, ValidationFailed
from hallway.exports import access, service
from hallway.exports.mediaimport import read_media
from hallway.exports.restore import MAX_ZIP_BYTES, ImportProblem, read_archive
from hallway.exports.tables import SESSION_STATES
from hallway.jobs.routes import get_task_status
from hallway.jsonapi import RequestContext
from hallway.transactions import TransactionalRoute
from hallway.uploads.parts import read_file_parts
from hallway.uploads.storage import uploads_of

router = APIRouter(tags=["export"], route_class=TransactionalRoute)
MEDIA = ("image", "video", "document", "audio")


async def _signed_in(actor: OptionalUser) -> Actor:
    if actor is None:
        raise Unauthorized("Sign in first")
    return actor


SignedIn = Annotated[Actor, Depends(_signed_in)]


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise BadRequest("The body is not JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("The body is not a JSON object")
    return body


async def _begin(
    request: Request, session: DbSession, actor: Actor, key: str, kind: str, options: str | None
) -> dict[str, str]:
    ctx = RequestContext(request, session, actor)
    event_id = await service.exportable_event(ctx, key)
    job = await service.start(ctx, kind, event_id=event_id, options=options)
    return service.task_url(job)


@router.post("/v1/events/{key}/export/json")
async def export_json(
    key: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, str]:
    """The options say which media to add; each must be a boolean."""
    body = await _json_body(request)
    for name, value in body.items():
        if name in MEDIA and not isinstance(value, bool):
            raise ValidationFailed(f"{name} is true or false", pointer=f"/{name}")
    options = json.dumps({name: body.get(name, False) for name in MEDIA})
    return await _begin(request, session, actor, key, "export.json", options)


@router.get("/v1/events/{key}/export/{fmt}")
async def export_schedule(
    key: str, fmt: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, str]:
    """The schedule as an iCal, xCal or Pentabarf file."""
    if fmt not in ("ical", "xcal", "pentabarf"):
        raise ObjectNotFound(f"no export as {fmt}")
    return await _begin(request, session, actor, key, f"export.{fmt}", None)


@router.get("/v1/events/{key}/export/{what}/{fmt}")
async def export_table(
    key: str, what: str, fmt: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, str]:
    if what not in ("orders", "attendees", "sessions", "speakers") or fmt not in ("csv", "pdf"):
        raise ObjectNotFound(f"no export of {what} as {fmt}")
    return await _begin(request, session, actor, key, f"export.{what}.{fmt}", None)


@router.post("/v1/events/{key}/export/{what}/csv")
async def export_talks_csv(
    key: str, what: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, str]:
    """Sessions or speakers, filtered by the session state in `status` (`all` by default)."""
    if what not in ("sessions", "speakers"):
        raise ObjectNotFound(f"no export of {what} as csv")
    status = (await _json_body(request)).get("status", "all")
    if status not in ("all", *SESSION_STATES):
        raise ValidationFailed(
            f"status is all or one of {', '.join(SESSION_STATES)}", pointer="/status"
        )
    return await _begin(request, session, actor, key, f"export.{what}.csv", status)


@router.get("/v1/events/{event_id}/exports/{job_id}/{filename}")
async def download(
    event_id: str,
    job_id: str,
    filename: str,
    request: Request,
    session: DbSession,
    actor: OptionalUser,
    token: str = "",
) -> Response:
    """With the link's token (from the task's result), or as someone who may export."""
    ctx = RequestContext(request, session, actor)
    return await serve_file(request, ctx, event_id, job_id, filename, token)


async def serve_file(
    request: Request,
    ctx: RequestContext,
    event_id: str | None,
    job_id: str,
    filename: str,
    token: str,
) -> Response:
    """The file of the finished export `job_id` of the event `event_id` (None: of no event),
    to the holder of the link's token or to someone who may fetch it; 404 to anyone else."""
    linked = bool(token) and service.link_valid(secret_of(request), job_id, token)
    if not linked and ctx.actor is None:
        raise Unauthorized("Sign in first, or use the link the task gave")
    job = await service.job_for_download(ctx.session, event_id, job_id)
    if job is None or job.filename != filename:
        raise ObjectNotFound("no such export")
    if not linked and not await access.may_fetch(ctx, job):
        raise ObjectNotFound("no such export")
    await ctx.session.refresh(job, ["content"])
    disposition = f'attachment; filename="{job.filename}"'
    return Response(
        job.content or b"",
        media_type=job.media_type or "application/octet-stream",
        headers={"Content-Disposition": disposition},
    )


@router.post("/v1/events/import/{source}")
async def import_event(
    source: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, str]:
    """A zip made by the JSON export (multipart field `file`): checked here (422 when it
    cannot be imported), made into a draft event by the job."""
    if source != "json":
        raise ValidationFailed("Only json imports are supported", parameter="source")
    parts = await read_file_parts(request, MAX_ZIP_BYTES, 1)
    if not parts or parts[0].field_name != "file":
        raise BadRequest("Send the zip in the multipart field file")
    data = bytes(parts[0].data)
    try:
        read_archive(data)
        read_media(data, uploads_of(request).options)
    except ImportProblem as exc:
        raise ValidationFailed(str(exc), pointer="/file") from None
    ctx = RequestContext(request, session, actor)
    job = await service.start(ctx, "import.json", event_id=None, content=data)
    return service.task_url(job)


@router.get("/v1/tasks/{task_id}")
async def task_status(
    task_id: str, request: Request, session: DbSession, actor: OptionalUser
) -> Any:
    """A data job's state for those who may see it; any other job as the job runner has it."""
    if actor is not None:
        job = await service.visible_job(RequestContext(request, session, actor), actor, task_id)
        if job is not None:
            public = (request.app.state.settings.public_url or "").rstrip("/")
            return service.job_status(job, secret_of(request), public)
    elif await service.is_data_job(session, task_id):
        raise ObjectNotFound(f"no task {task_id}")
    return await get_task_status(task_id)
