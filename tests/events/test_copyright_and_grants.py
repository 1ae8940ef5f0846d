"""An event's copyright and its role grants (users-events-roles)."""

from __future__ import annotations

from tests.appfixtures import jwt, login, make_user
from tests.events.helpers import create_event


def copyright_body(event_id: str, licence: str = "CC-BY-4.0") -> dict:
    return {
        "data": {
            "type": "event-copyright",
            "attributes": {"licence": licence, "year": 2031},
            "relationships": {"event": {"data": {"type": "event", "id": event_id}}},
        }
    }


async def test_one_copyright_per_event_for_its_organizers(client, app_db):
    await make_user(app_db, "owner@example.com")
    await make_user(app_db, "stranger@example.com")
    token = await login(client, "owner@example.com")
    stranger = await login(client, "stranger@example.com")
    event = await create_event(client, token, state="published")

    refused = await client.post(
        "/v1/event-copyrights", headers=jwt(stranger), json=copyright_body(event["id"])
    )
    created = await client.post(
        "/v1/event-copyrights", headers=jwt(token), json=copyright_body(event["id"])
    )
    second = await client.post(
        "/v1/event-copyrights", headers=jwt(token), json=copyright_body(event["id"], "MIT")
    )
    public = await client.get(f"/v1/events/{event['id']}/event-copyright")

    assert refused.status_code == 403
    assert created.status_code == 201 and second.status_code == 409
    assert public.json()["data"]["attributes"]["licence"] == "CC-BY-4.0"


async def test_a_drafts_copyright_is_hidden_from_the_public(client, app_db):
    await make_user(app_db, "owner@example.com")
    token = await login(client, "owner@example.com")
    event = await create_event(client, token)
    created = (
        await client.post(
            "/v1/event-copyrights", headers=jwt(token), json=copyright_body(event["id"])
        )
    ).json()["data"]

    anonymous = await client.get(f"/v1/event-copyrights/{created['id']}")
    owner = await client.get(f"/v1/event-copyrights/{created['id']}", headers=jwt(token))

    assert anonymous.status_code == 404 and owner.status_code == 200


async def test_grants_are_visible_to_organizers_and_the_owner_grant_stays(client, app_db):
    await make_user(app_db, "owner@example.com")
    await make_user(app_db, "stranger@example.com")
    token = await login(client, "owner@example.com")
    stranger = await login(client, "stranger@example.com")
    event = await create_event(client, token, state="published")

    own = await client.get(f"/v1/events/{event['id']}/roles?include=user,role", headers=jwt(token))
    other = await client.get(f"/v1/events/{event['id']}/roles", headers=jwt(stranger))
    (grant,) = own.json()["data"]
    removed = await client.delete(f"/v1/users-events-roles/{grant['id']}", headers=jwt(token))

    assert {i["type"] for i in own.json()["included"]} == {"user", "role"}
    assert other.json()["data"] == []
    assert removed.status_code == 409
    assert (await client.get(f"/v1/events/{event['id']}/owner", headers=jwt(token))).json()[
        "data"
    ] is not None
