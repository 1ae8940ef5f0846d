"""Scanners' batches: many scans in one request, idempotent by the scanner's own ids, an
answer per scan; only the event's staff send them."""

from __future__ import annotations

from hallway.orders.models import Attendee
from tests.orders.helpers import buy, cart, fill, set_status, shop
from tests.tickets.helpers import stored

DURING = "2031-06-01T09:30:00+00:00"


async def _sold(client, s, who="user", quantity=2, complete=True):
    made = await buy(client, s.c.tokens[who], cart((s.free, quantity)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens[who], identifier)
    if complete:
        await set_status(client, s.c.tokens[who], identifier, "completed")
    attendees = (await client.get(f"/v1/orders/{identifier}/attendees", headers=s.jwt(who))).json()[
        "data"
    ]
    return identifier, attendees


def _scan(id_, identifier, attendee, **extra):
    code = f"{identifier}-{attendee['attributes']['identifier']}"
    return {"id": id_, "code": code, "at": DURING, "device": "gate 1", **extra}


async def test_a_batch_checks_in_once_and_answers_per_scan(client, app_db):
    s = await shop(client, app_db)
    identifier, (first, second) = await _sold(client, s)
    pending, (unpaid,) = await _sold(client, s, who="organizer", quantity=1, complete=False)
    path = f"/v1/events/{s.c.event['id']}/check-in-scans"
    batch = {
        "scans": [
            _scan("a1", identifier, first),
            _scan("a2", identifier, first),
            {"id": "a3", "attendee": second["id"], "at": DURING},
            {"id": "a4", "code": "nope-nope"},
            _scan("a5", pending, unpaid),
        ]
    }

    answer = await client.post(path, json=batch, headers=s.jwt("registrar"))
    again = await client.post(path, json=batch, headers=s.jwt("registrar"))

    assert answer.status_code == 200, answer.text
    results = [(r["id"], r["result"]) for r in answer.json()["results"]]
    assert results == [
        ("a1", "ok"),
        ("a2", "duplicate"),
        ("a3", "ok"),
        ("a4", "unknown"),
        ("a5", "not-allowed"),
    ]
    assert again.json() == answer.json()
    checked = await stored(app_db, Attendee, first["id"])
    assert checked.is_checked_in and checked.checkin_times.count(",") == 0
    assert checked.device_name_checkin == "gate 1"


async def test_a_restricted_ticket_is_not_checked_in_outside_the_event(client, app_db):
    s = await shop(client, app_db)
    identifier, (first, _) = await _sold(client, s)

    answer = await client.post(
        f"/v1/events/{s.c.event['id']}/check-in-scans",
        json={"scans": [_scan("b1", identifier, first, at="2030-01-01T00:00:00Z")]},
        headers=s.jwt("owner"),
    )

    assert answer.json()["results"][0]["result"] == "not-allowed"
    assert not (await stored(app_db, Attendee, first["id"])).is_checked_in


async def test_only_the_staff_send_scans(client, app_db):
    s = await shop(client, app_db)
    identifier, (first, _) = await _sold(client, s)
    path = f"/v1/events/{s.c.event['id']}/check-in-scans"
    batch = {"scans": [_scan("c1", identifier, first)]}

    assert (await client.post(path, json=batch, headers=s.jwt("user"))).status_code == 403
    assert (await client.post(path, json=batch, headers=s.jwt("moderator"))).status_code == 403
    assert (await client.post(path, json=batch, headers=s.jwt("stranger"))).status_code == 403
    assert (await client.post(path, json=batch)).status_code == 401
    assert (await client.post(path, json={"scans": []}, headers=s.jwt("owner"))).status_code == 400
    assert not (await stored(app_db, Attendee, first["id"])).is_checked_in
