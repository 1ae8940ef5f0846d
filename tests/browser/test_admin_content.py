"""The admin's messages, content, permissions and every settings tab as the demo super admin:
each shows what Hallway holds; billing, images and ticket fees save."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import OpenScenario
from tests.browser.scenario import Scenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears

# Values put into the settings before the tabs are opened (and taken out afterwards).
SHOWN = {
    "analytics-key": "UA-424242-1",
    "google-client-id": "hallway-google-client",
    "android-app-url": "https://android.hallway.example",
    "admin-billing-contact-name": "Billing Before",
    # What the billing form requires before it saves.
    "admin-billing-email": "billing@hallway.example",
    "admin-billing-paypal-email": "paypal@hallway.example",
    "admin-billing-phone": "+4930123456",
    "admin-billing-country": "Germany",
    "admin-company": "Hallway Demo GmbH",
    "admin-billing-address": "1 Hallway Street",
    "admin-billing-city": "Berlin",
    "admin-billing-zip": "10115",
}


@pytest.fixture
def shown_settings(hallway: Hallway) -> Iterator[None]:
    hallway.patch("/v1/settings/1", "setting", "1", hallway.admin_email, **SHOWN)
    yield
    hallway.patch("/v1/settings/1", "setting", "1", hallway.admin_email, **dict.fromkeys(SHOWN))


def names(hallway: Hallway, sql: str, *params: Any) -> list[str]:
    return [str(r[0]) for r in hallway.rows(sql, *params)]


def all_shown(s: Scenario, expected: list[str], what: str) -> None:
    body = s.page.locator("body")
    missing = [n for n in expected if not appears(body.get_by_text(n).first, 5_000)]
    s.check(bool(expected) and not missing, f"{what} {expected} shown (missing: {missing})")


def input_values(s: Scenario) -> list[str]:
    values: list[str] = s.page.locator("form input").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )
    return values


def saved(s: Scenario, message: str) -> None:
    s.page.get_by_role("button", name="Save", exact=True).first.click()
    said = appears(s.page.get_by_text(message).first)
    refused = s.page.locator(".ui.form .field.error, .ui.form .prompt").all_inner_texts()
    s.check(said, f"the page says {message!r} (refused: {refused})")
    s.settle()


def check_messages_and_content(s: Scenario, hallway: Hallway) -> None:
    s.goto("/admin/messages")
    all_shown(s, names(hallway, "SELECT action FROM message_settings"), "the mail actions")

    s.goto("/admin/content/pages")
    all_shown(s, names(hallway, "SELECT name FROM pages"), "the pages")

    page = s.goto("/admin/content/system-images")
    topic = re.search(r"/system-images/(\d+)$", page.url)
    if s.check(topic is not None, f"the first topic's images open ({page.url})"):
        assert topic is not None
        subs = names(
            hallway, "SELECT name FROM event_sub_topics WHERE event_topic_id = ?", topic[1]
        )
        all_shown(s, subs, "its sub-topics")
        changes = page.get_by_role("button", name="Change")
        s.check(changes.count() == len(subs), "each sub-topic's image can be changed")
    all_shown(s, names(hallway, "SELECT name FROM event_topics"), "the topics")

    s.goto("/admin/content/events")
    all_shown(s, names(hallway, "SELECT name FROM event_types"), "the event types")
    s.goto("/admin/content/social-links")


def check_permissions(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/permissions/event-roles")
    headers = [h.strip() for h in page.locator("table thead th").all_inner_texts()][1:]
    services = sorted(names(hallway, "SELECT name FROM services"))
    s.check(headers == services, f"one column per service: {headers} (stored {services})")
    boxes = page.locator("table tbody .ui.checkbox")
    stored = 4 * len(hallway.rows("SELECT id FROM event_role_permissions"))
    s.check(boxes.count() == stored, f"{boxes.count()} switches for {stored} permissions")

    s.goto("/admin/permissions/system-roles")
    all_shown(s, names(hallway, "SELECT name FROM custom_system_roles"), "the system roles")
    all_shown(s, names(hallway, "SELECT name FROM user_permissions"), "the user permissions")


def check_settings(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/settings")
    stored = hallway.row("SELECT app_name, tagline, email_from FROM settings")
    assert stored is not None
    values = input_values(s)
    for name in ("app_name", "tagline", "email_from"):
        s.check(stored[name] in values, f"system: {name} {stored[name]!r} in the form")

    for tab, value in (
        ("analytics", SHOWN["analytics-key"]),
        ("social-media", SHOWN["google-client-id"]),
        ("microservices", SHOWN["android-app-url"].removeprefix("https://")),
        ("billing", SHOWN["admin-billing-contact-name"]),
    ):
        s.goto(f"/admin/settings/{tab}")
        s.check(value in input_values(s), f"{tab}: {value!r} in the form")
    contact = f"Billing {uuid.uuid4().hex[:6]}"
    page.locator("#adminBillingContactName").fill(contact)
    saved(s, "saved successfully")
    row = hallway.row("SELECT admin_billing_contact_name FROM settings")
    s.check(row is not None and row[0] == contact, f"billing contact stored ({row and row[0]})")

    s.goto("/admin/settings/payment-gateway")
    s.check(appears(page.get_by_text("Enable Stripe")), "payment gateways: Stripe offered")
    s.goto("/admin/settings/frontpage")
    s.check(appears(page.get_by_text("Featured Events")), "front page: featured events")


def check_images(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/settings/images")
    sizes = hallway.row("SELECT full_width, full_height, full_quality FROM event_image_sizes")
    assert sizes is not None
    width = page.locator("input[name=large_width]")
    s.check(width.input_value() == str(sizes["full_width"]), f"large width {sizes['full_width']}")
    quality = 100 - int(sizes["full_quality"] or 0) % 7 - 1
    page.locator("input[name=large_quality]").fill(str(quality))
    saved(s, "saved successfully")
    after = hallway.row("SELECT full_quality FROM event_image_sizes")
    s.check(after is not None and after[0] == quality, f"large quality {quality} stored")


def check_ticket_fees(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/settings/ticket-fees")
    first = page.locator(".very.relaxed.grid").first.locator("input[type=number]")
    first.nth(0).fill("2.5")
    first.nth(1).fill("12")
    first.nth(1).blur()
    saved(s, "saved successfully")
    row = hallway.row("SELECT service_fee, maximum_fee FROM ticket_fees WHERE country = 'global'")
    s.check(
        row is not None and float(row[0]) == 2.5 and float(row[1]) == 12,
        f"the global fee is stored ({row and tuple(row)})",
    )


def test_admin_messages_content_permissions_and_every_settings_tab(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any], shown_settings: None
) -> None:
    s = scenario(storage_state=admin_state)
    check_messages_and_content(s, hallway)
    check_permissions(s, hallway)
    check_settings(s, hallway)
    check_images(s, hallway)
    check_ticket_fees(s, hallway)
    s.finish()
