"""`/v1/event-types`, `/v1/event-topics`, `/v1/event-sub-topics`, `/v1/event-locations` and
`/v1/custom-placeholders`: public to read, admins to write."""

from __future__ import annotations

from hallway.jsonapi import Resource, ToMany, ToOne
from hallway.taxonomy.models import (
    CustomPlaceholder,
    EventLocation,
    EventSubTopic,
    EventTopic,
    EventType,
)
from hallway.taxonomy.policy import admin_writes
from hallway.taxonomy.schemas import (
    NamedCreate,
    NamedUpdate,
    PlaceholderCreate,
    PlaceholderUpdate,
    TopicCreate,
    TopicUpdate,
)
from hallway.taxonomy.service import slugged


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
            hooks=slugged(EventType),
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
            hooks=slugged(EventTopic),
        ),
        Resource(
            type="event-sub-topic",
            model=EventSubTopic,
            create=NamedCreate,
            update=NamedUpdate,
            relationships={
                "event_topic": ToOne("event-topic", writable=True, required=True),
                "events": ToMany("event"),
                "custom_placeholder": ToOne("custom-placeholder", key="custom_placeholder_id"),
            },
            filters=("name", "slug", "event_topic"),
            sorts=("name", "slug"),
            policy=admin_writes("event_topic"),
            hooks=slugged(EventSubTopic),
        ),
        Resource(
            type="event-location",
            model=EventLocation,
            create=NamedCreate,
            update=NamedUpdate,
            filters=("name", "slug"),
            sorts=("name", "slug"),
            policy=admin_writes(),
            hooks=slugged(EventLocation),
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
