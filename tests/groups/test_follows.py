"""Following a group: once per user and group, only for oneself; a group's members (its owner
and followers) see one another, strangers see counts only."""

from __future__ import annotations

import json
from urllib.parse import quote

from tests.appfixtures import JSONAPI, jwt
from tests.events.helpers import create_event
from tests.groups.helpers import (
    account,
    create_group,
    follow,
    follow_body,
    follows_in_db,
    link,
)


async def test_a_user_follows_a_group_once(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com")
    group = await create_group(client, owner)

    followed = await follow(client, fan, group["id"], fan_id)
    again = await follow(client, fan, group["id"])
    counted = await client.get(f"/v1/groups/{group['id']}")

    assert followed.status_code == 201, followed.text
    data = followed.json()["data"]
    assert data["type"] == "user-follow-group" and set(data["attributes"]) == {"created-at"}
    assert set(data["relationships"]) == {"user", "group"}
    assert again.status_code == 409
    assert again.json()["errors"][0]["detail"] == "Group already followed"
    assert counted.json()["data"]["attributes"]["follower-count"] == 1
    assert await follows_in_db(app_db) == [(fan_id, int(group["id"]))]


async def test_without_a_user_the_follow_is_the_callers(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com")
    group = await create_group(client, owner)

    followed = await follow(client, fan, group["id"])
    follower = await client.get(
        f"/v1/user-follow-groups/{followed.json()['data']['id']}/user", headers=jwt(fan)
    )

    assert followed.status_code == 201
    assert follower.json()["data"]["id"] == str(fan_id)
    assert await follows_in_db(app_db) == [(fan_id, int(group["id"]))]


async def test_nobody_follows_for_someone_else(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com")
    _, stranger = await account(client, app_db, "stranger@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, owner)
    other_group = await create_group(client, owner, "Other")
    await follow(client, fan, group["id"])

    # The group's owner and admins see the follower's account: naming it is refused.
    by_owner = await follow(client, owner, other_group["id"], fan_id)
    by_admin = await follow(client, admin, other_group["id"], fan_id)
    # Someone who does not see the account is told it does not exist.
    by_stranger = await follow(client, stranger, other_group["id"], fan_id)
    anonymous = await client.post(
        "/v1/user-follow-groups",
        json=follow_body(group["id"]),
        headers={"Content-Type": JSONAPI},
    )

    assert (by_owner.status_code, by_admin.status_code) == (403, 403)
    assert by_stranger.status_code == 404
    assert anonymous.status_code == 403
    assert await follows_in_db(app_db) == [(fan_id, int(group["id"]))]


async def test_a_follow_needs_a_live_group(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    _, fan = await account(client, app_db, "fan@example.com")
    group = await create_group(client, owner)
    await client.delete(f"/v1/groups/{group['id']}", headers=jwt(owner))

    trashed = await follow(client, fan, group["id"])
    unknown = await follow(client, fan, 999_999)
    groupless = await client.post(
        "/v1/user-follow-groups",
        json={"data": {"type": "user-follow-group", "relationships": {}}},
        headers=jwt(fan),
    )

    assert trashed.status_code == 404 and unknown.status_code == 404
    assert groupless.status_code == 422
    assert await follows_in_db(app_db) == []


async def test_only_the_follower_unfollows(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com")
    _, stranger = await account(client, app_db, "stranger@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, owner)
    made = (await follow(client, fan, group["id"])).json()["data"]
    url = f"/v1/user-follow-groups/{made['id']}"

    by_group_owner = await client.delete(url, headers=jwt(owner))
    by_admin = await client.delete(url, headers=jwt(admin))
    by_stranger = await client.delete(url, headers=jwt(stranger))
    anonymous = await client.delete(url)
    kept = await follows_in_db(app_db)
    by_follower = await client.delete(url, headers=jwt(fan))
    counted = await client.get(f"/v1/groups/{group['id']}")

    assert (by_group_owner.status_code, by_admin.status_code) == (403, 403)
    assert (by_stranger.status_code, anonymous.status_code) == (404, 404)
    assert kept == [(fan_id, int(group["id"]))]
    assert by_follower.status_code == 200
    assert counted.json()["data"]["attributes"]["follower-count"] == 0
    assert await follows_in_db(app_db) == []


async def test_a_follow_is_never_moved(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    _, fan = await account(client, app_db, "fan@example.com")
    first = await create_group(client, owner, "First")
    second = await create_group(client, owner, "Second")
    made = (await follow(client, fan, first["id"])).json()["data"]

    moved = await client.patch(
        f"/v1/user-follow-groups/{made['id']}/relationships/group",
        json=link("group", second["id"]),
        headers=jwt(fan),
    )
    changed = await client.patch(
        f"/v1/user-follow-groups/{made['id']}",
        json={"data": {"type": "user-follow-group", "id": made["id"]}},
        headers=jwt(fan),
    )

    assert moved.status_code == 403
    assert changed.status_code == 405
    assert [g for _, g in await follows_in_db(app_db)] == [int(first["id"])]


async def test_the_home_page_reads_the_callers_followed_groups(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com", first_name="Fay")
    _, stranger = await account(client, app_db, "stranger@example.com")
    group = await create_group(client, owner)
    await create_group(client, owner, "Not followed")
    await follow(client, fan, group["id"])
    url = f"/v1/users/{fan_id}/followed-groups?include=group,user"

    own = await client.get(url, headers=jwt(fan))
    for_stranger = await client.get(url, headers=jwt(stranger))
    anonymous = await client.get(url)

    assert own.status_code == 200, own.text
    [made] = own.json()["data"]
    assert made["relationships"]["group"]["data"] == {"type": "group", "id": group["id"]}
    included = {(item["type"], item["id"]) for item in own.json()["included"]}
    assert included == {("group", group["id"]), ("user", str(fan_id))}
    # Someone who shares no group with the follower does not even see the account.
    assert for_stranger.status_code == 404 and anonymous.status_code == 404


async def test_members_see_the_followers_and_strangers_only_the_count(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com", first_name="Fay")
    _, other_fan = await account(client, app_db, "other@example.com")
    _, stranger = await account(client, app_db, "stranger@example.com")
    _, admin = await account(client, app_db, "admin@example.com", is_admin=True)
    group = await create_group(client, owner)
    await follow(client, fan, group["id"])
    await follow(client, other_fan, group["id"])
    url = f"/v1/groups/{group['id']}/followers?include=user"

    seen = {
        name: await client.get(url, headers=jwt(token) if token else {})
        for name, token in (
            ("owner", owner),
            ("follower", other_fan),
            ("admin", admin),
            ("stranger", stranger),
            ("anonymous", None),
        )
    }
    detail = await client.get(f"/v1/groups/{group['id']}", headers=jwt(stranger))

    for name in ("owner", "follower", "admin"):
        assert seen[name].json()["meta"]["count"] == 2, name
    users = {u["id"]: u for u in seen["owner"].json()["included"] if u["type"] == "user"}
    assert users[str(fan_id)]["attributes"]["first-name"] == "Fay"
    assert "fan@example.com" not in seen["owner"].text
    for name in ("stranger", "anonymous"):
        assert seen[name].status_code == 200 and seen[name].json()["data"] == [], name
    assert detail.json()["data"]["attributes"]["follower-count"] == 2


async def test_the_public_event_page_includes_the_group_and_its_followers(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com")
    group = await create_group(client, owner)
    event = await create_event(client, owner, state="published")
    await client.patch(
        f"/v1/events/{event['id']}",
        json={
            "data": {
                "type": "event",
                "id": event["id"],
                "relationships": {"group": link("group", group["id"])},
            }
        },
        headers=jwt(owner),
    )
    await follow(client, fan, group["id"])
    url = (
        f"/v1/events/{event['attributes']['identifier']}?include=social-links,event-copyright,"
        "speakers-call,tax,owner,organizers,video-stream,custom-forms,group,group.followers,"
        "group.followers.user"
    )

    anonymous = await client.get(url)
    member = await client.get(url, headers=jwt(fan))

    assert anonymous.status_code == 200 and member.status_code == 200, member.text
    for page in (anonymous, member):
        assert page.json()["data"]["relationships"]["group"]["data"]["id"] == group["id"]
    anonymous_types = {item["type"] for item in anonymous.json()["included"]}
    assert "group" in anonymous_types and "user-follow-group" not in anonymous_types
    member_included = {(i["type"], i["id"]) for i in member.json()["included"]}
    assert ("user", str(fan_id)) in member_included
    assert any(kind == "user-follow-group" for kind, _ in member_included)


async def test_my_groups_following_lists_the_groups_the_caller_follows(client, app_db):
    _, owner = await account(client, app_db, "owner@example.com")
    fan_id, fan = await account(client, app_db, "fan@example.com")
    followed = await create_group(client, owner, "Followed")
    await create_group(client, owner, "Not followed")
    await follow(client, fan, followed["id"])
    mine = [
        {
            "name": "followers",
            "op": "any",
            "val": {"name": "user", "op": "has", "val": {"name": "id", "op": "eq", "val": fan_id}},
        }
    ]
    url = (
        f"/v1/groups?include=follower,user,events&filter={quote(json.dumps(mine))}"
        "&page[size]=10&page[number]=1"
    )

    as_fan = await client.get(url, headers=jwt(fan))
    anonymous = await client.get(url)

    assert as_fan.status_code == 200, as_fan.text
    assert [g["attributes"]["name"] for g in as_fan.json()["data"]] == ["Followed"]
    # Follows are not public: nobody else learns whom the fan follows.
    assert anonymous.status_code == 200 and anonymous.json()["data"] == []
