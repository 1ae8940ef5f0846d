"""What tracks, rooms and session types add to plain event content: a track's font colour
follows its colour, a session type's length is HH:MM, a track organizer changes tracks of
their own event only, and the schedule reads them sorted by position."""

from __future__ import annotations

import pytest

from tests.program.helpers import body, cast, grant, make, post


@pytest.mark.parametrize(
    ("color", "stored", "font"),
    [
        ("#a04b4b", "#a04b4b", "#ffffff"),
        ("#FFEE00", "#ffee00", "#000000"),
        ("fff", "#ffffff", "#000000"),
        ("#123", "#112233", "#ffffff"),
    ],
)
async def test_a_tracks_font_colour_follows_its_colour(color, stored, font, client, app_db):
    c = await cast(client, app_db)

    track = await make(
        client,
        "tracks",
        "track",
        {"name": "Web", "color": color},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    patched = await client.patch(
        f"/v1/tracks/{track['id']}",
        json=body("track", {"color": "#000000", "font-color": "#000000"}, id_=track["id"]),
        headers=c.headers("owner"),
    )

    assert track["attributes"]["color"] == stored
    assert track["attributes"]["font-color"] == font
    assert track["attributes"]["position"] == 0
    assert patched.json()["data"]["attributes"]["font-color"] == "#ffffff"


@pytest.mark.parametrize("color", ["red", "#12345", "#gggggg", "", None])
async def test_a_track_needs_a_hex_colour(color, client, app_db):
    c = await cast(client, app_db)

    response = await post(
        client,
        "tracks",
        "track",
        {"name": "Web", "color": color},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/color"


@pytest.mark.parametrize("length", ["0:30", "00:60", "1h", "", "00:30:00", None])
async def test_a_session_types_length_is_hours_and_minutes(length, client, app_db):
    c = await cast(client, app_db)

    response = await post(
        client,
        "session-types",
        "session-type",
        {"name": "Talk", "length": length},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/length"


async def test_a_session_type_lasts_half_an_hour_unless_told(client, app_db):
    c = await cast(client, app_db)

    made = await make(
        client,
        "session-types",
        "session-type",
        {"name": "Talk"},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    assert made["attributes"] == {
        "name": "Talk",
        "length": "00:30",
        "position": 0,
        "deleted-at": None,
    }
    assert made["relationships"]["sessions"]["links"]["related"] == (
        f"/v1/session-types/{made['id']}/sessions"
    )


async def test_a_track_organizer_of_another_event_changes_nothing(client, app_db):
    c = await cast(client, app_db)
    track = await make(
        client,
        "tracks",
        "track",
        {"name": "Web", "color": "#a04b4b"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    events = await client.get("/v1/events", headers=c.headers("stranger"))
    other = next(e["id"] for e in events.json()["data"] if e["id"] != c.event_id)
    users = await client.get("/v1/users", headers=c.headers("admin"))
    user_id = next(
        u["id"] for u in users.json()["data"] if u["attributes"]["email"] == "user@example.com"
    )
    await grant(app_db, int(other), int(user_id), "track_organizer")

    patched = await client.patch(
        f"/v1/tracks/{track['id']}",
        json=body("track", {"name": "Taken"}, id_=track["id"]),
        headers=c.headers("user"),
    )
    deleted = await client.delete(f"/v1/tracks/{track['id']}", headers=c.headers("user"))

    assert (patched.status_code, deleted.status_code) == (403, 403)
    shown = await client.get(f"/v1/tracks/{track['id']}")
    assert shown.json()["data"]["attributes"]["name"] == "Web"


async def test_the_schedule_reads_rooms_sorted_by_position(client, app_db):
    c = await cast(client, app_db)
    for name, position in (("B", 2), ("A", 1), ("C", 3)):
        await make(
            client,
            "microlocations",
            "microlocation",
            {"name": name, "position": position, "latitude": "45.00", "floor": "2"},
            c.headers("owner"),
            event=("event", c.event_id),
        )

    listed = await client.get(
        f"/v1/events/{c.identifier}/microlocations?sort=position&page[size]=0"
    )
    hidden = await client.get(
        f'/v1/events/{c.identifier}/microlocations?filter=[{{"name":"name","op":"eq","val":"C"}}]'
    )

    assert [r["attributes"]["name"] for r in listed.json()["data"]] == ["A", "B", "C"]
    first = listed.json()["data"][0]["attributes"]
    assert (first["latitude"], first["floor"], first["hidden-in-scheduler"]) == (45.0, 2, False)
    assert [r["attributes"]["name"] for r in hidden.json()["data"]] == ["C"]


async def test_the_event_includes_its_tracks_and_session_types(client, app_db):
    c = await cast(client, app_db)
    track = await make(
        client,
        "tracks",
        "track",
        {"name": "Web", "color": "#a04b4b"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    kind = await make(
        client,
        "session-types",
        "session-type",
        {"name": "Talk"},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    page = await client.get(f"/v1/events/{c.identifier}?include=tracks,session-types")

    relationships = page.json()["data"]["relationships"]
    assert relationships["tracks"]["data"] == [{"type": "track", "id": track["id"]}]
    assert relationships["session-types"]["data"] == [{"type": "session-type", "id": kind["id"]}]
    assert {(i["type"], i["id"]) for i in page.json()["included"]} == {
        ("track", track["id"]),
        ("session-type", kind["id"]),
    }
