"""The admin dashboard's counts: each set one object (id 1) whose figures equal the stored
rows (counted here in Python), in one statement; admins only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hallway.events.models import Event
from hallway.taxonomy.models import EventTopic, EventType
from tests.adminstats.callers import refused, signed_in
from tests.adminstats.counted import expected, make_counted
from tests.appfixtures import jwt, login, make_user
from tests.conftest import StatementCounter

SETS = ("events", "sessions", "users", "mails", "groups")
TYPES = {
    "events": "admin-statistics-event",
    "sessions": "admin-statistics-session",
    "users": "admin-statistics-user",
    "mails": "admin-statistics-mail",
    "groups": "admin-statistics-group",
}


async def _admin(client, app_db) -> dict[str, str]:
    await make_user(app_db, "boss@example.com", is_admin=True)
    return jwt(await login(client, "boss@example.com"))


@pytest.mark.parametrize("name", SETS)
async def test_each_count_equals_the_rows(client, app_db, name):
    await make_counted(app_db)
    headers = await _admin(client, app_db)
    want = (await expected(app_db))[name]

    counter = StatementCounter(app_db)
    with counter:
        response = await client.get(f"/v1/admin/statistics/{name}", headers=headers)

    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["type"], data["id"]) == (TYPES[name], "1")
    assert {k: data["attributes"][k] for k in want} == want
    assert any(want.values())
    # the caller's token (one row) and the counts (one statement)
    assert counter.count <= 2, counter.statements


async def test_the_counts_are_those_seeded(client, app_db):
    """A few figures the seed makes known, as a check on the Python counting too."""
    await make_counted(app_db)
    want = await expected(app_db)

    assert want["events"] == {"draft": 1, "published": 2, "past": 1}
    assert want["mails"] == {"one-day": 1, "three-days": 2, "seven-days": 3, "thirty-days": 4}
    assert want["sessions"]["pending"] == 2
    assert want["groups"]["followers"] == 2


async def test_the_frontends_query_record_is_answered(client, app_db):
    """The admin index asks with `filterOptions` (ignored: there is one object)."""
    headers = await _admin(client, app_db)
    query = "filterOptions[name]=id&filterOptions[op]=eq&filterOptions[val]=1"

    response = await client.get(f"/v1/admin/statistics/users?{query}", headers=headers)

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["admin"] == 1


@pytest.mark.parametrize(
    ("kind", "model"), [("event-types", EventType), ("event-topics", EventTopic)]
)
async def test_events_per_type_and_topic(client, app_db, kind, model):
    await make_counted(app_db)
    headers = await _admin(client, app_db)

    response = await client.get(f"/v1/admin/statistics/{kind}", headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    found = response.json()
    async with app_db.sessions() as session:
        rows = list(await session.scalars(select(model)))
        live = [e for e in await session.scalars(select(Event)) if e.deleted_at is None]
    key = "event_type_id" if kind == "event-types" else "event_topic_id"
    assert found == [
        {"name": r.name, "id": r.id, "count": sum(1 for e in live if getattr(e, key) == r.id)}
        for r in sorted(rows, key=lambda r: r.id)
    ]
    assert sum(item["count"] for item in found) == 4  # five events, one deleted


PATHS = [f"/v1/admin/statistics/{name}" for name in (*SETS, "event-types", "event-topics")]


@pytest.mark.parametrize("path", PATHS)
async def test_nobody_but_admins_sees_the_counts(client, app_db, path):
    callers = await refused(client, app_db)
    callers.append(await signed_in(client, app_db, "sales@example.com", is_sales_admin=True))

    anonymous = await client.get(path)
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["status"] == 401
    for headers in callers:
        response = await client.get(path, headers=headers)
        assert response.status_code == 403, response.text
        assert response.json()["errors"][0]["status"] == 403


@pytest.mark.parametrize("name", SETS)
async def test_the_counts_cannot_be_changed(client, app_db, name):
    headers = await _admin(client, app_db)
    body = {"data": {"type": TYPES[name], "id": "1", "attributes": {}}}

    for method in ("patch", "delete"):
        call = getattr(client, method)
        response = await (
            call(f"/v1/admin/statistics/{name}", json=body, headers=headers)
            if method == "patch"
            else call(f"/v1/admin/statistics/{name}", headers=headers)
        )
        assert response.status_code == 405, response.text
