"""Exhibitors: an application stays pending, seen only by the event's hosts, until accepted;
the hosts set the order they are shown in with `reorder-exhibitors`."""

from __future__ import annotations

import json

from tests.program.helpers import body, cast, make, post


async def _exhibitor(client, c, name, status="accepted", **attributes):
    return await make(
        client,
        "exhibitors",
        "exhibitor",
        {"name": name, "status": status, **attributes},
        c.headers("owner"),
        event=("event", c.event_id),
    )


async def test_a_pending_exhibitor_is_seen_only_by_the_hosts(client, app_db):
    c = await cast(client, app_db)
    accepted = await _exhibitor(client, c, "Shown")
    pending = await _exhibitor(client, c, "Applied", status="pending")
    probe = '?filter=[{"name":"status","op":"eq","val":"accepted"}]&page[size]=1'

    for who in ("anonymous", "user", "stranger", "moderator"):
        listed = await client.get(f"/v1/events/{c.identifier}/exhibitors", headers=c.headers(who))
        assert [e["id"] for e in listed.json()["data"]] == [accepted["id"]]
        shown = await client.get(f"/v1/exhibitors/{pending['id']}", headers=c.headers(who))
        assert shown.status_code == 404
    for who in ("owner", "coorganizer", "admin"):
        listed = await client.get(f"/v1/events/{c.identifier}/exhibitors", headers=c.headers(who))
        assert listed.json()["meta"]["count"] == 2
    found = await client.get(f"/v1/events/{c.identifier}/exhibitors{probe}")
    assert [e["id"] for e in found.json()["data"]] == [accepted["id"]]


async def test_an_exhibitor_keeps_its_social_links_and_contact(client, app_db):
    c = await cast(client, app_db)
    links = [{"name": "twitter", "link": "https://x.example/acme", "is_custom": False}]

    made = await _exhibitor(
        client, c, "ACME", **{"social-links": links, "contact-email": "hi@acme.example"}
    )
    bad_link = await post(
        client,
        "exhibitors",
        "exhibitor",
        {"name": "Bad", "social-links": [{"name": "x", "link": "javascript:alert(1)"}]},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    bad_mail = await post(
        client,
        "exhibitors",
        "exhibitor",
        {"name": "Bad", "contact-email": "nope"},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    assert made["attributes"]["social-links"] == links
    assert made["attributes"]["contact-email"] == "hi@acme.example"
    assert made["relationships"]["sessions"]["links"]["related"].endswith("/sessions")
    assert bad_link.status_code == 422
    assert bad_link.json()["errors"][0]["source"]["pointer"] == "/data/attributes/social-links"
    assert bad_mail.json()["errors"][0]["source"]["pointer"] == "/data/attributes/contact-email"


async def _reorder(client, c, who, data, query=""):
    headers = {**c.headers(who), "Content-Type": "application/json"}
    return await client.post(
        f"/v1/events/{c.event_id}/reorder-exhibitors{query}",
        content=json.dumps(data),
        headers=headers,
    )


async def _positions(client, c):
    listed = await client.get(
        f"/v1/events/{c.identifier}/exhibitors?sort=position", headers=c.headers("owner")
    )
    return [(e["attributes"]["name"], e["attributes"]["position"]) for e in listed.json()["data"]]


async def test_the_hosts_reorder_and_reset_exhibitors(client, app_db):
    c = await cast(client, app_db)
    a = await _exhibitor(client, c, "A", position=1)
    b = await _exhibitor(client, c, "B", position=2)

    swapped = await _reorder(
        client,
        c,
        "coorganizer",
        [{"exhibitor": a["id"], "position": 2}, {"exhibitor": int(b["id"]), "position": 1}],
    )
    after_swap = await _positions(client, c)
    reset = await client.post(
        f"/v1/events/{c.identifier}/reorder-exhibitors?reset", headers=c.headers("admin")
    )

    assert swapped.status_code == 200, swapped.text
    assert swapped.json() == {"success": True}
    assert after_swap == [("B", 1), ("A", 2)]
    assert reset.json() == {"success": True}
    assert sorted(await _positions(client, c)) == [("A", 0), ("B", 0)]


async def test_nobody_else_reorders_exhibitors(client, app_db):
    c = await cast(client, app_db)
    a = await _exhibitor(client, c, "A", position=1)

    for who in ("anonymous", "user", "stranger", "moderator", "track_organizer"):
        response = await _reorder(client, c, who, [{"exhibitor": a["id"], "position": 5}])
        reset = await _reorder(client, c, who, [], query="?reset")
        assert (response.status_code, reset.status_code) == (403, 403), who
    assert await _positions(client, c) == [("A", 1)]


async def test_a_reorder_naming_another_events_exhibitor_changes_nothing(client, app_db):
    c = await cast(client, app_db)
    a = await _exhibitor(client, c, "A", position=1)
    events = await client.get("/v1/events", headers=c.headers("stranger"))
    other = next(e["id"] for e in events.json()["data"] if e["id"] != c.event_id)
    theirs = await make(
        client,
        "exhibitors",
        "exhibitor",
        {"name": "Theirs", "position": 7},
        c.headers("stranger"),
        event=("event", other),
    )

    mixed = await _reorder(
        client,
        c,
        "owner",
        [{"exhibitor": a["id"], "position": 3}, {"exhibitor": theirs["id"], "position": 0}],
    )
    malformed = await _reorder(client, c, "owner", [{"exhibitor": a["id"], "position": "x"}])
    empty = await _reorder(client, c, "owner", {})

    assert mixed.status_code == 422, mixed.text
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["source"]["pointer"] == "/0/position"
    assert empty.status_code == 400
    assert await _positions(client, c) == [("A", 1)]
    shown = await client.get(f"/v1/exhibitors/{theirs['id']}", headers=c.headers("stranger"))
    assert shown.json()["data"]["attributes"]["position"] == 7


async def test_a_sponsor_is_read_with_the_public_event_page(client, app_db):
    c = await cast(client, app_db)
    sponsor = await make(
        client,
        "sponsors",
        "sponsor",
        {"name": "ACME", "level": "1", "type": "Gold", "logo-url": "acme.example/logo.png"},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    listed = await client.get(
        f"/v1/events/{c.identifier}/sponsors?page[size]=0&cache=true&public=true"
    )
    renamed = await client.patch(
        f"/v1/sponsors/{sponsor['id']}",
        json=body("sponsor", {"name": None}, id_=sponsor["id"]),
        headers=c.headers("owner"),
    )

    assert sponsor["attributes"]["level"] == 1
    assert sponsor["attributes"]["logo-url"] == "https://acme.example/logo.png"
    assert [s["id"] for s in listed.json()["data"]] == [sponsor["id"]]
    assert renamed.status_code == 422
    assert renamed.json()["errors"][0]["source"]["pointer"] == "/data/attributes/name"


async def test_a_reorder_naming_no_stored_exhibitor_is_refused(client, app_db):
    c = await cast(client, app_db)
    await _exhibitor(client, c, "A", position=1)

    for exhibitor in (2**70, 0, -1, 99999):
        response = await _reorder(client, c, "owner", [{"exhibitor": exhibitor, "position": 1}])
        assert response.status_code == 422, response.text
    missing = await client.post(
        "/v1/events/abcdefgh/reorder-exhibitors?reset", headers=c.headers("admin")
    )
    assert missing.status_code == 404
    assert await _positions(client, c) == [("A", 1)]
