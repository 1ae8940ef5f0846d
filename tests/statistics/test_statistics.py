"""The dashboard's figures: always an object for those who run the event, zeroed until there
is something to count; nobody else sees them."""

from __future__ import annotations

from tests.appfixtures import jwt, login, make_user
from tests.events.helpers import create_event
from tests.tickets.helpers import create_ticket

STATUSES = {"draft", "cancelled", "pending", "expired", "placed", "completed", "total"}


async def _event_and_owner(client, app_db) -> tuple[dict, str]:
    await make_user(app_db, "owner@example.com")
    token = await login(client, "owner@example.com")
    return await create_event(client, token, state="published"), token


async def test_order_statistics_are_zeroed_for_the_owner(client, app_db):
    event, token = await _event_and_owner(client, app_db)
    identifier = event["attributes"]["identifier"]

    by_id = await client.get(f"/v1/events/{event['id']}/order-statistics", headers=jwt(token))
    by_identifier = await client.get(
        f"/v1/events/{identifier}/order-statistics", headers=jwt(token)
    )

    assert by_id.status_code == 200
    data = by_id.json()["data"]
    assert (data["type"], data["id"]) == ("order-statistics-event", event["id"])
    assert data["attributes"]["identifier"] == identifier
    assert data["attributes"]["tickets"] == dict.fromkeys(STATUSES | {"max"}, 0)
    assert data["attributes"]["orders"] == dict.fromkeys(STATUSES, 0)
    assert data["attributes"]["sales"] == dict.fromkeys(STATUSES, 0)
    assert by_identifier.json()["data"] == data


async def test_general_statistics_are_zeroed_for_the_owner(client, app_db):
    event, token = await _event_and_owner(client, app_db)

    response = await client.get(f"/v1/events/{event['id']}/general-statistics", headers=jwt(token))

    data = response.json()["data"]
    assert response.status_code == 200
    assert (data["type"], data["id"]) == ("event-statistics-general", event["id"])
    counts = {k: v for k, v in data["attributes"].items() if k != "identifier"}
    assert set(counts) >= {
        "sessions-draft",
        "sessions-submitted",
        "sessions-accepted",
        "sessions-confirmed",
        "sessions-pending",
        "sessions-rejected",
        "speakers",
        "sessions",
        "sponsors",
    }
    assert set(counts.values()) == {0}


async def test_an_included_statistics_object_is_linked_to_the_event(client, app_db):
    event, token = await _event_and_owner(client, app_db)

    body = (
        await client.get(
            f"/v1/events/{event['id']}?include=order-statistics,general-statistics",
            headers=jwt(token),
        )
    ).json()

    relationships = body["data"]["relationships"]
    assert relationships["order-statistics"]["data"] == {
        "type": "order-statistics-event",
        "id": event["id"],
    }
    assert {(item["type"], item["id"]) for item in body["included"]} == {
        ("order-statistics-event", event["id"]),
        ("event-statistics-general", event["id"]),
    }


async def test_nobody_else_sees_an_events_figures(client, app_db):
    event, _ = await _event_and_owner(client, app_db)
    await make_user(app_db, "other@example.com")
    other = await login(client, "other@example.com")

    for path in ("order-statistics", "general-statistics"):
        anonymous = await client.get(f"/v1/events/{event['id']}/{path}")
        stranger = await client.get(f"/v1/events/{event['id']}/{path}", headers=jwt(other))
        assert (anonymous.status_code, stranger.status_code) == (404, 404)
    listed = await client.get("/v1/order-statistics-events", headers=jwt(other))
    assert listed.status_code == 200 and listed.json()["data"] == []


async def test_figures_are_read_only(client, app_db):
    event, token = await _event_and_owner(client, app_db)
    body = {"data": {"type": "order-statistics-event", "id": event["id"], "attributes": {}}}

    patched = await client.patch(
        f"/v1/order-statistics-events/{event['id']}", json=body, headers=jwt(token)
    )
    deleted = await client.delete(f"/v1/order-statistics-events/{event['id']}", headers=jwt(token))

    assert (patched.status_code, deleted.status_code) == (405, 405)


async def test_a_tickets_figures_are_zeroed_with_its_quantity_as_max(client, app_db):
    event, token = await _event_and_owner(client, app_db)
    ticket = await create_ticket(
        client, token, event["id"], "Community", type="free", price="0", quantity=120
    )
    await make_user(app_db, "other@example.com")
    other = await login(client, "other@example.com")
    path = f"/v1/tickets/{ticket['id']}/order-statistics"

    own = await client.get(path, headers=jwt(token))
    linked = await client.get(
        f"/v1/tickets/{ticket['id']}?include=order-statistics", headers=jwt(token)
    )
    anonymous = await client.get(path)
    stranger = await client.get(path, headers=jwt(other))

    data = own.json()["data"]
    assert own.status_code == 200
    assert (data["type"], data["id"]) == ("order-statistics-ticket", ticket["id"])
    assert data["attributes"] == {
        "tickets": {**dict.fromkeys(STATUSES, 0), "max": 120},
        "orders": dict.fromkeys(STATUSES, 0),
        "sales": dict.fromkeys(STATUSES, 0),
    }
    assert linked.json()["data"]["relationships"]["order-statistics"]["data"] == {
        "type": "order-statistics-ticket",
        "id": ticket["id"],
    }
    assert (anonymous.status_code, stranger.status_code) == (404, 404)
