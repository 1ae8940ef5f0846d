"""Head counts per station and session, and the event's check-in figures: equal to the rows,
for the event's staff only."""

from __future__ import annotations

from sqlalchemy import func, select

from hallway.orders.models import Attendee
from hallway.stations.models import StationStorePax, UserCheckIn
from tests.orders.helpers import set_status
from tests.stations.helpers import attendee, check, venue
from tests.tickets.helpers import count


def _pax(station_id, session_id, current):
    return {
        "data": {
            "type": "station-store-pax",
            "attributes": {"current_pax": str(current)},
            "relationships": {
                "station": {"data": {"type": "station", "id": station_id}},
                "session": {"data": {"type": "session", "id": session_id}},
            },
        }
    }


async def test_the_staff_keep_head_counts_per_station_and_session(client, app_db):
    v = await venue(client, app_db)
    talk = v.talk["id"]

    made = await client.post(
        "/v1/station-store-paxs", json=_pax(v.door_in["id"], talk, 10), headers=v.jwt("registrar")
    )
    by_pair = await client.get(
        f"/v1/stations/{v.door_in['id']}/sessions/{talk}/station-store-paxs",
        headers=v.jwt("owner"),
    )
    other_session = await client.get(
        f"/v1/stations/{v.door_in['id']}/sessions/999999/station-store-paxs",
        headers=v.jwt("owner"),
    )
    by_session = await client.get(f"/v1/sessions/{talk}/station-store-paxs", headers=v.jwt("owner"))
    refused = [
        (
            await client.post(
                "/v1/station-store-paxs", json=_pax(v.door_in["id"], talk, 3), headers=v.jwt(who)
            )
        ).status_code
        for who in ("user", "stranger", "moderator")
    ]
    hidden = await client.get(
        f"/v1/stations/{v.door_in['id']}/sessions/{talk}/station-store-paxs", headers=v.jwt("user")
    )
    negative = await client.post(
        "/v1/station-store-paxs", json=_pax(v.door_in["id"], talk, -1), headers=v.jwt("owner")
    )

    assert made.status_code == 201, made.text
    assert made.json()["data"]["attributes"]["current-pax"] == 10
    assert [p["id"] for p in by_pair.json()["data"]] == [made.json()["data"]["id"]]
    assert other_session.json()["data"] == []
    assert by_session.json()["meta"]["count"] == 1
    assert refused == [404, 404, 404]
    assert hidden.status_code == 404 or hidden.json()["data"] == []
    assert negative.status_code == 422
    assert await count(app_db, StationStorePax) == 1


async def _rows(db, event_id):
    async with db.sessions() as session:
        registered = await session.scalar(
            select(func.count()).where(Attendee.event_id == event_id, Attendee.is_registered)
        )
        passes = dict(
            (
                await session.execute(
                    select(UserCheckIn.station_type, func.count()).group_by(
                        UserCheckIn.station_type
                    )
                )
            ).all()
        )
    return registered, passes


async def test_the_figures_equal_the_rows(client, app_db):
    v = await venue(client, app_db)
    talk = v.talk["id"]
    people = [(await attendee(client, v))[1] for _ in range(3)]
    identifier, gone = await attendee(client, v)
    await set_status(client, v.s.c.tokens["owner"], identifier, "cancelled")
    for person in people[:2]:
        await check(client, v, v.desk, person)
        await check(client, v, v.door_in, person, session=talk)
    await check(client, v, v.door_out, people[0], session=talk)
    await client.post(
        "/v1/station-store-paxs", json=_pax(v.door_in["id"], talk, 7), headers=v.jwt("owner")
    )

    answer = await client.get(
        f"/v1/user-check-in/stats/event/{v.event_id}?session_ids={talk}", headers=v.jwt("registrar")
    )

    assert answer.status_code == 200, answer.text
    figures = answer.json()
    registered, passes = await _rows(app_db, int(v.event_id))
    assert figures["total_attendee"] == 3  # the cancelled order's attendee does not count
    assert figures["total_registered"] == registered == 2
    assert figures["total_not_checked_in"] == 1
    assert figures["total_session_checked_in"] == passes["check in"] == 2
    assert figures["total_session_checked_out"] == passes["check out"] == 1
    (stats,) = figures["session_stats"]
    assert stats == {
        "session_id": talk,
        "session_name": "Keynote",
        "track_name": None,
        "speakers": [],
        "check_in": 2,
        "check_out": 1,
        "manual_count": {v.door_in["id"]: 7},
    }
    assert figures["track_stats"] == []
    assert gone["id"] not in [p["id"] for p in people]


async def test_only_the_staff_read_the_figures(client, app_db):
    v = await venue(client, app_db)
    path = f"/v1/user-check-in/stats/event/{v.event_id}"

    answers = {
        who: (await client.get(path, headers=v.jwt(who))).status_code
        for who in (
            "owner",
            "organizer",
            "coorganizer",
            "registrar",
            "admin",
            "user",
            "stranger",
            "moderator",
        )
    }
    anonymous = await client.get(path)
    missing = await client.get("/v1/user-check-in/stats/event/999999", headers=v.jwt("owner"))
    bad = await client.get(f"{path}?session_ids=1,x", headers=v.jwt("owner"))

    assert answers == {
        "owner": 200,
        "organizer": 200,
        "coorganizer": 200,
        "registrar": 200,
        "admin": 200,
        "user": 403,
        "stranger": 403,
        "moderator": 403,
    }
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["status"] == 401
    assert missing.status_code == 404
    assert bad.status_code == 400
