"""Video streams are links to where an online room is streamed. Anyone who may see the event
sees that a stream exists and its name; its address, password and notes only those who may
join it (the event's co-organizers and admins). `has-streams` answers the public event page."""

from __future__ import annotations

from tests.program.helpers import body, cast, make, post

STREAM = {
    "name": "Main stage",
    "url": "https://meet.example/main",
    "password": "s3cret",
    "additional-information": "<p>Doors open at nine</p><script>x()</script>",
    "extra": {"autoplay": True, "loop": False},
}
SECRETS = ("url", "password", "additional-information", "extra")


async def _stream(client, c, **rooms):
    return await make(
        client,
        "video-streams",
        "video-stream",
        STREAM,
        c.headers("owner"),
        event=("event", c.event_id),
    )


async def test_no_stream_for_anyone_who_may_see_the_event(client, app_db):
    c = await cast(client, app_db)

    for key in (c.event_id, c.identifier):
        for who, can in (("anonymous", False), ("user", False), ("coorganizer", True)):
            response = await client.get(f"/v1/events/{key}/has-streams", headers=c.headers(who))
            assert response.status_code == 200, response.text
            assert response.headers["content-type"].startswith("application/json")
            assert response.json() == {"exists": False, "can_access": can}


async def test_a_stored_stream_exists_and_only_hosts_may_join(client, app_db):
    c = await cast(client, app_db)
    await _stream(client, c)
    url = f"/v1/events/{c.identifier}/has-streams"

    answers = {who: (await client.get(url, headers=c.headers(who))).json() for who in c.tokens}

    for who in ("owner", "coorganizer", "admin"):
        assert answers[who] == {"exists": True, "can_access": True}
    for who in ("anonymous", "user", "stranger", "moderator", "track_organizer"):
        assert answers[who] == {"exists": True, "can_access": False}


async def test_a_rooms_stream_counts_for_its_event(client, app_db):
    c = await cast(client, app_db)
    stream = await _stream(client, c)
    room = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Hall"},
        c.headers("owner"),
        event=("event", c.event_id),
        **{"video-stream": ("video-stream", stream["id"])},
    )

    rooms = await client.get(f"/v1/video-streams/{stream['id']}/rooms")
    listed = await client.get(f"/v1/events/{c.identifier}/microlocations?include=video-stream")

    assert [r["id"] for r in rooms.json()["data"]] == [room["id"]]
    assert listed.json()["data"][0]["relationships"]["video-stream"]["data"] == {
        "type": "video-stream",
        "id": stream["id"],
    }
    assert [i["type"] for i in listed.json()["included"]] == ["video-stream"]


async def test_a_drafts_streams_are_not_found_by_the_public(client, app_db):
    c = await cast(client, app_db, published=False)
    await _stream(client, c)
    url = f"/v1/events/{c.identifier}/has-streams"

    assert (await client.get(url)).status_code == 404
    assert (await client.get(url, headers=c.headers("user"))).status_code == 404
    assert (await client.get(url, headers=c.headers("owner"))).json()["exists"] is True
    assert (await client.get("/v1/events/abcdefgh/has-streams")).status_code == 404
    assert (await client.get(f"/v1/events/{2**70}/has-streams")).status_code == 404


async def test_the_address_and_password_are_hidden_from_who_may_not_join(client, app_db):
    c = await cast(client, app_db)
    stream = await _stream(client, c)
    url = f"/v1/video-streams/{stream['id']}"

    for who in ("anonymous", "user", "stranger", "moderator"):
        shown = (await client.get(url, headers=c.headers(who))).json()["data"]["attributes"]
        assert shown["name"] == "Main stage"
        assert not set(SECRETS) & set(shown), who
        page = await client.get(
            f"/v1/events/{c.identifier}?include=video-stream", headers=c.headers(who)
        )
        (included,) = page.json()["included"]
        assert not set(SECRETS) & set(included["attributes"])
    for who in ("owner", "coorganizer", "admin"):
        shown = (await client.get(url, headers=c.headers(who))).json()["data"]["attributes"]
        assert shown["url"] == "https://meet.example/main" and shown["password"] == "s3cret"
        assert shown["additional-information"] == "<p>Doors open at nine</p>"


async def test_the_event_links_its_stream_in_every_answer(client, app_db):
    c = await cast(client, app_db)
    empty = await client.get(f"/v1/events/{c.event_id}")
    none = await client.get(f"/v1/events/{c.event_id}/video-stream")
    stream = await _stream(client, c)

    linked = await client.get(f"/v1/events/{c.identifier}")
    related = await client.get(f"/v1/events/{c.identifier}/video-stream")

    assert empty.json()["data"]["relationships"]["video-stream"]["data"] is None
    assert none.status_code == 404
    assert linked.json()["data"]["relationships"]["video-stream"]["data"] == {
        "type": "video-stream",
        "id": stream["id"],
    }
    assert related.json()["data"]["id"] == stream["id"]


