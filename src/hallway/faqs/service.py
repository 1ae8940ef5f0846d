"""Rules of FAQs that are not plain CRUD."""

from __future__ import annotations

from sqlalchemy import select

from hallway.errors import ValidationFailed
from hallway.faqs.models import Faq, FaqType
from hallway.jsonapi import RequestContext


async def check_type_of_same_event(ctx: RequestContext, faq: Faq) -> None:
    """A FAQ is filed under a type of its own event only."""
    if faq.faq_type_id is None:
        return
    event_id = await ctx.session.scalar(
        select(FaqType.event_id).where(FaqType.id == faq.faq_type_id)
    )
    if event_id != faq.event_id:
        raise ValidationFailed(
            "the FAQ type belongs to another event", pointer="/data/relationships/faq-type"
        )
