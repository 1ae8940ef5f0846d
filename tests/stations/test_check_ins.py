"""Check-ins at stations (`POST /v1/user-check-in`): registered first, then in and out of a
session's room by turns; cancelled orders, restricted tickets outside the event's days and
other events' attendees are refused; only the event's staff check people in."""

from __future__ import annotations

from hallway.orders.models import Attendee
from hallway.stations.models import UserCheckIn
from tests.orders.helpers import set_status
from tests.stations.helpers import attendee, check, check_in_body, venue
from tests.tickets.helpers import count, stored


async def test_an_attendee_is_registered_then_goes_in_and_out_of_a_session(client, app_db):
    v = await venue(client, app_db)
    _, ada = await attendee(client, v)
    talk = v.talk["id"]

    too_early = await check(client, v, v.door_in, ada, session=talk)
    registered = await client.post(
        "/v1/user-check-in",
        json=check_in_body(v.desk["id"], ada["id"], underscore=True),  # the Blueprint's form
        headers=v.jwt("registrar"),
    )
    twice = await check(client, v, v.desk, ada, who="owner")
    out_first = await check(client, v, v.door_out, ada, session=talk)
    went_in = await check(client, v, v.door_in, ada, who="coorganizer", session=talk)
    in_again = await check(client, v, v.door_in, ada, session=talk)
    went_out = await check(client, v, v.door_out, ada, who="organizer", session=talk)
    back_in = await check(client, v, v.door_in, ada, session=talk)
    daily = await check(client, v, v.daily, ada)
    daily_again = await check(client, v, v.daily, ada)
    at_the_room = await client.get(
        f"/v1/microlocations/{v.room['id']}/user-check-in", headers=v.jwt("owner")
    )
    seen_by_user = await client.get(
        f"/v1/microlocations/{v.room['id']}/user-check-in", headers=v.jwt("user")
    )

    assert too_early.status_code == 422, too_early.text
    assert registered.status_code == 201, registered.text
    assert registered.json()["data"]["type"] == "user_check_in"
    assert registered.json()["data"]["attributes"]["success"] is True
    assert registered.json()["data"]["attributes"]["message"] == "Ticket register successful."
    assert [r.status_code for r in (twice, out_first, in_again, daily_again)] == [422] * 4
    assert [r.status_code for r in (went_in, went_out, back_in, daily)] == [201] * 4
    assert went_out.json()["data"]["attributes"]["message"] == "Attendee check out successful."
    row = await stored(app_db, Attendee, ada["id"])
    assert row.is_registered and row.register_times.count(",") == 0
    assert await count(app_db, UserCheckIn) == 5
    assert [c["id"] for c in at_the_room.json()["data"]] == [
        r.json()["data"]["id"] for r in (went_in, went_out, back_in)
    ]
    assert seen_by_user.json()["data"] == []
    kept = await stored(app_db, UserCheckIn, went_in.json()["data"]["id"])
    assert (kept.session_name, kept.station_type, kept.event_id) == (
        "Keynote",
        "check in",
        int(v.event_id),
    )


async def test_a_door_scan_names_a_session_held_in_its_room(client, app_db):
    v = await venue(client, app_db)
    _, ada = await attendee(client, v)
    await check(client, v, v.desk, ada)
    elsewhere = await client.post(
        "/v1/sessions",
        json={
            "data": {
                "type": "session",
                "attributes": {"title": "Side talk", "state": "confirmed"},
                "relationships": {"event": {"data": {"type": "event", "id": v.event_id}}},
            }
        },
        headers=v.jwt("owner"),
    )

    no_session = await check(client, v, v.door_in, ada)
    wrong_room = await check(client, v, v.door_in, ada, session=elsewhere.json()["data"]["id"])

    assert no_session.status_code == 422
    assert no_session.json()["errors"][0]["source"]["pointer"] == "/data/relationships/session"
    assert wrong_room.status_code == 422
    assert await count(app_db, UserCheckIn) == 1


async def test_cancelled_orders_restricted_tickets_and_strangers_are_refused(client, app_db):
    v = await venue(client, app_db)
    identifier, cancelled = await attendee(client, v)
    assert (
        await set_status(client, v.s.c.tokens["owner"], identifier, "cancelled")
    ).status_code == 200
    _, restricted = await attendee(client, v, ticket=v.s.free)  # the event is in 2031
    _, unpaid = await attendee(client, v, complete=False)

    answers = [
        await check(client, v, v.desk, someone) for someone in (cancelled, restricted, unpaid)
    ]

    assert [a.status_code for a in answers] == [422, 422, 422], [a.text for a in answers]
    assert "cancelled" in answers[0].json()["errors"][0]["detail"]
    assert "restricted" in answers[1].json()["errors"][0]["detail"]
    assert await count(app_db, UserCheckIn) == 0
    assert not (await stored(app_db, Attendee, cancelled["id"])).is_registered


async def test_only_the_staff_check_in_and_a_buyer_never_checks_themselves_in(client, app_db):
    v = await venue(client, app_db)
    _, ada = await attendee(client, v)  # bought by "user"

    refused = {
        who: await check(client, v, v.desk, ada, who=who)
        for who in ("user", "stranger", "moderator")
    }
    anonymous = await client.post(
        "/v1/user-check-in",
        json=check_in_body(v.desk["id"], ada["id"]),
        headers={"Content-Type": "application/vnd.api+json"},
    )
    by_registrar = await check(client, v, v.desk, ada)
    made = by_registrar.json()["data"]["id"]
    listed = {
        who: await client.get(f"/v1/events/{v.event_id}/user-check-in", headers=v.jwt(who))
        for who in ("owner", "registrar", "user", "stranger")
    }

    deleted_by_user = await client.delete(f"/v1/user-check-in/{made}", headers=v.jwt("user"))
    patched = await client.patch(
        f"/v1/user-check-in/{made}",
        json={"data": {"type": "user_check_in", "id": made, "attributes": {}}},
        headers=v.jwt("owner"),
    )

    assert {who: r.status_code for who, r in refused.items()} == {
        "user": 404,
        "stranger": 404,
        "moderator": 404,
    }
    assert anonymous.status_code == 404  # the station is not theirs to see
    assert by_registrar.status_code == 201
    assert [len(listed[w].json()["data"]) for w in ("owner", "registrar")] == [1, 1]
    assert [len(listed[w].json()["data"]) for w in ("user", "stranger")] == [0, 0]
    assert deleted_by_user.status_code == 404
    assert patched.status_code in (403, 405)
    assert await count(app_db, UserCheckIn) == 1
    deleted = await client.delete(f"/v1/user-check-in/{made}", headers=v.jwt("registrar"))
    assert deleted.status_code == 200
    assert await count(app_db, UserCheckIn) == 0


async def test_an_attendee_of_another_event_is_not_checked_in_here(client, app_db):
    v = await venue(client, app_db)
    _, ada = await attendee(client, v)
    other = await client.post(
        "/v1/station",
        json={
            "data": {
                "type": "station",
                "attributes": {"station-name": "Desk", "station-type": "registration"},
                "relationships": {"event": {"data": {"type": "event", "id": v.s.c.other["id"]}}},
            }
        },
        headers=v.jwt("stranger"),
    )

    answer = await client.post(
        "/v1/user-check-in",
        json=check_in_body(other.json()["data"]["id"], ada["id"]),
        headers=v.jwt("admin"),
    )

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["source"]["pointer"] == "/data/relationships/ticket-holder"
    assert await count(app_db, UserCheckIn) == 0
