"""Stations: the event's organizers set them up (`POST /v1/station`, the Open Event path, or
`/v1/stations`); its staff read them under the event and the room; nobody else sees them."""

from __future__ import annotations

from hallway.stations.models import Station
from tests.program.helpers import make
from tests.stations.helpers import station, venue
from tests.tickets.helpers import count, patch, stored


async def test_organizers_set_up_stations_and_the_staff_read_them(client, app_db):
    v = await venue(client, app_db)
    event_id = v.event_id

    by_event = await client.get(f"/v1/events/{event_id}/stations", headers=v.jwt("registrar"))
    by_room = await client.get(
        f"/v1/microlocations/{v.room['id']}/stations", headers=v.jwt("coorganizer")
    )
    shown = await client.get(
        f"/v1/stations/{v.door_in['id']}?include=microlocation", headers=v.jwt("organizer")
    )

    assert by_event.status_code == 200, by_event.text
    assert [s["attributes"]["station-type"] for s in by_event.json()["data"]] == [
        "registration",
        "check in",
        "check out",
        "daily",
    ]
    assert [s["id"] for s in by_room.json()["data"]] == [v.door_in["id"], v.door_out["id"]]
    assert shown.json()["data"]["attributes"] == {
        "station-name": "Check In",
        "station-type": "check in",
    }
    assert shown.json()["included"][0]["id"] == v.room["id"]
    assert await count(app_db, Station) == 4


async def test_plain_users_and_other_organizers_see_no_station(client, app_db):
    v = await venue(client, app_db)

    for who in ("user", "stranger", "moderator"):
        listed = await client.get(f"/v1/events/{v.event_id}/stations", headers=v.jwt(who))
        shown = await client.get(f"/v1/stations/{v.desk['id']}", headers=v.jwt(who))
        assert listed.json()["data"] == [], who
        assert shown.status_code == 404, who
    anonymous = await client.get(f"/v1/stations/{v.desk['id']}")
    assert anonymous.status_code == 404


async def test_only_organizers_create_change_and_delete_stations(client, app_db):
    v = await venue(client, app_db)
    path = f"/v1/stations/{v.daily['id']}"

    refused = [
        (await station(client, v, "daily", who=who)).status_code
        for who in ("registrar", "moderator", "user", "stranger")
    ]
    renamed_by_registrar = await client.patch(
        path, json=patch("station", v.daily["id"], station_name="Gate"), headers=v.jwt("registrar")
    )
    deleted_by_user = await client.delete(path, headers=v.jwt("user"))
    renamed = await client.patch(
        path,
        json=patch("station", v.daily["id"], station_name="Gate"),
        headers=v.jwt("coorganizer"),
    )
    anonymous = await station(client, v, "daily", who="owner")

    assert refused == [403, 403, 403, 403]
    assert renamed_by_registrar.status_code == 403
    assert deleted_by_user.status_code == 404
    assert (
        renamed.status_code == 200
        and renamed.json()["data"]["attributes"]["station-name"] == "Gate"
    )
    assert anonymous.status_code == 201
    deleted = await client.delete(path, headers=v.jwt("organizer"))
    assert deleted.status_code == 200
    assert await count(app_db, Station) == 4


async def test_a_door_station_needs_a_room_of_its_event(client, app_db):
    v = await venue(client, app_db)
    other_room = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Elsewhere"},
        v.jwt("stranger"),
        event=("event", v.s.c.other["id"]),
    )

    roomless = await station(client, v, "check in")
    foreign = await station(client, v, "check out", other_room["id"])
    bad_type = await client.post(
        "/v1/stations",
        json={
            "data": {
                "type": "station",
                "attributes": {"station-name": "X", "station-type": "exit"},
                "relationships": {"event": {"data": {"type": "event", "id": v.event_id}}},
            }
        },
        headers=v.jwt("owner"),
    )

    assert roomless.status_code == 422, roomless.text
    assert roomless.json()["errors"][0]["source"]["pointer"] == "/data/relationships/microlocation"
    assert foreign.status_code == 422
    assert bad_type.status_code == 422
    assert bad_type.json()["errors"][0]["source"]["pointer"] == "/data/attributes/station-type"
    assert await count(app_db, Station) == 4


async def test_a_station_stays_with_its_event(client, app_db):
    v = await venue(client, app_db)
    moved = await client.patch(
        f"/v1/stations/{v.desk['id']}",
        json={
            "data": {
                "type": "station",
                "id": v.desk["id"],
                "relationships": {"event": {"data": {"type": "event", "id": v.s.c.other["id"]}}},
            }
        },
        headers=v.jwt("admin"),
    )

    assert moved.status_code == 422, moved.text
    assert moved.json()["errors"][0]["source"]["pointer"] == "/data/relationships/event"
    assert (await stored(app_db, Station, v.desk["id"])).event_id == int(v.event_id)
