"""An event linked to its organizer's Stripe account (`stripe-authorizations`): the OAuth code
is exchanged with Stripe (the stand-in) for the connected account, and never kept."""

from __future__ import annotations

from hallway.events.models import Event
from hallway.payments.models import StripeAuthorization
from tests.appfixtures import jwt
from tests.orders.helpers import shop
from tests.payments.helpers import link, link_body
from tests.tickets.helpers import count, stored


async def test_a_coorganizer_links_the_event_to_their_stripe_account(client, app_db, stripe_api):
    s = await shop(client, app_db)

    made = await link(client, s.c.tokens["coorganizer"], s.c.event["id"])

    assert made.status_code == 201, made.text
    attributes = made.json()["data"]["attributes"]
    assert attributes == {"stripe-publishable-key": "pk_test_acct_organizer"}
    row = await stored(app_db, StripeAuthorization, int(made.json()["data"]["id"]))
    assert row.stripe_user_id == "acct_organizer" and row.stripe_auth_code is None
    assert (await stored(app_db, Event, int(s.c.event["id"]))).is_stripe_linked is True
    exchange = [c for c in stripe_api.calls if c.path == "/oauth/token"]
    assert exchange[0].form["code"] == "ac_good"
    shown = await client.get(
        f"/v1/events/{s.c.event['id']}/stripe-authorization", headers=s.jwt("owner")
    )
    assert shown.status_code == 200
    assert shown.json()["data"]["id"] == made.json()["data"]["id"]
    event = await client.get(f"/v1/events/{s.c.event['id']}")
    linkage = event.json()["data"]["relationships"]["stripe-authorization"]["data"]
    assert linkage == {"type": "stripe-authorization", "id": made.json()["data"]["id"]}


async def test_who_may_not_link_an_event(client, app_db, stripe_api):
    s = await shop(client, app_db)

    refused = {
        who: (await link(client, s.c.tokens[who], s.c.event["id"])).status_code
        for who in ("registrar", "moderator", "user", "stranger")
    }
    anonymous = await client.post(
        "/v1/stripe-authorizations",
        json=link_body(s.c.event["id"]),
        headers={"Content-Type": "application/vnd.api+json"},
    )

    assert refused == {"registrar": 403, "moderator": 403, "user": 403, "stranger": 403}
    assert anonymous.status_code in (401, 403)
    assert await count(app_db, StripeAuthorization) == 0
    assert not [c for c in stripe_api.calls if c.path == "/oauth/token"]


async def test_a_refused_code_links_nothing(client, app_db):
    s = await shop(client, app_db)

    refused = await link(client, s.c.tokens["owner"], s.c.event["id"], code="ac_expired")

    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["source"]["pointer"] == "/data/attributes/stripe-auth-code"
    assert await count(app_db, StripeAuthorization) == 0
    assert (await stored(app_db, Event, int(s.c.event["id"]))).is_stripe_linked is False


async def test_an_event_has_one_link_until_it_is_removed(client, app_db):
    s = await shop(client, app_db)
    first = await link(client, s.c.tokens["owner"], s.c.event["id"])
    link_id = first.json()["data"]["id"]

    second = await link(client, s.c.tokens["owner"], s.c.event["id"], code="ac_other")
    by_user = await client.delete(f"/v1/stripe-authorizations/{link_id}", headers=s.jwt("user"))
    removed = await client.delete(
        f"/v1/stripe-authorizations/{link_id}", headers=s.jwt("organizer")
    )

    assert second.status_code == 409
    assert by_user.status_code in (403, 404)
    assert removed.status_code in (200, 204)
    assert await count(app_db, StripeAuthorization) == 0
    assert (await stored(app_db, Event, int(s.c.event["id"]))).is_stripe_linked is False


async def test_the_link_is_hidden_from_people_outside_the_event(client, app_db):
    s = await shop(client, app_db)
    made = await link(client, s.c.tokens["owner"], s.c.event["id"])
    link_id = made.json()["data"]["id"]

    for who in ("user", "stranger", "registrar"):
        seen = await client.get(f"/v1/stripe-authorizations/{link_id}", headers=s.jwt(who))
        assert seen.status_code in (403, 404), who
    listed = await client.get("/v1/stripe-authorizations", headers=jwt(s.c.tokens["user"]))
    assert listed.status_code in (200, 403, 405)
    if listed.status_code == 200:
        assert listed.json()["data"] == []


async def test_a_new_code_relinks_the_event(client, app_db):
    s = await shop(client, app_db)
    made = await link(client, s.c.tokens["owner"], s.c.event["id"])
    link_id = made.json()["data"]["id"]
    body = {
        "data": {
            "type": "stripe-authorization",
            "id": link_id,
            "attributes": {"stripe-auth-code": "ac_other"},
        }
    }

    by_user = await client.patch(
        f"/v1/stripe-authorizations/{link_id}", json=body, headers=s.jwt("user")
    )
    unchanged = (await stored(app_db, StripeAuthorization, link_id)).stripe_user_id
    refused = await client.patch(
        f"/v1/stripe-authorizations/{link_id}",
        json={**body, "data": {**body["data"], "attributes": {"stripe-auth-code": "ac_bad"}}},
        headers=s.jwt("coorganizer"),
    )
    changed = await client.patch(
        f"/v1/stripe-authorizations/{link_id}", json=body, headers=s.jwt("coorganizer")
    )

    assert by_user.status_code in (403, 404) and unchanged == "acct_organizer"
    assert refused.status_code == 422
    assert changed.status_code == 200, changed.text
    assert changed.json()["data"]["attributes"]["stripe-publishable-key"] == "pk_test_acct_other"
    row = await stored(app_db, StripeAuthorization, link_id)
    assert row.stripe_user_id == "acct_other" and row.stripe_auth_code is None
