"""Groups: verified users start them and own them, anyone reads the live ones, only admins
promote them to the home page."""

from __future__ import annotations

import json
from urllib.parse import quote

from tests.appfixtures import JSONAPI, jwt
from tests.groups.helpers import account, create_group, group_body, group_count, stored_group

PROMOTED = quote(json.dumps([{"name": "is-promoted", "op": "eq", "val": True}]))
HOME = f"/v1/groups?cache=true&filter={PROMOTED}&include=user,follower&page[size]=12&public=true"


def patch_body(group: dict, **attributes) -> dict:
    return {"data": {"type": "group", "id": group["id"], "attributes": attributes}}


async def test_a_verified_user_starts_a_group_they_own(client, app_db):
    owner_id, token = await account(client, app_db, "ann@example.com")
    other_id, _ = await account(client, app_db, "bob@example.com")
    body = group_body(
        "Pythonistas",
        about="We write Python.",
        **{
            "banner-url": "https://example.com/banner.png",
            "social-links": [{"name": "Web", "link": "https://py.example.com", "is_custom": True}],
        },
    )
    # The owner is the caller, whatever the document says.
    body["data"]["relationships"] = {"user": {"data": {"type": "user", "id": str(other_id)}}}

    created = await client.post("/v1/groups", json=body, headers=jwt(token))
    group = created.json()["data"]
    owner = await client.get(f"/v1/groups/{group['id']}/user", headers=jwt(token))

    assert created.status_code == 201, created.text
    assert created.headers["location"].endswith(f"/v1/groups/{group['id']}")
    attributes = group["attributes"]
    assert attributes.pop("created-at")
    assert attributes == {
        "name": "Pythonistas",
        "about": "We write Python.",
        "logo-url": None,
        "banner-url": "https://example.com/banner.png",
        "thumbnail-image-url": "https://example.com/banner.png",
        "social-links": [{"name": "Web", "link": "https://py.example.com", "is_custom": True}],
        "is-promoted": False,
        "follower-count": 0,
        "deleted-at": None,
    }
    assert set(group["relationships"]) == {"user", "events", "followers", "follower", "roles"}
    assert owner.json()["data"]["id"] == str(owner_id)
    stored = await stored_group(app_db, group["id"])
    assert stored is not None and stored.user_id == owner_id


async def test_anonymous_and_unverified_callers_cannot_start_a_group(client, app_db):
    _, unverified = await account(client, app_db, "new@example.com", is_verified=False)

    anonymous = await client.post(
        "/v1/groups", json=group_body(), headers={"Content-Type": JSONAPI}
    )
    refused = await client.post("/v1/groups", json=group_body(), headers=jwt(unverified))

    assert anonymous.status_code == 403
    assert refused.status_code == 403
    assert await group_count(app_db) == 0


async def test_a_group_needs_a_name(client, app_db):
    _, token = await account(client, app_db, "ann@example.com")
    group = await create_group(client, token)

    nameless = await client.post(
        "/v1/groups", json={"data": {"type": "group", "attributes": {}}}, headers=jwt(token)
    )
    emptied = await client.patch(
        f"/v1/groups/{group['id']}", json=patch_body(group, name=None), headers=jwt(token)
    )

    assert nameless.status_code == 422
    assert emptied.status_code == 422
    assert emptied.json()["errors"][0]["source"]["pointer"] == "/data/attributes/name"
    assert await group_count(app_db) == 1


async def test_only_admins_promote_a_group_to_the_home_page(client, app_db):
    _, token = await account(client, app_db, "ann@example.com", first_name="Ann")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, token, about="Snakes")
    await create_group(client, token, "Not promoted")

    promoting_at_start = await client.post(
        "/v1/groups", json=group_body("Pushy", **{"is-promoted": True}), headers=jwt(token)
    )
    promoting_later = await client.patch(
        f"/v1/groups/{group['id']}",
        json=patch_body(group, **{"is-promoted": True}),
        headers=jwt(token),
    )
    before = await client.get(HOME)
    promoted = await client.patch(
        f"/v1/groups/{group['id']}",
        json=patch_body(group, **{"is-promoted": True}),
        headers=jwt(admin),
    )
    home = await client.get(HOME)

    assert promoting_at_start.status_code == 403
    assert promoting_later.status_code == 403
    assert before.json()["meta"]["count"] == 0
    assert promoted.status_code == 200
    assert promoted.json()["data"]["attributes"]["is-promoted"] is True
    assert home.status_code == 200
    assert [g["id"] for g in home.json()["data"]] == [group["id"]]
    assert home.json()["data"][0]["relationships"]["follower"]["data"] is None
    [owner] = home.json()["included"]
    assert owner["type"] == "user" and owner["attributes"]["first-name"] == "Ann"
    assert "ann@example.com" not in home.text
    stored = await stored_group(app_db, group["id"])
    assert stored is not None and stored.is_promoted is True
    assert await group_count(app_db) == 2


