"""E-mail preferences: a user keeps their own, one per event, under
`/v1/users/{id}/email-notifications`; nobody else reads or changes them (admins may read)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hallway.mailadmin.models import EmailNotification
from tests.mailadmin.conftest import ANONYMOUS, people, rows


def preferences(event_id: str, **attributes: object) -> dict:
    return {
        "data": {
            "type": "email-notification",
            "attributes": attributes,
            "relationships": {"event": {"data": {"type": "event", "id": event_id}}},
        }
    }


def flags(item_id: str, **attributes: object) -> dict:
    return {"data": {"type": "email-notification", "id": item_id, "attributes": attributes}}


async def stored(app_db, item_id: str) -> EmailNotification | None:
    async with app_db.sessions() as session:
        return await session.scalar(
            select(EmailNotification).where(EmailNotification.id == int(item_id))
        )


async def made(client, who) -> dict:
    response = await client.post(
        "/v1/email-notifications",
        json=preferences(who.event_id, **{"new-paper": True}),
        headers=who.user,
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]


async def test_a_user_keeps_and_changes_their_own_preferences(client, app_db):
    who = await people(client, app_db)

    item = await made(client, who)
    listed = await client.get(f"/v1/users/{who.user_id}/email-notifications", headers=who.user)
    changed = await client.patch(
        f"/v1/email-notifications/{item['id']}",
        json=flags(item["id"], **{"session-schedule": True, "after-ticket-purchase": False}),
        headers=who.user,
    )

    attributes = item["attributes"]
    assert attributes["new-paper"] is True and attributes["after-ticket-purchase"] is True
    assert attributes["next-event"] is False and attributes["event-id"] == int(who.event_id)
    assert listed.status_code == 200 and [i["id"] for i in listed.json()["data"]] == [item["id"]]
    assert changed.status_code == 200
    row = await stored(app_db, item["id"])
    assert row is not None and row.user_id == who.user_id
    assert (row.new_paper, row.session_schedule, row.after_ticket_purchase) == (True, True, False)
    event = await client.get(f"/v1/email-notifications/{item['id']}/event", headers=who.user)
    assert event.status_code == 200 and event.json()["data"]["id"] == who.event_id
    user = await client.get(f"/v1/users/{who.user_id}", headers=who.user)
    assert "email-notifications" in user.json()["data"]["relationships"]


async def test_one_set_of_preferences_per_event(client, app_db):
    who = await people(client, app_db)
    await made(client, who)

    again = await client.post(
        "/v1/email-notifications", json=preferences(who.event_id), headers=who.user
    )

    assert again.status_code == 409
    assert len(await rows(app_db, EmailNotification)) == 1


@pytest.mark.parametrize("caller", ["anonymous", "organizer"])
async def test_nobody_else_reads_or_changes_them(client, app_db, caller):
    who = await people(client, app_db)
    item = await made(client, who)
    headers = {"anonymous": ANONYMOUS, "organizer": who.organizer}[caller]

    detail = await client.get(f"/v1/email-notifications/{item['id']}", headers=headers)
    listed = await client.get(f"/v1/users/{who.user_id}/email-notifications", headers=headers)
    changed = await client.patch(
        f"/v1/email-notifications/{item['id']}",
        json=flags(item["id"], **{"new-paper": False}),
        headers=headers,
    )
    deleted = await client.delete(f"/v1/email-notifications/{item['id']}", headers=headers)

    assert detail.status_code in {401, 404} and "new-paper" not in detail.text
    assert listed.status_code in {200, 401, 404}
    if listed.status_code == 200:
        assert listed.json()["data"] == []
    assert changed.status_code in {401, 404} and deleted.status_code in {401, 404}
    row = await stored(app_db, item["id"])
    assert row is not None and row.new_paper is True


async def test_preferences_are_not_made_for_another_user(client, app_db):
    who = await people(client, app_db)
    body = preferences(who.event_id)
    body["data"]["relationships"]["user"] = {"data": {"type": "user", "id": str(who.user_id)}}

    hidden = await client.post("/v1/email-notifications", json=body, headers=who.organizer)
    seen = await client.post("/v1/email-notifications", json=body, headers=who.admin)

    assert hidden.status_code == 404  # the organizer does not see Ann's account at all
    assert seen.status_code == 403
    assert await rows(app_db, EmailNotification) == []


async def test_admins_read_every_users_preferences(client, app_db):
    who = await people(client, app_db)
    item = await made(client, who)

    listed = await client.get("/v1/email-notifications", headers=who.admin)
    changed = await client.patch(
        f"/v1/email-notifications/{item['id']}",
        json=flags(item["id"], **{"new-paper": False}),
        headers=who.admin,
    )

    assert [i["id"] for i in listed.json()["data"]] == [item["id"]]
    assert changed.status_code == 403
    row = await stored(app_db, item["id"])
    assert row is not None and row.new_paper is True


async def test_a_null_flag_is_refused(client, app_db):
    who = await people(client, app_db)
    item = await made(client, who)

    response = await client.patch(
        f"/v1/email-notifications/{item['id']}",
        json=flags(item["id"], **{"new-paper": None}),
        headers=who.user,
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/new-paper"
    row = await stored(app_db, item["id"])
    assert row is not None and row.new_paper is True


async def test_anonymous_callers_are_asked_to_sign_in(client, app_db):
    who = await people(client, app_db)

    response = await client.post(
        "/v1/email-notifications", json=preferences(who.event_id), headers=ANONYMOUS
    )

    assert response.status_code == 401
    assert await rows(app_db, EmailNotification) == []
