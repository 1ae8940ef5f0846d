"""The Open Event client keys events (and orders) by their identifier, not their id: a to-one
naming the event's id would name another, empty event in its store, and the wizard's event
would lose its tickets when a ticket's answer arrives (then a published event cannot be saved:
"tickets are required"). Such to-ones carry `data` only when included (wire rule 7)."""

from __future__ import annotations

from tests.tickets.helpers import cast, create_ticket, patch


async def test_a_ticket_links_its_event_by_url_unless_included(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"], "Regular")
    path = f"/v1/tickets/{ticket['id']}"

    plain = await client.get(path, headers=c.jwt("owner"))
    changed = await client.patch(
        path, json=patch("ticket", ticket["id"], name="Standard"), headers=c.jwt("owner")
    )
    included = await client.get(path + "?include=event", headers=c.jwt("owner"))

    for answer in (plain, changed):
        assert answer.status_code == 200, answer.text
        event = answer.json()["data"]["relationships"]["event"]
        assert "data" not in event
        assert event["links"]["related"] == f"{path}/event"
    assert included.status_code == 200, included.text
    document = included.json()
    linked = document["data"]["relationships"]["event"]["data"]
    assert linked == {"type": "event", "id": str(c.event["id"])}
    (event,) = document["included"]
    assert event["attributes"]["identifier"] == c.event["attributes"]["identifier"]
    related = await client.get(f"{path}/event", headers=c.jwt("owner"))
    assert related.status_code == 200
    assert related.json()["data"]["attributes"]["identifier"] == event["attributes"]["identifier"]
