"""The badge job: print the badges a staff member asked for and keep the PDF."""

from __future__ import annotations

from hallway.badges.documents import Selection, print_badges
from hallway.badges.images import backgrounds_for
from hallway.jobs.catalog import JobContext, task
from hallway.orders.documents import api_base

PRINT = "badges.print"


def pdf_path(pdf_id: int) -> str:
    return f"/v1/badge-forms/badge-pdfs/{pdf_id}"


@task(PRINT)
async def print_pdf(
    ctx: JobContext,
    event_id: int,
    ticket_id: int | None = None,
    attendee_id: int | None = None,
    shown: list[str] | None = None,
) -> dict[str, object]:
    chosen = Selection(event_id, ticket_id, attendee_id, tuple(shown or ()))
    async with ctx.db.sessions() as session, session.begin():
        backgrounds = await backgrounds_for(session, ctx.settings)
        made = await print_badges(session, chosen, backgrounds)
    return {"download_url": api_base(ctx.settings) + pdf_path(made.id), "badges": made.badges}
