"""The demo events come with a program: an open call for speakers, speakers, and sessions in
every state, of which the public sees the accepted and confirmed ones."""

from __future__ import annotations

import json

from hallway.demo import seed_if_empty
from tests.appfixtures import jwt, login

NAMED = json.dumps([{"name": "name", "op": "eq", "val": "Open Source Summit"}])


async def test_a_demo_event_shows_its_program(app, client, settings):
    seeded = await seed_if_empty(settings, "http://127.0.0.1:8000")
    assert seeded is not None
    [event] = (await client.get("/v1/events", params={"filter": NAMED})).json()["data"]
    token = await login(client, seeded.admin_email, seeded.admin_password)

    public = await client.get(f"/v1/events/{event['id']}/sessions?page[size]=0")
    every = await client.get(f"/v1/events/{event['id']}/sessions?page[size]=0", headers=jwt(token))
    call = await client.get(f"/v1/events/{event['id']}/speakers-call")
    speakers = await client.get(f"/v1/events/{event['id']}/speakers?include=sessions.track")
    dates = await client.get(f"/v1/events/{event['id']}/sessions/dates")

    assert {s["attributes"]["state"] for s in public.json()["data"]} == {"accepted", "confirmed"}
    assert {s["attributes"]["state"] for s in every.json()["data"]} == {
        "draft",
        "pending",
        "accepted",
        "confirmed",
        "rejected",
        "canceled",
        "withdrawn",
    }
    assert call.json()["data"]["attributes"]["privacy"] == "public"
    assert speakers.json()["data"]
    assert all("email" not in s["attributes"] for s in speakers.json()["data"])
    assert len(dates.json()) == 2
