"""Selling: an organizer publishes an event with a ticket in the wizard; a signed-in user
orders a free ticket on an event's public page, goes through the order form and lands on the
completed order; the organizer sees it among the event's orders and checks an attendee in."""

from __future__ import annotations

import re
import uuid
from typing import Any

from tests.browser.conftest import OpenScenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears
from tests.browser.test_organizer import DASHBOARD, expect_no_call_for_speakers

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

    s.step("check Grace in on the event's first day")
    row = page.locator("tr", has_text="Grace")
    row.locator(".ui.dropdown", has_text="Checkin").click()
    row.locator(".menu .item label").first.click()
    s.settle()
    patches = s.calls_to("PATCH", r"/v1/attendees/\d+")
    s.check(len(patches) == 1, f"the attendee was saved once ({len(patches)})")
    graces = hallway.get_json(
        f"/v1/events/{event['id']}/attendees",
        as_user=hallway.admin_email,
        filter='[{"name":"firstname","op":"eq","val":"Grace"}]',
    )["data"]
    checked = graces[0]["attributes"]
    s.check(checked["is-checked-in"] is True, "Grace is checked in")
    s.check(bool(checked["checkin-times"]), "at the chosen day's time")
    s.finish()


def test_publish_an_event_with_a_free_ticket(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    name = f"Browser Published {uuid.uuid4().hex[:6]}"
    s = scenario(storage_state=admin_state)
    expect_no_call_for_speakers(s)
    page = s.goto("/create")

    s.step("name the event and add a free ticket of 100")
    page.fill("#name", name)
    page.get_by_role("button", name="Free Ticket").click()
    page.locator("input[name=ticket_name]").fill("General admission")
    page.locator("input[name=ticket_quantity]").fill("100")

    s.step("publish it")
    page.locator("button.green", has_text="Publish").click()
    page.get_by_role("button", name="Yes").click()
    page.wait_for_url(DASHBOARD)
    s.settle()
    event = hallway.event_by_name(name)
    s.check(event["state"] == "published", f"the event is published ({event['state']})")
    tickets = hallway.get_json(f"/v1/events/{event['id']}/tickets")["data"]
    sold = [(t["attributes"]["name"], t["attributes"]["quantity"]) for t in tickets]
    s.check(sold == [("General admission", 100)], f"its ticket is on sale ({sold})")

    s.step("anyone sees the ticket on its public page")
    public = scenario()
    page = public.goto(f"/e/{event['identifier']}")
    public.settle()
    public.check(appears(page.get_by_text("General admission")), "the ticket is offered")
    public.finish()
    s.finish()
