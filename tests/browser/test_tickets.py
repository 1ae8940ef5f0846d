"""Buying: a signed-in user orders a free ticket on an event's public page, goes through the
order form and lands on the completed order; the organizer sees it among the event's orders."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import OpenScenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears

NEW_ORDER = re.compile(r".*/orders/([0-9a-f-]{36})/new$")
VIEW_ORDER = re.compile(r".*/orders/([0-9a-f-]{36})/view$")


def test_buy_a_free_ticket_end_to_end(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    event = hallway.event_by_name("Open Source Summit")
    tickets = hallway.get_json(f"/v1/events/{event['id']}/tickets")["data"]
    free = next(t for t in tickets if t["attributes"]["name"] == "Community")
    s = scenario(storage_state=admin_state)
    page = s.goto(f"/e/{event['identifier']}")

    s.step("choose one free ticket and order it")
    quantity = page.locator(".ui.dropdown", has=page.locator(f"[id='{free['id']}_quantity']"))
    quantity.click()
    quantity.locator(".menu .item", has_text=re.compile(r"^\s*1\s*$")).first.click()
    s.settle()
    page.locator("#total").click()
    page.wait_for_url(NEW_ORDER)
    s.settle()
    s.check(len(s.calls_to("POST", "/v1/orders/create-order")) == 1, "create-order was called")

    s.step("fill in the order form")
    holder = page.get_by_text("Ticket holder is the same person as ticket buyer")
    if appears(holder, timeout=3_000):
        holder.first.click()
    s.settle()
    page.locator("form.ui.form button[type=submit]").first.click()
    s.settle()
    page.wait_for_url(VIEW_ORDER)
    s.settle()

    match = VIEW_ORDER.match(page.url)
    assert match is not None
    identifier = match.group(1)
    order = hallway.get_json(f"/v1/orders/{identifier}", as_user=hallway.admin_email)
    status = order["data"]["attributes"]["status"]
    s.check(status == "completed", f"the order is completed ({status})")
    s.check(appears(page.get_by_text(event["name"])), "the order page names the event")
    s.finish()


def test_the_organizer_sees_orders_and_attendees(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    event = hallway.event_by_name("Open Source Summit")
    s = scenario(storage_state=admin_state)

    completed = hallway.get_json(
        f"/v1/events/{event['id']}/orders",
        as_user=hallway.admin_email,
        filter='[{"name":"status","op":"eq","val":"completed"}]',
    )["data"]
    identifier = completed[0]["attributes"]["identifier"]

    s.step("the event's orders")
    page = s.goto(f"/events/{event['identifier']}/tickets/orders/completed")
    s.settle()
    s.check(appears(page.get_by_text(identifier)), "the completed orders are listed")

    s.step("the event's attendees")
    page = s.goto(f"/events/{event['identifier']}/tickets/attendees/all")
    s.settle()
    s.check(appears(page.get_by_text("Grace")), "the demo's attendees are listed")
    s.finish()
