"""What others see of an account: the hosts of published events have a public profile (names
and pictures); everything else stays with the account's owner and admins."""

from __future__ import annotations

import json

from sqlalchemy import select

from hallway.roles.models import Role, UsersEventsRoles
from tests.appfixtures import jwt as auth
from tests.appfixtures import login, make_user
from tests.events.helpers import create_event

PUBLIC = {
    "first-name",
    "last-name",
    "public-name",
    "avatar-url",
    "original-image-url",
    "thumbnail-image-url",
    "small-image-url",
    "icon-image-url",
}


async def _host(client, app_db, *, state: str = "published"):
    user = await make_user(
        app_db, "host@example.com", first_name="Hana", last_name="Host", company="ACME"
    )
    token = await login(client, "host@example.com")
    event = await create_event(client, token, state=state)
    return user, token, event


async def test_anyone_sees_the_public_profile_of_a_published_events_owner(client, app_db):
    user, _, event = await _host(client, app_db)

    page = await client.get(f"/v1/events/{event['id']}?include=owner,organizers")
    detail = await client.get(f"/v1/users/{user.id}")
    owner = await client.get(f"/v1/events/{event['id']}/owner")

    assert page.status_code == 200, page.text
    included = [item for item in page.json()["included"] if item["type"] == "user"]
    assert [item["id"] for item in included] == [str(user.id)]
    linked = page.json()["data"]["relationships"]["owner"]["data"]
    assert linked == {"type": "user", "id": str(user.id)}
    for document in (included[0], detail.json()["data"], owner.json()["data"]):
        assert set(document["attributes"]) == PUBLIC
        assert document["attributes"]["first-name"] == "Hana"
    assert "host@example.com" not in page.text + detail.text + owner.text
    assert "ACME" not in page.text + detail.text + owner.text


async def test_other_users_see_the_public_profile_and_the_owner_sees_everything(client, app_db):
    user, token, _ = await _host(client, app_db)
    await make_user(app_db, "other@example.com")
    other = await login(client, "other@example.com")
    await make_user(app_db, "admin@example.com", is_admin=True)
    admin = await login(client, "admin@example.com")

    seen_by_other = await client.get(f"/v1/users/{user.id}", headers=auth(other))
    seen_by_self = await client.get(f"/v1/users/{user.id}", headers=auth(token))
    seen_by_admin = await client.get(f"/v1/users/{user.id}", headers=auth(admin))

    assert set(seen_by_other.json()["data"]["attributes"]) == PUBLIC
    for full in (seen_by_self, seen_by_admin):
        attributes = full.json()["data"]["attributes"]
        assert attributes["email"] == "host@example.com"
        assert attributes["company"] == "ACME"


async def test_people_who_host_no_published_event_stay_private(client, app_db):
    user, token, event = await _host(client, app_db, state="draft")
    await make_user(app_db, "quiet@example.com")
    quiet = await login(client, "quiet@example.com")
    me = (await client.get("/v1/users/user-details/get-user-id", headers=auth(quiet))).json()

    assert (await client.get(f"/v1/users/{user.id}")).status_code == 404
    assert (await client.get(f"/v1/users/{me['user_id']}")).status_code == 404
    assert (await client.get(f"/v1/users/{me['user_id']}", headers=auth(token))).status_code == 404
    assert (await client.get(f"/v1/events/{event['id']}/owner")).status_code == 404
    for headers in ({}, auth(quiet)):  # the user list is the admins': others get none
        assert (await client.get("/v1/users", headers=headers)).json()["data"] == []


def _owner_filter(name: str, value: str) -> dict[str, str]:
    has = {"name": "owner", "op": "has", "val": {"name": name, "op": "eq", "val": value}}
    return {"filter": json.dumps([has])}


async def test_private_fields_of_a_host_cannot_be_probed_with_filters_or_sorts(client, app_db):
    _, _, event = await _host(client, app_db)

    by_email = await client.get("/v1/events", params=_owner_filter("email", "host@example.com"))
    by_path = await client.get(
        "/v1/events",
        params={"filter": json.dumps([{"name": "owner__email", "op": "eq", "val": "x@y.z"}])},
    )
    by_name = await client.get("/v1/events", params=_owner_filter("first-name", "Hana"))
    sorted_ = await client.get("/v1/events", params={"sort": "owner.email"})

    for refused in (by_email, by_path, sorted_):
        assert refused.status_code == 400, refused.text
    assert [item["id"] for item in by_name.json()["data"]] == [event["id"]]


async def test_nested_user_lists_stay_the_admins(client, app_db):
    """Anyone sees the hosts an event page includes; listing users stays an admin's view."""
    _, _, event = await _host(client, app_db)
    user = await make_user(app_db, "orga@example.com", first_name="Olga")
    async with app_db.sessions() as session, session.begin():
        role = await session.scalar(select(Role.id).where(Role.name == "organizer"))
        session.add(UsersEventsRoles(event_id=int(event["id"]), user_id=user.id, role_id=role))
    await make_user(app_db, "admin@example.com", is_admin=True)
    admin = await login(client, "admin@example.com")

    included = await client.get(f"/v1/events/{event['id']}?include=organizers")
    anonymous = await client.get(f"/v1/events/{event['id']}/organizers")
    as_admin = await client.get(f"/v1/events/{event['id']}/organizers", headers=auth(admin))

    assert [item["id"] for item in included.json()["included"]] == [str(user.id)]
    assert anonymous.json()["data"] == []
    assert [item["id"] for item in as_admin.json()["data"]] == [str(user.id)]


async def test_a_host_cannot_be_changed_or_deleted_by_others(client, app_db):
    user, _, _ = await _host(client, app_db)
    await make_user(app_db, "other@example.com")
    other = await login(client, "other@example.com")
    body = {"data": {"type": "user", "id": str(user.id), "attributes": {"first-name": "Mallory"}}}

    patched = await client.patch(f"/v1/users/{user.id}", json=body, headers=auth(other))
    deleted = await client.delete(f"/v1/users/{user.id}", headers=auth(other))
    after = await client.get(f"/v1/users/{user.id}")

    assert patched.status_code == 403
    assert deleted.status_code == 403
    assert after.json()["data"]["attributes"]["first-name"] == "Hana"
