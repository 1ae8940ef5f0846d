"""Attendee tags: the event's co-organizers make them, its staff read them and tag attendees."""

from __future__ import annotations

from hallway.orders.models import Tag
from tests.orders.helpers import buy, cart, fill, set_status, shop
from tests.tickets.helpers import body, count, create, link, patch


def tag_body(event_id, name="Speakers", **attributes):
    values = {"name": name, "color": "#FF0000", **attributes}
    return body("tag", values, event=link("event", event_id))


async def test_the_staff_tag_attendees_with_their_events_tags(client, app_db):
    s = await shop(client, app_db)
    tag = await create(
        client,
        s.c.tokens["organizer"],
        "/v1/tags",
        tag_body(s.c.event["id"], **{"is-read-only": True}),
    )
    foreign = await create(client, s.c.tokens["stranger"], "/v1/tags", tag_body(s.c.other["id"]))
    made = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    await set_status(client, s.c.tokens["user"], identifier, "completed")
    attendee = (
        await client.get(f"/v1/orders/{identifier}/attendees", headers=s.jwt("user"))
    ).json()["data"][0]
    path = f"/v1/attendees/{attendee['id']}"

    tagged = await client.patch(
        path,
        json=patch("attendee", attendee["id"], tag_id=int(tag["id"])),
        headers=s.jwt("registrar"),
    )
    wrong = await client.patch(
        path,
        json=patch("attendee", attendee["id"], tag_id=int(foreign["id"])),
        headers=s.jwt("owner"),
    )
    listed = await client.get(f"/v1/events/{s.c.event['id']}/tags", headers=s.jwt("registrar"))
    hidden = await client.get(f"/v1/events/{s.c.event['id']}/tags", headers=s.jwt("user"))
    kept = await client.delete(f"/v1/tags/{tag['id']}", headers=s.jwt("owner"))

    assert tagged.status_code == 200, tagged.text
    assert tagged.json()["data"]["attributes"]["tag-id"] == int(tag["id"])
    assert tagged.json()["data"]["relationships"]["tag"]["data"]["id"] == tag["id"]
    assert wrong.status_code == 422
    assert [t["id"] for t in listed.json()["data"]] == [tag["id"]]
    assert hidden.json()["data"] == []
    assert kept.status_code == 422


async def test_who_may_not_make_tags(client, app_db):
    s = await shop(client, app_db)

    for who in ("user", "registrar", "stranger"):
        answer = await client.post("/v1/tags", json=tag_body(s.c.event["id"]), headers=s.jwt(who))
        assert answer.status_code == 403, (who, answer.text)
    assert await count(app_db, Tag) == 0
