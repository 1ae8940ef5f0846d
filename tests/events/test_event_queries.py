"""The events list costs a fixed number of statements whatever its length."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from hallway.events.models import Event
from hallway.roles.models import Role, UsersEventsRoles
from hallway.taxonomy.models import EventSubTopic, EventTopic, EventType
from tests.appfixtures import make_user
from tests.conftest import StatementCounter

URL = "/v1/events?page[size]=20&include=event-type,event-topic,event-sub-topic,owner"


async def seed_events(app_db, count: int, first_id: int) -> None:
    owner = await make_user(app_db, f"owner{first_id}@example.com")
    start = datetime(2031, 1, 1, tzinfo=UTC)
    async with app_db.sessions() as session, session.begin():
        owner_role = await session.scalar(select(Role.id).where(Role.name == "owner"))
        kind = EventType(name=f"Type {first_id}", slug=f"type-{first_id}")
        topic = EventTopic(name=f"Topic {first_id}", slug=f"topic-{first_id}")
        session.add_all([kind, topic])
        await session.flush()
        sub = EventSubTopic(name="Sub", slug="sub", event_topic_id=topic.id)
        session.add(sub)
        await session.flush()
        await session.execute(
            insert(Event),
            [
                {
                    "id": first_id + i,
                    "identifier": f"e{first_id + i:07x}",
                    "name": f"Event {i}",
                    "starts_at": start + timedelta(days=i),
                    "ends_at": start + timedelta(days=i, hours=8),
                    "state": "published",
                    "event_type_id": kind.id,
                    "event_topic_id": topic.id,
                    "event_sub_topic_id": sub.id,
                }
                for i in range(count)
            ],
        )
        await session.execute(
            insert(UsersEventsRoles),
            [
                {"event_id": first_id + i, "user_id": owner.id, "role_id": owner_role}
                for i in range(count)
            ],
        )


async def count_statements(client, app_db, expected: int) -> int:
    counter = StatementCounter(app_db)
    with counter:
        response = await client.get(URL)
    assert response.status_code == 200
    assert len(response.json()["data"]) == expected
    return counter.count


async def test_events_list_with_includes_costs_the_same_for_1_and_20(client, app_db):
    from tests.conftest import clean_app_tables

    await seed_events(app_db, 1, 1000)
    one = await count_statements(client, app_db, 1)
    await clean_app_tables(app_db)
    await seed_events(app_db, 20, 2000)
    twenty = await count_statements(client, app_db, 20)

    assert one == twenty
    assert twenty <= 6