async def test_only_the_owner_or_an_admin_changes_a_group(client, app_db):
    _, token = await account(client, app_db, "ann@example.com")
    _, other = await account(client, app_db, "bob@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, token)
    url = f"/v1/groups/{group['id']}"

    anonymous = await client.patch(
        url, json=patch_body(group, name="Mine"), headers={"Content-Type": JSONAPI}
    )
    stranger = await client.patch(url, json=patch_body(group, name="Mine"), headers=jwt(other))
    by_owner = await client.patch(
        url, json=patch_body(group, about="Snakes and more"), headers=jwt(token)
    )
    by_admin = await client.patch(url, json=patch_body(group, name="PyGroup"), headers=jwt(admin))

    assert anonymous.status_code == 403 and stranger.status_code == 403
    assert by_owner.status_code == 200 and by_admin.status_code == 200
    stored = await stored_group(app_db, group["id"])
    assert stored is not None
    assert (stored.name, stored.about) == ("PyGroup", "Snakes and more")


async def test_deleting_a_group_trashes_it_for_its_owner_and_admins(client, app_db):
    _, token = await account(client, app_db, "ann@example.com")
    _, other = await account(client, app_db, "bob@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, token)
    url = f"/v1/groups/{group['id']}"

    by_stranger = await client.delete(url, headers=jwt(other))
    anonymous = await client.delete(url)
    by_owner = await client.delete(url, headers=jwt(token))
    gone = await client.get(url)
    trashed = await client.get(f"{url}?get_trashed=true", headers=jwt(admin))
    trashed_for_stranger = await client.get(f"{url}?get_trashed=true", headers=jwt(other))

    assert by_stranger.status_code == 403 and anonymous.status_code == 403
    assert by_owner.status_code == 200
    assert by_owner.json()["meta"] == {"message": "Object successfully deleted"}
    assert gone.status_code == 404
    assert trashed.status_code == 200 and trashed.json()["data"]["attributes"]["deleted-at"]
    assert trashed_for_stranger.status_code == 404
    stored = await stored_group(app_db, group["id"])
    assert stored is not None and stored.deleted_at is not None


async def test_my_groups_explore_and_a_users_groups(client, app_db):
    ann_id, ann = await account(client, app_db, "ann@example.com")
    _, bob = await account(client, app_db, "bob@example.com")
    await create_group(client, ann, "Pythonistas")
    await create_group(client, ann, "Rustaceans")
    await create_group(client, bob, "Gophers")
    search = quote(json.dumps([{"name": "name", "op": "ilike", "val": "%ist%"}]))

    mine = await client.get(
        f"/v1/users/{ann_id}/groups?include=follower,user,events&filter=[]"
        "&page[size]=10&page[number]=1",
        headers=jwt(ann),
    )
    explore = await client.get(
        "/v1/groups?include=events&filter=[]&sort=name&page[size]=6&page[number]=1"
    )
    found = await client.get(f"/v1/groups?include=events&filter={search}&sort=name")

    assert mine.status_code == 200, mine.text
    assert sorted(g["attributes"]["name"] for g in mine.json()["data"]) == [
        "Pythonistas",
        "Rustaceans",
    ]
    assert [g["attributes"]["name"] for g in explore.json()["data"]] == [
        "Gophers",
        "Pythonistas",
        "Rustaceans",
    ]
    assert [g["attributes"]["name"] for g in found.json()["data"]] == ["Pythonistas"]
