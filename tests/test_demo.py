"""The demo data of a first start: the home page shows a promoted group, the footer its pages,
and the admin's system settings form has every value it requires, in the form it accepts."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from hallway.demo import TAGLINE, form_url, seed_if_empty
from tests import appfixtures
from tests.appfixtures import jwt, login

# The real application's fixtures, as the per-domain conftest files provide them.
app, client, settings = appfixtures.app, appfixtures.client, appfixtures.settings
smtp, mailbox = appfixtures.smtp, appfixtures.mailbox

PROMOTED = quote(json.dumps([{"name": "is-promoted", "op": "eq", "val": True}]))
NAMED = quote(json.dumps([{"name": "name", "op": "eq", "val": "Python Meetup Night"}]))


async def test_the_home_page_shows_the_promoted_demo_group_and_the_footer_pages(
    app, client, settings
):
    seeded = await seed_if_empty(settings, "http://127.0.0.1:8000")

    home = await client.get(
        f"/v1/groups?cache=true&filter={PROMOTED}&include=user,follower&page[size]=12&public=true"
    )
    every = await client.get("/v1/groups?sort=name")
    pages = await client.get("/v1/pages?cache=true&public=true")

    assert seeded is not None
    [promoted] = home.json()["data"]
    assert promoted["attributes"]["name"] == "Open Source Friends"
    assert promoted["attributes"]["thumbnail-image-url"]
    assert [item["type"] for item in home.json()["included"]] == ["user"]
    assert [g["attributes"]["name"] for g in every.json()["data"]] == [
        "Makers & Robots",
        "Open Source Friends",
    ]
    events = await client.get(f"/v1/groups/{promoted['id']}/events?sort=name")
    assert [e["attributes"]["name"] for e in events.json()["data"]] == [
        "Open Source Summit",
        "Python Meetup Night",
    ]
    assert [(p["attributes"]["url"], p["attributes"]["place"]) for p in pages.json()["data"]] == [
        ("about", "footer"),
        ("code-of-conduct", "footer"),
        ("terms", "footer"),
    ]


async def test_the_admin_settings_form_can_save_the_demo_settings(app, client, settings):
    seeded = await seed_if_empty(settings, "http://127.0.0.1:8000")
    assert seeded is not None
    token = await login(client, seeded.admin_email, seeded.admin_password)

    attributes = (await client.get("/v1/settings", headers=jwt(token))).json()["data"]["attributes"]

    assert attributes["tagline"] == TAGLINE
    # The form shows a fixed https:// before the address it checks: it saves nothing else.
    assert attributes["static-domain"] == "https://localhost:8000"
    assert attributes["frontend-url"] == "https://frontend.test"
    assert attributes["email-from"] == "noreply@localhost"
    assert attributes["email-from-name"] == "Hallway"


async def test_demo_events_sell_tickets_with_a_tax_and_codes(app, client, settings):
    seeded = await seed_if_empty(settings, "http://127.0.0.1:8000")
    assert seeded is not None
    token = await login(client, seeded.admin_email, seeded.admin_password)
    [event] = (await client.get("/v1/events?filter=" + NAMED)).json()["data"]

    public = await client.get(f"/v1/events/{event['id']}/tickets?sort=position")
    managed = await client.get(f"/v1/events/{event['id']}/tickets", headers=jwt(token))
    tax = await client.get(f"/v1/events/{event['id']}/tax")
    code = await client.get(f"/v1/events/{event['id']}/discount-codes/hallway10")
    availability = await client.get(f"/v1/events/{event['id']}/tickets/availability")

    assert [(t["attributes"]["name"], t["attributes"]["type"]) for t in public.json()["data"]] == [
        ("Community", "free"),
        ("Standard", "paid"),
        ("Supporter", "donation"),
    ]
    assert len(managed.json()["data"]) == 4
    assert tax.json()["data"]["attributes"]["rate"] == 19
    assert code.json()["data"]["attributes"]["value"] == 10
    # Three free and one standard ticket are sold in the demo's completed orders.
    assert [row["available"] for row in availability.json()] == [197, 99, 50]
    statistics = await client.get(f"/v1/events/{event['id']}/order-statistics", headers=jwt(token))
    assert statistics.json()["data"]["attributes"]["orders"]["completed"] == 2


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("http://localhost:4200", "https://localhost:4200"),
        ("http://127.0.0.1:8000", "https://localhost:8000"),
        ("http://0.0.0.0:8000/", "https://localhost:8000"),
        ("https://events.example.org/path", "https://events.example.org"),
    ],
)
def test_urls_are_kept_as_the_settings_form_accepts_them(url, kept):
    assert form_url(url) == kept


async def test_every_demo_event_has_a_program_catalogue(app, client, settings):
    seeded = await seed_if_empty(settings, "http://127.0.0.1:8000")
    assert seeded is not None
    events = (await client.get("/v1/events?page[size]=0")).json()["data"]
    assert len(events) == seeded.events

    for event in events:
        key = event["attributes"]["identifier"]
        counts = {}
        for path in ("tracks", "microlocations", "session-types", "sponsors", "faqs"):
            listed = await client.get(f"/v1/events/{key}/{path}")
            counts[path] = listed.json()["meta"]["count"]
        assert counts == {
            "tracks": 3,
            "microlocations": 3,
            "session-types": 3,
            "sponsors": 2,
            "faqs": 3,
        }
        faqs = await client.get(f"/v1/events/{key}/faqs?include=faq-type")
        assert {i["attributes"]["name"] for i in faqs.json()["included"]} == {"Venue", "Tickets"}
    tracks = await client.get(f"/v1/events/{events[0]['id']}/tracks?sort=position")
    assert [t["attributes"]["font-color"] for t in tracks.json()["data"]] == [
        "#ffffff",
        "#ffffff",
        "#000000",
    ]
