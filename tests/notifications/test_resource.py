"""Notifications: each user reads, marks read and deletes their own; admins read them all;
nobody creates them through the API."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func, select

from hallway.notifications.models import Notification
from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.notifications.conftest import make_notification, stored_notification

UNREAD = json.dumps([{"name": "is-read", "op": "eq", "val": False}])
VIEW_EVENT = [{"action": "View", "link": "/e/abc"}]


def mark_read(notification_id: int, value: bool = True) -> dict:
    return {
        "data": {
            "type": "notification",
            "id": str(notification_id),
            "attributes": {"is-read": value},
        }
    }


async def notification_count(app_db) -> int:
    async with app_db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Notification)) or 0)


async def inboxes(app_db):
    """Ann has two unread notifications and one read; Bob has one; Root is an admin."""
    ann = await make_user(app_db, "ann@example.com")
    bob = await make_user(app_db, "bob@example.com")
    await make_user(app_db, "root@example.com", is_admin=True)
    invited = await make_notification(
        app_db,
        ann.id,
        "You are invited",
        message="<p>Join the organizers</p>",
        actions=VIEW_EVENT,
    )
    await make_notification(app_db, ann.id, "New order")
    await make_notification(app_db, ann.id, "Old news", is_read=True)
    bobs = await make_notification(app_db, bob.id, "For Bob only")
    return ann, bob, invited, bobs


async def test_owner_lists_their_notifications_with_the_unread_count(client, app_db):
    ann, _, invited, _ = await inboxes(app_db)
    token = jwt(await login(client, "ann@example.com"))

    everything = await client.get(f"/v1/users/{ann.id}/notifications", headers=token)
    unread = await client.get(
        f"/v1/users/{ann.id}/notifications", params={"filter": UNREAD}, headers=token
    )

    assert everything.status_code == 200
    body = everything.json()
    assert body["meta"]["count"] == 3
    assert {item["attributes"]["title"] for item in body["data"]} == {
        "You are invited",
        "New order",
        "Old news",
    }
    (first,) = [item for item in body["data"] if item["id"] == str(invited.id)]
    assert first["type"] == "notification"
    assert first["attributes"]["message"] == "<p>Join the organizers</p>"
    assert first["attributes"]["is-read"] is False
    assert first["attributes"]["actions"] == VIEW_EVENT
    received = first["attributes"]["received-at"].replace("Z", "+00:00")
    assert datetime.fromisoformat(received) == invited.received_at
    assert unread.status_code == 200
    assert unread.json()["meta"]["count"] == 2
    assert {item["attributes"]["is-read"] for item in unread.json()["data"]} == {False}
    assert await notification_count(app_db) == 4


async def test_another_users_notifications_are_not_found(client, app_db):
    ann, _, invited, _ = await inboxes(app_db)
    bob = jwt(await login(client, "bob@example.com"))

    listed = await client.get(f"/v1/users/{ann.id}/notifications", headers=bob)
    shown = await client.get(f"/v1/notifications/{invited.id}", headers=bob)
    anonymous_list = await client.get(f"/v1/users/{ann.id}/notifications")
    anonymous_show = await client.get(f"/v1/notifications/{invited.id}")

    assert listed.status_code == 404
    assert listed.json()["errors"][0]["title"] == "Object not found"
    assert shown.status_code == 404
    assert anonymous_list.status_code == 404 and anonymous_show.status_code == 404
    assert "Join the organizers" not in listed.text + shown.text
    assert (await stored_notification(app_db, invited.id)).is_read is False


async def test_owner_reads_one_notification_and_its_user(client, app_db):
    ann, _, invited, _ = await inboxes(app_db)
    token = jwt(await login(client, "ann@example.com"))

    shown = await client.get(f"/v1/notifications/{invited.id}", headers=token)
    owner = await client.get(f"/v1/notifications/{invited.id}/user", headers=token)

    assert shown.status_code == 200
    assert shown.json()["data"]["attributes"]["title"] == "You are invited"
    assert owner.status_code == 200
    assert owner.json()["data"]["id"] == str(ann.id)


async def test_admin_lists_every_notification(client, app_db):
    ann, _, _, bobs = await inboxes(app_db)
    root = jwt(await login(client, "root@example.com"))

    everything = await client.get("/v1/notifications", headers=root)
    unread = await client.get("/v1/notifications", params={"filter": UNREAD}, headers=root)
    anns = await client.get(f"/v1/users/{ann.id}/notifications", headers=root)

    assert everything.status_code == 200
    assert everything.json()["meta"]["count"] == 4
    assert str(bobs.id) in {item["id"] for item in everything.json()["data"]}
    assert unread.json()["meta"]["count"] == 3
    assert anns.status_code == 200 and anns.json()["meta"]["count"] == 3


async def test_plain_user_lists_only_their_own_notifications(client, app_db):
    _, _, _, bobs = await inboxes(app_db)
    bob = jwt(await login(client, "bob@example.com"))

    listed = await client.get("/v1/notifications", headers=bob)
    anonymous = await client.get("/v1/notifications")

    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["data"]] == [str(bobs.id)]
    assert listed.json()["meta"]["count"] == 1
    assert anonymous.status_code == 200
    assert anonymous.json()["data"] == [] and anonymous.json()["meta"]["count"] == 0


async def test_owner_marks_a_notification_read_and_unread(client, app_db):
    ann, _, invited, _ = await inboxes(app_db)
    token = jwt(await login(client, "ann@example.com"))

    read = await client.patch(
        f"/v1/notifications/{invited.id}", headers=token, json=mark_read(invited.id)
    )
    after_read = await stored_notification(app_db, invited.id)
    unread = await client.get(
        f"/v1/users/{ann.id}/notifications", params={"filter": UNREAD}, headers=token
    )
    back = await client.patch(
        f"/v1/notifications/{invited.id}", headers=token, json=mark_read(invited.id, False)
    )

    assert read.status_code == 200
    assert read.json()["data"]["attributes"]["is-read"] is True
    assert read.json()["data"]["attributes"]["title"] == "You are invited"
    assert after_read.is_read is True
    assert unread.json()["meta"]["count"] == 1
    assert back.status_code == 200
    assert (await stored_notification(app_db, invited.id)).is_read is False


async def test_marking_read_cannot_rewrite_the_notification(client, app_db):
    _, _, invited, _ = await inboxes(app_db)
    token = jwt(await login(client, "ann@example.com"))
    body = mark_read(invited.id)
    body["data"]["attributes"] |= {"title": "Forged", "message": "Forged", "actions": []}

    response = await client.patch(f"/v1/notifications/{invited.id}", headers=token, json=body)

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["title"] == "You are invited"
    stored = await stored_notification(app_db, invited.id)
    assert (stored.is_read, stored.title, stored.actions) == (True, "You are invited", VIEW_EVENT)


async def test_nobody_else_marks_a_notification_read(client, app_db):
    _, _, invited, _ = await inboxes(app_db)
    bob = jwt(await login(client, "bob@example.com"))
    root = jwt(await login(client, "root@example.com"))
    path = f"/v1/notifications/{invited.id}"

    by_other = await client.patch(path, headers=bob, json=mark_read(invited.id))
    by_anonymous = await client.patch(
        path, headers={"Content-Type": JSONAPI}, json=mark_read(invited.id)
    )
    by_admin = await client.patch(path, headers=root, json=mark_read(invited.id))

    assert by_other.status_code == 404
    assert by_other.json()["errors"][0]["title"] == "Object not found"
    assert by_anonymous.status_code == 404
    assert by_admin.status_code == 403
    assert by_admin.json()["errors"][0]["title"] == "Access Forbidden"
    assert (await stored_notification(app_db, invited.id)).is_read is False


async def test_notifications_cannot_be_created_through_the_api(client, app_db):
    ann, _, _, _ = await inboxes(app_db)
    body = {
        "data": {
            "type": "notification",
            "attributes": {"title": "Spam", "message": "Buy now"},
            "relationships": {"user": {"data": {"type": "user", "id": str(ann.id)}}},
        }
    }

    for email in ("ann@example.com", "root@example.com"):
        response = await client.post(
            "/v1/notifications", headers=jwt(await login(client, email)), json=body
        )
        assert response.status_code == 405, email
        assert response.json()["errors"][0]["title"] == "Method not allowed"
        assert "POST" not in response.headers["allow"]
    anonymous = await client.post("/v1/notifications", headers={"Content-Type": JSONAPI}, json=body)

    assert anonymous.status_code == 405
    assert await notification_count(app_db) == 4


async def test_owner_deletes_a_notification(client, app_db):
    _, _, invited, _ = await inboxes(app_db)
    token = jwt(await login(client, "ann@example.com"))

    response = await client.delete(f"/v1/notifications/{invited.id}", headers=token)
    again = await client.get(f"/v1/notifications/{invited.id}", headers=token)

    assert response.status_code == 200
    assert response.json()["meta"] == {"message": "Object successfully deleted"}
    assert again.status_code == 404
    assert await stored_notification(app_db, invited.id) is None
    assert await notification_count(app_db) == 3


async def test_nobody_else_deletes_a_notification(client, app_db):
    _, _, invited, _ = await inboxes(app_db)
    path = f"/v1/notifications/{invited.id}"

    by_other = await client.delete(path, headers=jwt(await login(client, "bob@example.com")))
    by_anonymous = await client.delete(path)
    by_admin = await client.delete(path, headers=jwt(await login(client, "root@example.com")))

    assert by_other.status_code == 404 and by_anonymous.status_code == 404
    assert by_admin.status_code == 403
    assert await stored_notification(app_db, invited.id) is not None
    assert await notification_count(app_db) == 4
