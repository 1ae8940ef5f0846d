"""`/v1/event-copyrights` and `/v1/events/{id}/event-copyright`: one licence per event."""

from __future__ import annotations

from pydantic import Field

from hallway.auth.rules import is_admin
from hallway.events.models import EventCopyright
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Attributes, Int32, Policy, Resource, ToOne
from hallway.roles.rules import COORGANIZERS, event_role


class CopyrightCreate(Attributes):
    licence: str = Field(min_length=1, max_length=200)
    holder: str | None = Field(default=None, max_length=200)
    holder_url: str | None = Field(default=None, max_length=1000)
    licence_url: str | None = Field(default=None, max_length=1000)
    year: Int32 | None = Field(default=None, ge=1000, le=9999)
    logo_url: str | None = Field(default=None, max_length=1000)


class CopyrightUpdate(CopyrightCreate):
    licence: str | None = Field(default=None, min_length=1, max_length=200)  # type: ignore[assignment]


def copyright_resource() -> Resource:
    manage = event_role(*COORGANIZERS) | is_admin
    readable = of_readable_event()
    return Resource(
        type="event-copyright",
        model=EventCopyright,
        attributes=(
            "licence",
            "holder",
            "holder_url",
            "licence_url",
            "year",
            "logo_url",
            "deleted_at",
        ),
        create=CopyrightCreate,
        update=CopyrightUpdate,
        relationships={"event": ToOne("event", writable=True, required=True)},
        filters=("licence", "holder", "year"),
        sorts=("licence", "year"),
        policy=Policy(
            list=readable,
            view=readable,
            create=manage,
            update=manage,
            delete=manage,
            relationships={"event": manage},
        ),
    )
