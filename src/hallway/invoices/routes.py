"""`GET /v1/events/invoices/{identifier}`: an event invoice's PDF, as the reference names it,
for the billed user, the event's owner and admins; anyone else learns nothing (404)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response

from hallway.deps import DbSession, OptionalUser
from hallway.errors import ObjectNotFound, Unauthorized
from hallway.invoices.models import EventInvoice, EventInvoiceDocument
from hallway.invoices.policy import readers
from hallway.jsonapi import RequestContext
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["event-invoice"], route_class=TransactionalRoute)
PDF = "application/pdf"
MAX_IDENTIFIER = 20


@router.get("/v1/events/invoices/{identifier}")
async def invoice_pdf(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    if actor is None:
        raise Unauthorized("Sign in first")
    if len(identifier) > MAX_IDENTIFIER or "\x00" in identifier:
        raise ObjectNotFound("event invoice not found")
    invoice = await session.scalar(
        select(EventInvoice).where(EventInvoice.identifier == identifier)
    )
    if invoice is None or not await readers.allows(
        RequestContext(request, session, actor), invoice
    ):
        raise ObjectNotFound("event invoice not found")
    content = await session.scalar(
        select(EventInvoiceDocument.content).where(EventInvoiceDocument.invoice_id == invoice.id)
    )
    if content is None:
        raise ObjectNotFound("The invoice's PDF is not made yet")
    disposition = f'inline; filename="invoice-{invoice.identifier}.pdf"'
    return Response(bytes(content), media_type=PDF, headers={"Content-Disposition": disposition})
