"""`/v1/event-types`, `/v1/event-topics`, `/v1/event-sub-topics`, `/v1/event-locations` and
`/v1/custom-placeholders`: public to read, admins to write."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from hallway.auth.rules import is_admin
from hallway.jsonapi import (
    Attributes,
    Hooks,
    Policy,
    RequestContext,
    Resource,
    ToMany,
    ToOne,
    anyone,
)
from hallway.taxonomy.models import (
    CustomPlaceholder,
    EventLocation,
    EventSubTopic,
    EventTopic,
    EventType,
    slugify,
)

Name = Field(min_length=1, max_length=200)


class NamedCreate(Attributes):
    name: str = Name


class NamedUpdate(Attributes):
    name: str | None = Field(default=None, min_length=1, max_length=200)


class TopicCreate(NamedCreate):
    system_image_url: str | None = Field(default=None, max_length=1000)


class TopicUpdate(NamedUpdate):
    system_image_url: str | None = Field(default=None, max_length=1000)


class PlaceholderCreate(Attributes):
    name: str = Name
    original_image_url: str = Field(min_length=1, max_length=1000)
    copyright: str | None = None
    origin: str | None = Field(default=None, max_length=200)


class PlaceholderUpdate(Attributes):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    original_image_url: str | None = Field(default=None, min_length=1, max_length=1000)
    copyright: str | None = None
    origin: str | None = Field(default=None, max_length=200)


def _slugged(model: type[Any]) -> Hooks:
    """The slug follows the name."""

    async def build(ctx: RequestContext, values: dict[str, Any]) -> Any:
        return model(slug=slugify(values["name"]), **values)

    async def apply(ctx: RequestContext, obj: Any, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if value is None:
                continue
            setattr(obj, name, value)
        obj.slug = slugify(obj.name)

    return Hooks(build=build, apply=apply)


def admin_writes(*writable: str) -> Policy:
    return Policy(
        list=anyone,
        view=anyone,
        create=is_admin,
        update=is_admin,
        delete=is_admin,
        relationships={name: is_admin for name in writable},
    )


def taxonomy_resources() -> list[Resource]:
    return [
        Resource(
            type="event-type",
            model=EventType,
            create=NamedCreate,
            update=NamedUpdate,
            relationships={"events": ToMany("event")},
            filters=("name", "slug"),
            sorts=("name", "slug"),
            policy=admin_writes(),
            hooks=_slugged(EventType),
        ),
        Resource(
            type="event-topic",
            model=EventTopic,
            create=TopicCreate,
            update=TopicUpdate,
            relationships={
                "events": ToMany("event"),
                "event_sub_topics": ToMany("event-sub-topic"),
            },
            filters=("name", "slug"),
            sorts=("name", "slug"),
            policy=admin_writes(),
            hooks=_slugged(EventTopic),
        ),
        Resource(
            type="event-sub-topic",
            model=EventSubTopic,
            create=NamedCreate,
            update=NamedUpdate,
            relationships={
                "event_topic": ToOne("event-topic", writable=True, required=True),
                "events": ToMany("event"),
                "custom_placeholder": ToOne("custom-placeholder"),
            },
            filters=("name", "slug", "event_topic"),
            sorts=("name", "slug"),
            policy=admin_writes("event_topic"),
            hooks=_slugged(EventSubTopic),
        ),
        Resource(
            type="event-location",
            model=EventLocation,
            create=NamedCreate,
            update=NamedUpdate,
            filters=("name", "slug"),
            sorts=("name", "slug"),
            policy=admin_writes(),
            hooks=_slugged(EventLocation),
        ),
        Resource(
            type="custom-placeholder",
            model=CustomPlaceholder,
            create=PlaceholderCreate,
            update=PlaceholderUpdate,
            relationships={"event_sub_topic": ToOne("event-sub-topic", writable=True)},
            filters=("name", "event_sub_topic"),
            sorts=("name",),
            policy=admin_writes("event_sub_topic"),
        ),
    ]
