"""The sales panel: each view's figures equal the orders' (computed here from the stored
rows), each page in a fixed number of statements; only admins and sales admins see it."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

import pytest

from tests.adminstats.callers import refused
from tests.adminstats.world import STATUSES, expected, make_world
from tests.appfixtures import jwt, login, make_user
from tests.conftest import StatementCounter

VIEWS = (
    "by-events",
    "by-organizers",
    "by-location",
    "by-marketer",
    "discounted",
    "invoices",
    "fees",
)


async def _admin(client, app_db, **flags) -> dict[str, str]:
    email = f"boss-{len(flags)}-{'-'.join(flags)}@example.com"
    await make_user(app_db, email, **(flags or {"is_admin": True}))
    return jwt(await login(client, email))


async def _list(client, headers, view: str) -> list[dict]:
    response = await client.get(f"/v1/admin/sales/{view}?page[size]=100", headers=headers)
    assert response.status_code == 200, response.text
    document = response.json()
    assert document["meta"]["count"] == len(document["data"])
    assert {item["type"] for item in document["data"]} <= {f"admin-sales-{view}"}
    return document["data"]


async def test_sales_by_events_equal_the_orders_of_each_live_event(client, app_db):
    world = await make_world(app_db)
    want = await expected(app_db)
    headers = await _admin(client, app_db)

    data = await _list(client, headers, "by-events")

    assert {int(item["id"]) for item in data} == set(want["live"])
    assert world["deleted"] not in {int(item["id"]) for item in data}
    for item in data:
        attributes = item["attributes"]
        sales = want["events"][int(item["id"])]
        assert attributes["sales"] == sales
        for status in STATUSES:
            assert attributes[f"{status}-order-sales"] == sales[status]["sales_total"]
            assert attributes[f"{status}-order-tickets"] == sales[status]["ticket_count"]
        event = want["live"][int(item["id"])]
        assert attributes["name"] == event.name
        assert attributes["type"] == ("Venue" if event.location_name else "To be announced")
        assert attributes["owner"] is not None and attributes["owner-id"] is not None
    # a figure the test can check by hand: the first event's completed orders
    first = want["events"][world["events"][0]]["completed"]
    assert first == {"sales_total": 149.5, "ticket_count": 4}  # 100 + 40.5 + seeded 9


async def test_sales_by_events_filter_and_sort_as_the_admin_page_asks(client, app_db):
    """The overview's "past" tab filters on `ends-at`, its search on `name`; its columns
    sort by the figures, the owner and the type."""
    await make_world(app_db)
    want = await expected(app_db)
    headers = await _admin(client, app_db)
    past = quote('[{"name": "ends-at", "op": "lt", "val": "2000-01-01T00:00:00Z"}]')
    named = quote('[{"name": "name", "op": "ilike", "val": "%event%"}]')

    none_past = await client.get(f"/v1/admin/sales/by-events?filter={past}", headers=headers)
    by_sales = await client.get(
        f"/v1/admin/sales/by-events?filter={named}&sort=-completed-order-sales", headers=headers
    )
    by_owner = await client.get("/v1/admin/sales/by-events?sort=owner,type", headers=headers)
    by_owner_id = await client.get("/v1/admin/sales/by-events?sort=-owner-id", headers=headers)

    assert none_past.status_code == 200 and none_past.json()["data"] == []
    assert by_sales.status_code == 200, by_sales.text
    figures = [item["attributes"]["completed-order-sales"] for item in by_sales.json()["data"]]
    assert figures == sorted(figures, reverse=True)
    assert len(figures) == len(want["live"])
    assert by_owner.status_code == 200, by_owner.text
    assert len(by_owner.json()["data"]) == len(want["live"])
    owners = [item["attributes"]["owner-id"] for item in by_owner_id.json()["data"]]
    assert owners == sorted(owners, reverse=True)


async def test_sales_by_organizers_sum_the_events_they_host(client, app_db):
    await make_world(app_db)
    want = await expected(app_db)
    headers = await _admin(client, app_db)

    data = await _list(client, headers, "by-organizers")

    assert {int(item["id"]): item["attributes"]["sales"] for item in data} == want["hosts"]
    some = data[0]["attributes"]
    user = want["users"][int(data[0]["id"])]
    assert (some["first-name"], some["last-name"], some["email"]) == (
        user.first_name,
        user.last_name,
        user.email,
    )


async def test_sales_by_location_group_the_events_of_each_place(client, app_db):
    await make_world(app_db)
    want = await expected(app_db)
    headers = await _admin(client, app_db)

    data = await _list(client, headers, "by-location")

    found = {item["attributes"]["location-name"]: item["attributes"]["sales"] for item in data}
    assert found == want["places"]
    assert set(found) == {"Berlin", "Paris"}


async def test_sales_by_marketer_count_the_orders_credited_to_them(client, app_db):
    world = await make_world(app_db)
    want = await expected(app_db)
    headers = await _admin(client, app_db)

    data = await _list(client, headers, "by-marketer")

    assert {int(item["id"]): item["attributes"]["sales"] for item in data} == want["marketers"]
    mine = next(item for item in data if int(item["id"]) == world["marketer"])
    assert mine["attributes"]["sales"]["pending"] == {"sales_total": 0, "ticket_count": 0}
    assert mine["attributes"]["email"] == want["users"][world["marketer"]].email


async def test_discounted_sales_group_orders_by_event_code_and_marketer(client, app_db):
    await make_world(app_db)
    want = await expected(app_db)
    headers = await _admin(client, app_db)

    data = await _list(client, headers, "discounted")

    by_first_order = {}
    for key, block in want["codes"].items():
        first = min(
            o.id for o in want["orders"] if (o.event_id, o.discount_code_id, o.marketer_id) == key
        )
        by_first_order[first] = block
    assert {int(item["id"]): item["attributes"]["sales"] for item in data} == by_first_order
    assert all(item["attributes"]["code"] for item in data)


async def test_fees_take_the_capped_fee_off_each_completed_order(client, app_db):
    await make_world(app_db)
    want = await expected(app_db)
    headers = await _admin(client, app_db)

    data = await _list(client, headers, "fees")

    assert {int(item["id"]) for item in data} == set(want["live"])
    for item in data:
        completed = [
            o for o in want["orders"] if o.event_id == int(item["id"]) and o.status == "completed"
        ]
        revenue = sum(o.amount - min(o.amount * Decimal("0.1"), Decimal(5)) for o in completed)
        attributes = item["attributes"]
        assert attributes["revenue"] == pytest.approx(float(revenue))
        assert attributes["ticket-count"] == sum(o.quantity for o in completed)
        assert (attributes["fee-percentage"], attributes["maximum-fee"]) == (10, 5)
        assert attributes["payment-currency"] == "USD"


async def test_invoices_name_their_event_and_recipient(client, app_db):
    await make_world(app_db)
    headers = await _admin(client, app_db)

    data = await _list(client, headers, "invoices")

    assert data
    for item in data:
        attributes = item["attributes"]
        assert attributes["amount"] == 12
        assert attributes["event-name"].startswith("Event ")
        assert "@" in attributes["sent-to"]


async def test_a_sales_admin_sees_the_sales(client, app_db):
    await make_world(app_db, 2)
    headers = await _admin(client, app_db, is_sales_admin=True)

    assert await _list(client, headers, "by-events")


@pytest.mark.parametrize("view", VIEWS)
async def test_a_sales_page_costs_the_same_statements_for_1_and_20_rows(client, app_db, view):
    await make_world(app_db, 21)
    headers = await _admin(client, app_db)
    counts = []
    for size in (1, 20):
        counter = StatementCounter(app_db)
        with counter:
            response = await client.get(
                f"/v1/admin/sales/{view}?page[size]={size}", headers=headers
            )
        assert response.status_code == 200, response.text
        assert len(response.json()["data"]) == (size if view != "by-location" else min(size, 2))
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 3


@pytest.mark.parametrize("view", VIEWS)
async def test_nobody_but_admins_sees_the_sales(client, app_db, view):
    await make_world(app_db, 2)
    callers = await refused(client, app_db)

    anonymous = await client.get(f"/v1/admin/sales/{view}")
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["status"] == 401
    for headers in callers:
        response = await client.get(f"/v1/admin/sales/{view}", headers=headers)
        assert response.status_code == 403, response.text
        assert "data" not in response.json()
