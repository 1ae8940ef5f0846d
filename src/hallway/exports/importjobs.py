"""`GET /v1/import-jobs[/{id}]`: the caller's imports (an admin sees everyone's), as JSON:API
`import-job` objects: task, starts-at, result (the new event's id) and result-status."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import ColumnElement, func, select
from starlette.requests import Request
from starlette.responses import Response

from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest, ObjectNotFound, Unauthorized
from hallway.exports.models import DataJob
from hallway.jsonapi.serialize import encode
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["import-job"], route_class=TransactionalRoute)
JSONAPI = "application/vnd.api+json"
MAX_PAGE = 100
MAX_PAGE_NUMBER = 1_000_000


def _object(job: DataJob) -> dict[str, Any]:
    return {
        "type": "import-job",
        "id": job.id,
        "attributes": {
            "task": job.id,
            "starts-at": job.created_at.isoformat(),
            "result": "" if job.event_id is None else str(job.event_id),
            "result-status": job.state,
        },
        "links": {"self": f"/v1/import-jobs/{job.id}"},
    }


def _page(request: Request) -> tuple[int, int]:
    try:
        size = int(request.query_params.get("page[size]", "10"))
        number = int(request.query_params.get("page[number]", "1"))
    except ValueError:
        raise BadRequest("page[size] and page[number] are numbers") from None
    if size < 0 or not 1 <= number <= MAX_PAGE_NUMBER:
        raise BadRequest(f"page[size] is 0 or more, page[number] 1 to {MAX_PAGE_NUMBER}")
    return min(size, MAX_PAGE) if size else MAX_PAGE, number


@router.get("/v1/import-jobs")
async def import_jobs(request: Request, session: DbSession, actor: OptionalUser) -> Response:
    if actor is None:
        raise Unauthorized("Sign in first")
    where: list[ColumnElement[bool]] = [DataJob.kind.like("import.%")]
    if not actor.is_staff:
        where.append(DataJob.user_id == actor.id)
    size, number = _page(request)
    count = await session.scalar(select(func.count()).select_from(DataJob).where(*where))
    jobs = await session.scalars(
        select(DataJob).where(*where).order_by(DataJob.created_at, DataJob.id)
        .limit(size).offset(size * (number - 1))
    )  # fmt: skip
    document = {
        "data": [_object(job) for job in jobs],
        "links": {"self": "/v1/import-jobs"},
        "meta": {"count": int(count or 0)},
        "jsonapi": {"version": "1.0"},
    }
    return Response(encode(document), media_type=JSONAPI)


@router.get("/v1/import-jobs/{job_id}")
async def import_job(job_id: str, session: DbSession, actor: OptionalUser) -> Response:
    if actor is None:
        raise Unauthorized("Sign in first")
    job = await session.get(DataJob, job_id)
    if (
        job is None
        or not job.kind.startswith("import.")
        or not (job.user_id == actor.id or actor.is_staff)
    ):
        raise ObjectNotFound(f"no import job {job_id}")
    document = {"data": _object(job), "jsonapi": {"version": "1.0"}}
    return Response(encode(document), media_type=JSONAPI)