async def test_a_room_cannot_show_another_events_stream(client, app_db):
    c = await cast(client, app_db)
    other = await cast_other_event(client, c)
    foreign = await make(
        client,
        "video-streams",
        "video-stream",
        STREAM,
        c.headers("stranger"),
        event=("event", other),
    )

    response = await post(
        client,
        "microlocations",
        "microlocation",
        {"name": "Hall"},
        c.headers("owner"),
        event=("event", c.event_id),
        **{"video-stream": ("video-stream", foreign["id"])},
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == ("/data/relationships/video-stream")
    listed = await client.get(f"/v1/events/{c.event_id}/microlocations")
    assert listed.json()["meta"]["count"] == 0


async def test_a_stream_needs_an_http_address(client, app_db):
    c = await cast(client, app_db)
    stream = await _stream(client, c)

    for bad in ("javascript:alert(1)", "", None):
        created = await post(
            client,
            "video-streams",
            "video-stream",
            {**STREAM, "url": bad},
            c.headers("owner"),
            event=("event", c.event_id),
        )
        patched = await client.patch(
            f"/v1/video-streams/{stream['id']}",
            json=body("video-stream", {"url": bad}, id_=stream["id"]),
            headers=c.headers("owner"),
        )
        for response in (created, patched):
            assert response.status_code == 422, response.text
            assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/url"
    shown = await client.get(f"/v1/video-streams/{stream['id']}", headers=c.headers("owner"))
    assert shown.json()["data"]["attributes"]["url"] == "https://meet.example/main"


async def cast_other_event(client, c) -> str:
    events = await client.get("/v1/events", headers=c.headers("stranger"))
    return next(e["id"] for e in events.json()["data"] if e["id"] != c.event_id)


async def test_a_rooms_stream_is_created_with_its_rooms_only(client, app_db):
    c = await cast(client, app_db)
    room = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Hall"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    data = body("video-stream", STREAM, event=("event", None))
    data["data"]["relationships"]["rooms"] = {"data": [{"type": "microlocation", "id": room["id"]}]}

    refused = {
        who: await client.post("/v1/video-streams", json=data, headers=c.headers(who))
        for who in ("anonymous", "user", "stranger", "moderator")
    }
    created = await client.post("/v1/video-streams", json=data, headers=c.headers("coorganizer"))
    no_home = await post(client, "video-streams", "video-stream", STREAM, c.headers("admin"))

    for who, response in refused.items():
        assert response.status_code == 403, (who, response.text)
    assert created.status_code == 201, created.text
    stream = created.json()["data"]
    home = await client.get(f"/v1/video-streams/{stream['id']}/event", headers=c.headers("admin"))
    assert home.json()["data"]["id"] == c.event_id
    rooms = await client.get(f"/v1/video-streams/{stream['id']}/rooms")
    assert [r["id"] for r in rooms.json()["data"]] == [room["id"]]
    shown = await client.get(f"/v1/microlocations/{room['id']}?include=video-stream")
    assert shown.json()["data"]["relationships"]["video-stream"]["data"]["id"] == stream["id"]
    assert no_home.status_code == 422
    assert no_home.json()["errors"][0]["source"]["pointer"] == "/data/relationships/event"


async def test_a_stream_serves_rooms_of_its_own_event_only(client, app_db):
    c = await cast(client, app_db)
    stream = await _stream(client, c)
    other = await cast_other_event(client, c)
    foreign = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Theirs"},
        c.headers("stranger"),
        event=("event", other),
    )
    mine = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Mine"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    url = f"/v1/video-streams/{stream['id']}/relationships/rooms"

    added = await client.post(
        url,
        json={"data": [{"type": "microlocation", "id": mine["id"]}]},
        headers=c.headers("owner"),
    )
    by_stranger = await client.post(
        url,
        json={"data": [{"type": "microlocation", "id": foreign["id"]}]},
        headers=c.headers("stranger"),
    )
    by_admin = await client.post(
        url,
        json={"data": [{"type": "microlocation", "id": foreign["id"]}]},
        headers=c.headers("admin"),
    )

    assert added.status_code == 200, added.text
    assert by_stranger.status_code == 403
    assert by_admin.status_code == 422, by_admin.text
    rooms = await client.get(f"/v1/video-streams/{stream['id']}/rooms")
    assert [r["id"] for r in rooms.json()["data"]] == [mine["id"]]


async def test_the_stream_side_panel_reads_rooms_with_their_streams(client, app_db):
    c = await cast(client, app_db)
    stream = await _stream(client, c)
    for name, position in (("Second", 2), ("First", 1)):
        await make(
            client,
            "microlocations",
            "microlocation",
            {"name": name, "position": position, "is-chat-enabled": True},
            c.headers("owner"),
            event=("event", c.event_id),
            **{"video-stream": ("video-stream", stream["id"])},
        )

    response = await client.get(
        f"/v1/events/{c.identifier}/microlocations?include=video-stream"
        "&fields[microlocation]=id,name,video_stream,position,is_chat_enabled,chat_room_name,"
        "is_global_event_room&fields[video-stream]=id,name&sort=position",
        headers=c.headers("user"),
    )

    assert response.status_code == 200, response.text
    rooms = response.json()["data"]
    assert [r["attributes"]["name"] for r in rooms] == ["First", "Second"]
    assert set(rooms[0]["attributes"]) == {
        "name",
        "position",
        "is-chat-enabled",
        "chat-room-name",
        "is-global-event-room",
    }
    assert rooms[0]["relationships"]["video-stream"]["data"]["id"] == stream["id"]
    (included,) = response.json()["included"]
    assert included["attributes"] == {"name": "Main stage"}
