"""The sessions an exhibitor presents: linked by the event's hosts from either side, only
sessions and exhibitors of the same event, read with both."""

from __future__ import annotations

from tests.events.helpers import create_event
from tests.program.helpers import cast, make


def _many(type_: str, ids: list[str]) -> dict[str, object]:
    return {"data": [{"type": type_, "id": i} for i in ids]}


async def _talk(client, c, title="Demo", headers=None, event_id=None):
    return await make(
        client,
        "sessions",
        "session",
        {"title": title, "state": "accepted"},
        headers or c.headers("owner"),
        event=("event", event_id or c.event_id),
    )


async def _exhibitor(client, c, sessions: list[str], who="owner"):
    document = {
        "data": {
            "type": "exhibitor",
            "attributes": {"name": "Acme", "status": "accepted"},
            "relationships": {
                "event": {"data": {"type": "event", "id": c.event_id}},
                "sessions": _many("session", sessions),
            },
        }
    }
    return await client.post("/v1/exhibitors", json=document, headers=c.headers(who))


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["data"]]


async def test_hosts_link_sessions_to_an_exhibitor_from_either_side(client, app_db):
    c = await cast(client, app_db)
    demo, keynote = await _talk(client, c), await _talk(client, c, "Keynote")

    made = await _exhibitor(client, c, [demo["id"]])
    assert made.status_code == 201, made.text
    exhibitor = made.json()["data"]["id"]
    assert _ids(await client.get(f"/v1/exhibitors/{exhibitor}/sessions")) == [demo["id"]]
    assert _ids(await client.get(f"/v1/sessions/{demo['id']}/exhibitors")) == [exhibitor]

    linked = await client.patch(
        f"/v1/sessions/{keynote['id']}",
        json={
            "data": {
                "type": "session",
                "id": keynote["id"],
                "relationships": {"exhibitors": _many("exhibitor", [exhibitor])},
            }
        },
        headers=c.headers("coorganizer"),
    )
    assert linked.status_code == 200, linked.text
    both = await client.get(f"/v1/exhibitors/{exhibitor}?include=sessions")
    shown = both.json()["data"]["relationships"]["sessions"]["data"]
    assert [s["id"] for s in shown] == sorted([demo["id"], keynote["id"]], key=int)
    assert {i["id"] for i in both.json()["included"]} == {demo["id"], keynote["id"]}

    cleared = await client.patch(
        f"/v1/exhibitors/{exhibitor}",
        json={
            "data": {
                "type": "exhibitor",
                "id": exhibitor,
                "relationships": {"sessions": _many("session", [])},
            }
        },
        headers=c.headers("owner"),
    )
    assert cleared.status_code == 200, cleared.text
    assert _ids(await client.get(f"/v1/exhibitors/{exhibitor}/sessions")) == []


async def test_only_the_events_own_sessions_and_exhibitors_are_linked(client, app_db):
    c = await cast(client, app_db)
    theirs = await create_event(client, c.tokens["stranger"], "Theirs", state="published")
    foreign = await _talk(client, c, "Theirs", c.headers("stranger"), theirs["id"])
    ours = await _talk(client, c)

    refused = await _exhibitor(client, c, [foreign["id"]])
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["source"]["pointer"] == "/data/relationships/sessions"

    exhibitor = (await _exhibitor(client, c, [ours["id"]])).json()["data"]["id"]
    onto_foreign = await client.patch(
        f"/v1/sessions/{foreign['id']}",
        json={
            "data": {
                "type": "session",
                "id": foreign["id"],
                "relationships": {"exhibitors": _many("exhibitor", [exhibitor])},
            }
        },
        headers=c.headers("stranger"),
    )
    assert onto_foreign.status_code in (403, 404, 422), onto_foreign.text
    assert _ids(await client.get(f"/v1/sessions/{foreign['id']}/exhibitors")) == []


async def test_nobody_outside_the_hosts_links_exhibitors(client, app_db):
    c = await cast(client, app_db)
    talk = await _talk(client, c)
    exhibitor = (await _exhibitor(client, c, [])).json()["data"]["id"]
    change = {
        "data": {
            "type": "session",
            "id": talk["id"],
            "relationships": {"exhibitors": _many("exhibitor", [exhibitor])},
        }
    }

    for who in ("anonymous", "user", "stranger", "moderator"):
        made = await _exhibitor(client, c, [talk["id"]], who=who)
        assert made.status_code in (401, 403), (who, made.text)
        patched = await client.patch(
            f"/v1/sessions/{talk['id']}", json=change, headers=c.headers(who)
        )
        assert patched.status_code in (401, 403, 404), (who, patched.text)
        related = await client.post(
            f"/v1/exhibitors/{exhibitor}/relationships/sessions",
            json=_many("session", [talk["id"]]),
            headers=c.headers(who),
        )
        assert related.status_code in (401, 403, 404), (who, related.text)
    assert _ids(await client.get(f"/v1/exhibitors/{exhibitor}/sessions")) == []
