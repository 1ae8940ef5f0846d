"""The badge endpoints beside the CRUD ones, in plain JSON as the Open Event client calls them:
`POST /v1/badge-forms/preview-badge-pdf` (a sample badge of forms not saved yet),
`GET /v1/badge-forms/print-badge-pdf` (starts the print job; `{"task_url": ...}`),
`GET /v1/badge-forms/badge-pdfs/{id}` (the job's PDF), `GET /v1/tickets/{id}/badge-forms`
(the fields of a ticket's badge) and `POST /v1/events/{id}/badge-fonts` (a custom font)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.badges import service
from hallway.deps import DbSession, OptionalUser
from hallway.jsonapi import RequestContext
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["badge-form"], route_class=TransactionalRoute)
PDF = "application/pdf"


def _pdf(content: bytes, filename: str) -> Response:
    disposition = f'attachment; filename="{filename}"'
    return Response(content, media_type=PDF, headers={"Content-Disposition": disposition})


@router.post("/v1/badge-forms/preview-badge-pdf")
async def preview_badge_pdf(request: Request, session: DbSession, actor: OptionalUser) -> Response:
    """Body `{"badgeForms": [form, ...]}`: one page per form, with its fields' sample texts."""
    service.signed_in(actor)
    body = await service.body_of(request, service.PREVIEW_BODY)
    return _pdf(await service.preview(body), "badge-preview.pdf")


@router.get("/v1/badge-forms/print-badge-pdf")
async def print_badge_pdf(
    request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, str]:
    """`?attendee_id=`, `?ticket_id=` or `?event_id=` (id or identifier), with an optional
    `list_field_show=name,email`: the event's staff start the job that draws the badges."""
    ctx = RequestContext(request, session, service.signed_in(actor))
    return {"task_url": await service.start_printing(ctx, request.query_params)}


@router.get("/v1/badge-forms/badge-pdfs/{pdf_id}")
async def badge_pdf(
    pdf_id: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    ctx = RequestContext(request, session, service.signed_in(actor))
    return _pdf(await service.printed(ctx, pdf_id), f"badges-{pdf_id}.pdf")


@router.get("/v1/tickets/{ticket_id}/badge-forms")
async def ticket_badge_fields(
    ticket_id: str, request: Request, session: DbSession, actor: OptionalUser
) -> list[dict[str, Any]]:
    ctx = RequestContext(request, session, service.signed_in(actor))
    return await service.ticket_fields(ctx, ticket_id)


@router.post("/v1/events/{event}/badge-fonts", status_code=201)
async def upload_font(
    event: str, request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, Any]:
    """Body `{"name": "Lato", "data": "<base64 of a .ttf or .otf>"}`; a field whose
    `font_name` is that name is drawn with it."""
    ctx = RequestContext(request, session, service.signed_in(actor))
    return await service.add_font(ctx, event, await service.body_of(request, service.FONT_BODY))
