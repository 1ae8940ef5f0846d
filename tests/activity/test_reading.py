"""Who reads the audit log: admins all of it, an event's owner and organizers the activities
of their events; nobody else, and nobody writes it through the API."""

from __future__ import annotations

from hallway.db import Database
from tests.activity.helpers import count, read
from tests.appfixtures import Mailbox, jwt
from tests.invites.helpers import account, holder, hosted_event


async def test_admins_read_every_activity_with_the_documented_attributes(client, app_db: Database):
    _, event_id = await hosted_event(client, app_db, "owner@example.com")
    admin = await account(client, app_db, "root@example.com", is_admin=True)
    stored_before = await count(app_db)

    response = await client.get("/v1/activities?sort=-time&page[size]=50", headers=jwt(admin))
    first = response.json()["data"][-1]
    shown = await client.get(f"/v1/activities/{first['id']}", headers=jwt(admin))

    assert response.status_code == 200, response.text
    assert response.json()["meta"]["count"] == stored_before == await count(app_db)  # reads: none
    assert first["type"] == "activity"
    assert {"actor", "time", "action"} <= set(first["attributes"])
    assert first["attributes"]["actor"] == "owner@example.com"
    assert first["attributes"]["verb"] == "login"
    assert first["attributes"]["address"] == "127.0.0.1"
    assert first["links"]["self"] == f"/v1/activities/{first['id']}"
    assert shown.status_code == 200 and shown.json()["data"]["id"] == first["id"]
    by_event = await client.get(
        f'/v1/activities?filter=[{{"name":"event-id","op":"eq","val":{event_id}}}]',
        headers=jwt(admin),
    )
    assert by_event.status_code == 200, by_event.text
    assert by_event.json()["data"]
    assert {a["attributes"]["event-id"] for a in by_event.json()["data"]} == {int(event_id)}


async def test_owners_and_organizers_read_their_events_activities_only(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    organizer = await holder(
        client, app_db, mailbox, owner, event_id, "org@example.com", "organizer"
    )
    other_owner, other_id = await hosted_event(client, app_db, "other@example.com")

    for token in (owner, organizer):
        status, rows = await read(client, f"/v1/events/{event_id}/activities", token)
        assert status == 200
        assert rows and {r["attributes"]["event-id"] for r in rows} == {int(event_id)}
        actors = {r["attributes"]["actor"] for r in rows}
        assert actors == {"owner@example.com", "org@example.com"}
        status, rows = await read(client, "/v1/activities", token)
        assert status == 200 and {r["attributes"]["event-id"] for r in rows} == {int(event_id)}
    status, rows = await read(client, f"/v1/events/{other_id}/activities", owner)
    assert status == 200
    assert rows == []
    status, rows = await read(client, f"/v1/events/{other_id}/activities", other_owner)
    assert status == 200 and rows


async def test_who_may_not_read_an_events_activities(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    coorganizer = await holder(
        client, app_db, mailbox, owner, event_id, "co@example.com", "coorganizer"
    )
    plain = await account(client, app_db, "ann@example.com")
    other_owner, _ = await hosted_event(client, app_db, "other@example.com")
    status, rows = await read(client, f"/v1/events/{event_id}/activities", owner)
    assert status == 200 and rows
    one = rows[0]["id"]

    for token in (None, plain, other_owner, coorganizer):
        status, rows = await read(client, f"/v1/events/{event_id}/activities", token)
        assert status == 200 and rows == [], token
        status, rows = await read(client, "/v1/activities", token)
        assert all(r["attributes"]["event-id"] != int(event_id) for r in rows), token
        headers = jwt(token) if token else {}
        shown = await client.get(f"/v1/activities/{one}", headers=headers)
        # Lists are scoped to what the caller may read; a row outside the scope is not found.
        assert status == 200
        assert shown.status_code == 404, shown.text
        assert "data" not in shown.json()


async def test_nobody_writes_the_audit_log_through_the_api(client, app_db: Database):
    admin = await account(client, app_db, "root@example.com", is_admin=True)
    _, rows = await read(client, "/v1/activities", admin)
    one = rows[0]["id"]
    before = await count(app_db)
    body = {"data": {"type": "activity", "attributes": {"actor": "x", "action": "y"}}}

    created = await client.post("/v1/activities", json=body, headers=jwt(admin))
    patched = await client.patch(
        f"/v1/activities/{one}", json={"data": {**body["data"], "id": one}}, headers=jwt(admin)
    )
    deleted = await client.delete(f"/v1/activities/{one}", headers=jwt(admin))

    for response in (created, patched, deleted):
        assert response.status_code == 405, response.text
        assert response.json()["errors"][0]["status"] == 405
    assert await count(app_db) == before
