"""`GET /v1/states?event_id=&attendee_id=`: an attendee's registration as the check-in app
reads it; for the event's staff only."""

from __future__ import annotations

from tests.stations.helpers import attendee, check, venue


def _url(event_id, attendee_id):
    return f"/v1/states?event_id={event_id}&attendee_id={attendee_id}"


async def test_registration_shows_once_the_attendee_registered(client, app_db):
    v = await venue(client, app_db)
    _, one = await attendee(client, v)

    before = await client.get(_url(v.event_id, one["id"]), headers=v.jwt("registrar"))
    assert before.status_code == 200, before.text
    assert before.json() == {"is_registered": False, "register_times": None}

    assert (await check(client, v, v.desk, one)).status_code == 201
    after = await client.get(_url(v.event_id, one["id"]), headers=v.jwt("owner"))
    assert after.status_code == 200, after.text
    body = after.json()
    assert body["is_registered"] is True
    assert body["register_times"].startswith(
        (await client.get(f"/v1/attendees/{one['id']}", headers=v.jwt("owner"))).json()["data"][
            "attributes"
        ]["register-times"][:10]
    )


async def test_only_the_event_staff_read_an_attendee_state(client, app_db):
    v = await venue(client, app_db)
    _, one = await attendee(client, v)
    url = _url(v.event_id, one["id"])

    assert (await client.get(url)).status_code == 401
    for who in ("user", "stranger", "moderator"):
        response = await client.get(url, headers=v.jwt(who))
        assert response.status_code in (403, 404), (who, response.text)
        assert "is_registered" not in response.text
    for who in ("registrar", "coorganizer", "organizer", "owner"):
        assert (await client.get(url, headers=v.jwt(who))).status_code == 200, who


async def test_bad_or_foreign_ids_are_refused_clearly(client, app_db):
    v = await venue(client, app_db)
    _, one = await attendee(client, v)
    staff = v.jwt("registrar")

    for url in (
        f"/v1/states?event_id={v.event_id}",
        f"/v1/states?attendee_id={one['id']}",
        f"/v1/states?event_id=x&attendee_id={one['id']}",
        f"/v1/states?event_id={v.event_id}&attendee_id=-1",
        f"/v1/states?event_id={v.event_id}&attendee_id=99999999999",
    ):
        response = await client.get(url, headers=staff)
        assert response.status_code == 400, (url, response.text)
        assert response.json()["errors"][0]["detail"]
    missing = await client.get(_url(v.event_id, 999999), headers=staff)
    assert missing.status_code == 404
    no_event = await client.get(_url(999999, one["id"]), headers=staff)
    assert no_event.status_code == 404
