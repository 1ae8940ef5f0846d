"""`/v1/activities[/{id}]` and `/v1/events/{id}/activities`: the audit log, read only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import foreign, relationship

from hallway.activity.models import Activity
from hallway.activity.policy import activity_policy
from hallway.jsonapi import Attachment, Resource, ToMany, relate

_FIELDS = ("actor", "actor_id", "time", "verb", "object_type", "object_id", "event_id", "address")


def activity_resource() -> Resource:
    return Resource(
        type="activity",
        model=Activity,
        path="activities",
        attributes=(*_FIELDS, "action"),
        filters=(*_FIELDS, "action"),
        sorts=("time", "id", "actor", "verb", "object_type"),
        deletable=False,
        policy=activity_policy,
    )


def activities_of(event: type[Any]) -> Any:
    """Event -> the activities recorded about it (no foreign key: the log outlives events)."""
    return relationship(
        Activity,
        primaryjoin=lambda: foreign(Activity.event_id) == event.id,
        viewonly=True,
        order_by=Activity.id,
    )


def activity_attachments() -> list[Attachment]:
    return [relate("event", activities=ToMany("activity", orm=activities_of))]
