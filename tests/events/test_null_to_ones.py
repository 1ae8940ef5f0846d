"""The wire rule for null to-ones (docs/wire-rules.md), on the event's `event-copyright`,
`tax` and `speakers-call`, in every answer the Open Event client reads."""

from __future__ import annotations

from tests.appfixtures import jwt, login, make_user
from tests.events.helpers import create_event, patch_body
from tests.events.test_copyright_and_grants import copyright_body

EMPTY = None


def _copyright(document_data: dict) -> dict:
    return document_data["relationships"]["event-copyright"]


async def _owner(client, app_db) -> str:
    await make_user(app_db, "owner@example.com")
    return await login(client, "owner@example.com")


async def test_an_unset_licence_is_null_without_a_related_link_in_every_answer(client, app_db):
    token = await _owner(client, app_db)
    created = await create_event(client, token)
    base = f"/v1/events/{created['id']}"
    empty = {"links": {"self": f"{base}/relationships/event-copyright"}, "data": EMPTY}

    shown = (await client.get(base, headers=jwt(token))).json()["data"]
    included = await client.get(f"{base}?include=event-copyright,tax", headers=jwt(token))
    me = (await client.get("/v1/users/user-details/get-user-id", headers=jwt(token))).json()
    listed = await client.get(f"/v1/users/{me['user_id']}/events", headers=jwt(token))
    patched = await client.patch(base, json=patch_body(created, name="New"), headers=jwt(token))

    assert _copyright(created) == empty  # the POST answer
    assert _copyright(shown) == empty
    assert _copyright(included.json()["data"]) == empty
    assert "included" not in included.json()
    assert [_copyright(event) for event in listed.json()["data"]] == [empty]
    assert _copyright(patched.json()["data"]) == empty


async def test_a_set_licence_is_linked_without_being_included(client, app_db):
    token = await _owner(client, app_db)
    event = await create_event(client, token)
    made = await client.post(
        "/v1/event-copyrights", json=copyright_body(event["id"]), headers=jwt(token)
    )
    base = f"/v1/events/{event['id']}"

    shown = (await client.get(base, headers=jwt(token))).json()["data"]
    related = await client.get(f"{base}/event-copyright", headers=jwt(token))

    assert made.status_code == 201
    assert _copyright(shown) == {
        "links": {
            "self": f"{base}/relationships/event-copyright",
            "related": f"{base}/event-copyright",
        },
        "data": {"type": "event-copyright", "id": made.json()["data"]["id"]},
    }
    assert related.status_code == 200
    assert related.json()["data"]["attributes"]["licence"] == "CC-BY-4.0"


async def test_reading_an_unset_to_one_fails_so_the_client_creates_it(client, app_db):
    """The tax and call-for-speakers steps create their record when this read fails."""
    token = await _owner(client, app_db)
    event = await create_event(client, token)
    base = f"/v1/events/{event['id']}"

    tax = await client.get(f"{base}/tax", headers=jwt(token))
    call = await client.get(f"{base}/speakers-call", headers=jwt(token))
    licence = await client.get(f"{base}/event-copyright", headers=jwt(token))
    linkage = await client.get(f"{base}/relationships/speakers-call", headers=jwt(token))

    assert [tax.status_code, call.status_code, licence.status_code] == [404, 404, 404]
    assert tax.json()["errors"][0]["status"] == 404
    assert linkage.status_code == 200 and linkage.json()["data"] is None


async def test_planned_to_ones_are_null_and_other_to_ones_carry_links_only(client, app_db):
    """`tax` and the Stripe link are read with the event: linked (here as null) in every
    answer, so the client never fetches them while empty. A to-one neither keyed on the row
    nor planned (the dashboard's figures, the call for speakers, which the client creates when
    reading it fails) carries links only, and reading it fetches."""
    token = await _owner(client, app_db)
    event = await create_event(client, token)
    base = f"/v1/events/{event['id']}"

    shown = (await client.get(base, headers=jwt(token))).json()["data"]["relationships"]

    for name in ("tax", "stripe-authorization"):
        assert shown[name] == {"links": {"self": f"{base}/relationships/{name}"}, "data": EMPTY}
        assert event["relationships"][name] == shown[name]  # the POST answer too
    for name in ("order-statistics", "speakers-call"):
        assert shown[name] == {
            "links": {
                "self": f"{base}/relationships/{name}",
                "related": f"{base}/{name}",
            }
        }
