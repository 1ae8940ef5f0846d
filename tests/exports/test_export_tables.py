"""CSV and PDF exports of orders, attendees, sessions and speakers: jobs like the JSON export,
for the event's organizers only; a cell a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import io

from httpx import AsyncClient

from tests.exports.helpers import finished
from tests.orders.helpers import ATTENDEE, buy, cart, fill, set_status, shop
from tests.sessions.helpers import accepted_talk, program, speaker


async def _download(client: AsyncClient, started, headers) -> bytes:
    assert started.status_code == 200, started.text
    status = await finished(client, started.json()["task_url"], headers)
    assert status["state"] == "SUCCESS", status
    response = await client.get(status["result"]["download_url"], headers=headers)
    assert response.status_code == 200, response.text
    return response.content


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode())))


async def test_orders_and_attendees_as_csv_and_pdf(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 2)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    await set_status(client, s.c.tokens["user"], identifier, "completed")
    owner, event = s.jwt("owner"), s.c.event["id"]

    orders = _rows(await _download(client, await client.get(
        f"/v1/events/{event}/export/orders/csv", headers=owner), owner))  # fmt: skip
    attendees = _rows(await _download(client, await client.get(
        f"/v1/events/{event}/export/attendees/csv", headers=owner), owner))  # fmt: skip
    pdf = await _download(
        client, await client.get(f"/v1/events/{event}/export/attendees/pdf", headers=owner), owner
    )

    assert orders[0][0] == "Order" and [row[0] for row in orders[1:]] == [identifier]
    assert orders[1][2] == "completed"
    assert [row[3] for row in attendees[1:]] == [ATTENDEE["email"]] * 2
    assert pdf.startswith(b"%PDF")


async def test_the_registrar_and_the_buyer_may_not_export_orders(client, app_db):
    s = await shop(client, app_db)
    url = f"/v1/events/{s.c.event['id']}/export/orders/csv"
    assert (await client.get(url)).status_code == 401
    for who in ("registrar", "moderator", "user", "stranger"):
        assert (await client.get(url, headers=s.jwt(who))).status_code == 403, who
    assert (await client.get(url, headers=s.jwt("organizer"))).status_code == 200
    unknown = await client.get(
        f"/v1/events/{s.c.event['id']}/export/tickets/csv", headers=s.jwt("owner")
    )
    assert unknown.status_code == 404


async def test_sessions_and_speakers_csv_by_state_with_formulas_neutralised(client, app_db):
    c = await program(client, app_db)
    await accepted_talk(client, c)
    await speaker(client, c, "other", name="=HYPERLINK(1)")
    owner = c.headers("owner")
    url = f"/v1/events/{c.event_id}/export"

    async def posted(path: str, body: dict[str, str]) -> list[list[str]]:
        started = await client.post(f"{url}/{path}", json=body, headers=owner)
        return _rows(await _download(client, started, owner))

    every = await posted("speakers/csv", {"status": "all"})
    accepted = await posted("speakers/csv", {"status": "accepted"})
    talks = await posted("sessions/csv", {})

    assert sorted(row[1] for row in every[1:]) == ["'=HYPERLINK(1)", "user speaker"]
    assert [row[1] for row in accepted[1:]] == ["user speaker"]
    assert [row[1] for row in talks[1:]] == ["Talk"]
    bad = await client.post(f"{url}/sessions/csv", json={"status": "nope"}, headers=owner)
    assert bad.status_code == 422, bad.text
    assert (await client.post(f"{url}/sessions/csv", json={})).status_code == 401
    refused = await client.post(f"{url}/sessions/csv", json={}, headers=c.headers("user"))
    assert refused.status_code == 403


async def test_the_schedule_as_ical_xcal_and_pentabarf(client, app_db):
    c = await program(client, app_db)
    owner = c.headers("owner")
    found = {}
    for fmt in ("ical", "xcal", "pentabarf"):
        started = await client.get(f"/v1/events/{c.event_id}/export/{fmt}", headers=owner)
        found[fmt] = await _download(client, started, owner)
    assert found["ical"].startswith(b"BEGIN:VCALENDAR")
    assert b"<" in found["xcal"] and b"<schedule" in found["pentabarf"]
    refused = await client.get(f"/v1/events/{c.event_id}/export/ical", headers=c.headers("user"))
    assert refused.status_code == 403
    unknown = await client.get(f"/v1/events/{c.event_id}/export/json", headers=owner)
    assert unknown.status_code == 404
