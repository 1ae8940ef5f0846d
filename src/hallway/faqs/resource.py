"""`faq` and `faq-type`: `/v1/faqs`, `/v1/faq-types`, both under their event
(`/v1/events/{id|identifier}/faqs`), a type's FAQs (`/v1/faq-types/{id}/faqs`) and a FAQ's
type (`/v1/faqs/{id}/faq-type`)."""

from __future__ import annotations

from hallway.faqs import service
from hallway.faqs.models import Faq, FaqType, faq_types_of, faqs_of
from hallway.faqs.policy import faq_policy, faq_type_policy
from hallway.faqs.schemas import FaqCreate, FaqTypeCreate, FaqTypeUpdate, FaqUpdate
from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate


def faq_resource() -> Resource:
    return Resource(
        type="faq",
        model=Faq,
        attributes=("question", "answer", "deleted_at"),
        create=FaqCreate,
        update=FaqUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "faq_type": ToOne("faq-type", writable=True),
        },
        filters=("question", "answer", "deleted_at", "event", "faq_type"),
        sorts=("question", "id"),
        soft_delete=True,
        policy=faq_policy,
        hooks=Hooks(
            before_create=service.check_type_of_same_event,
            before_update=service.check_type_of_same_event,
        ),
    )


def faq_type_resource() -> Resource:
    return Resource(
        type="faq-type",
        model=FaqType,
        attributes=("name",),
        create=FaqTypeCreate,
        update=FaqTypeUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "faqs": ToMany("faq"),
        },
        filters=("name", "event", "faqs"),
        sorts=("name", "id"),
        policy=faq_type_policy,
    )


def faq_resources() -> list[Resource]:
    return [faq_resource(), faq_type_resource()]


def faq_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            faqs=ToMany("faq", orm=faqs_of),
            faq_types=ToMany("faq-type", orm=faq_types_of),
        )
    ]
