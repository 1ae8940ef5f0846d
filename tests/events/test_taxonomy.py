"""Event types, topics, sub-topics, locations and placeholders: public to read, admin to write."""

from __future__ import annotations

from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.events.helpers import create_event


def body(type_: str, relationships: dict | None = None, **attributes) -> dict:
    data = {"type": type_, "attributes": attributes}
    if relationships:
        data["relationships"] = relationships
    return {"data": data}


async def admin_token(client, app_db) -> str:
    await make_user(app_db, "admin@example.com", is_admin=True)
    return await login(client, "admin@example.com")


async def test_admins_create_types_with_a_slug_and_anyone_reads_them(client, app_db):
    admin = await admin_token(client, app_db)

    created = await client.post(
        "/v1/event-types", headers=jwt(admin), json=body("event-type", name="Camp, Treat & Retreat")
    )
    listed = await client.get("/v1/event-types?sort=name")

    assert created.status_code == 201
    assert created.json()["data"]["attributes"] == {
        "name": "Camp, Treat & Retreat",
        "slug": "camp-treat-retreat",
    }
    assert [t["attributes"]["slug"] for t in listed.json()["data"]] == ["camp-treat-retreat"]


async def test_plain_users_and_anonymous_callers_cannot_write_taxonomy(client, app_db):
    await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    for headers in (jwt(token), {"Content-Type": JSONAPI}):
        for path, type_ in (
            ("event-types", "event-type"),
            ("event-topics", "event-topic"),
            ("event-locations", "event-location"),
        ):
            response = await client.post(
                f"/v1/{path}", headers=headers, json=body(type_, name="Nope")
            )
            assert response.status_code == 403, (path, headers)
    assert (await client.get("/v1/event-types")).json()["meta"]["count"] == 0


async def test_a_duplicate_slug_is_a_conflict(client, app_db):
    admin = await admin_token(client, app_db)
    await client.post("/v1/event-types", headers=jwt(admin), json=body("event-type", name="Talk"))

    again = await client.post(
        "/v1/event-types", headers=jwt(admin), json=body("event-type", name="talk")
    )

    assert again.status_code == 409


async def test_topics_carry_their_sub_topics(client, app_db):
    admin = await admin_token(client, app_db)
    topic = (
        await client.post(
            "/v1/event-topics",
            headers=jwt(admin),
            json=body("event-topic", name="Science & Technology"),
        )
    ).json()["data"]
    link = {"event-topic": {"data": {"type": "event-topic", "id": topic["id"]}}}
    sub = await client.post(
        "/v1/event-sub-topics",
        headers=jwt(admin),
        json=body("event-sub-topic", link, name="Robotics"),
    )
    orphan = await client.post(
        "/v1/event-sub-topics", headers=jwt(admin), json=body("event-sub-topic", name="Orphan")
    )

    listed = await client.get("/v1/event-topics?include=event-sub-topics&sort=name")
    nested = await client.get(f"/v1/event-topics/{topic['id']}/event-sub-topics")

    assert sub.status_code == 201 and orphan.status_code == 422
    assert listed.json()["included"][0]["attributes"]["name"] == "Robotics"
    assert [s["attributes"]["slug"] for s in nested.json()["data"]] == ["robotics"]


async def test_events_are_filed_under_a_type_and_listed_there(client, app_db):
    admin = await admin_token(client, app_db)
    await make_user(app_db, "owner@example.com")
    token = await login(client, "owner@example.com")
    kind = (
        await client.post(
            "/v1/event-types", headers=jwt(admin), json=body("event-type", name="Conference")
        )
    ).json()["data"]
    event = await create_event(client, token, state="published")

    filed = await client.patch(
        f"/v1/events/{event['id']}",
        headers=jwt(token),
        json={
            "data": {
                "type": "event",
                "id": event["id"],
                "attributes": {},
                "relationships": {"event-type": {"data": {"type": "event-type", "id": kind["id"]}}},
            }
        },
    )
    listed = await client.get(f"/v1/event-types/{kind['id']}/events")
    alias = await client.get(f"/v1/events/{event['id']}/event-type")
    by_type = await client.get(
        '/v1/events?filter=[{"name":"event-type","op":"has","val":{"name":"slug","op":"eq",'
        '"val":"conference"}}]'
    )

    assert filed.status_code == 200
    assert [e["id"] for e in listed.json()["data"]] == [event["id"]]
    assert alias.json()["data"]["attributes"]["name"] == "Conference"
    assert by_type.json()["meta"]["count"] == 1


async def test_placeholders_belong_to_a_sub_topic(client, app_db):
    admin = await admin_token(client, app_db)
    topic = (
        await client.post(
            "/v1/event-topics", headers=jwt(admin), json=body("event-topic", name="Arts")
        )
    ).json()["data"]
    sub = (
        await client.post(
            "/v1/event-sub-topics",
            headers=jwt(admin),
            json=body(
                "event-sub-topic",
                {"event-topic": {"data": {"type": "event-topic", "id": topic["id"]}}},
                name="Painting",
            ),
        )
    ).json()["data"]

    placeholder = await client.post(
        "/v1/custom-placeholders",
        headers=jwt(admin),
        json=body(
            "custom-placeholder",
            {"event-sub-topic": {"data": {"type": "event-sub-topic", "id": sub["id"]}}},
            name="Brushes",
            **{"original-image-url": "https://img.example/brushes.png"},
        ),
    )
    related = await client.get(f"/v1/event-sub-topics/{sub['id']}/custom-placeholder")

    assert placeholder.status_code == 201
    assert related.json()["data"]["attributes"]["name"] == "Brushes"


async def test_a_sub_topic_links_its_placeholder_in_every_answer(client, app_db):
    """The system-images page makes a placeholder when a sub-topic's is empty: the empty one
    is `null` without a related link to follow (which would answer 404), a set one is linked."""
    admin = await admin_token(client, app_db)
    topic = (
        await client.post(
            "/v1/event-topics", headers=jwt(admin), json=body("event-topic", name="Arts")
        )
    ).json()["data"]
    link = {"event-topic": {"data": {"type": "event-topic", "id": topic["id"]}}}
    sub = (
        await client.post(
            "/v1/event-sub-topics",
            headers=jwt(admin),
            json=body("event-sub-topic", link, name="Painting"),
        )
    ).json()["data"]
    path = f"/v1/event-topics/{topic['id']}?include=event-sub-topics"

    empty = (await client.get(path)).json()["included"][0]["relationships"]["custom-placeholder"]
    placeholder = await client.post(
        "/v1/custom-placeholders",
        headers=jwt(admin),
        json=body(
            "custom-placeholder",
            {"event-sub-topic": {"data": {"type": "event-sub-topic", "id": sub["id"]}}},
            name="Brushes",
            **{"original-image-url": "https://img.example/brushes.png"},
        ),
    )
    set_ = (await client.get(path)).json()["included"][0]["relationships"]["custom-placeholder"]
    listed = (await client.get("/v1/event-sub-topics")).json()["data"][0]

    assert empty["data"] is None
    assert "related" not in empty["links"]
    assert placeholder.status_code == 201
    expected = {"type": "custom-placeholder", "id": placeholder.json()["data"]["id"]}
    assert set_["data"] == expected
    assert listed["relationships"]["custom-placeholder"]["data"] == expected
