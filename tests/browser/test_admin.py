"""What an admin does: the platform settings, the users list, the event taxonomy."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import OpenScenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears, new_email

SECRET = "sk_test_kept_by_hallway"


@pytest.fixture
def stored_secret(hallway: Hallway) -> Iterator[None]:
    """A payment secret stored beforehand; the settings' app name put back afterwards."""
    before = hallway.row("SELECT app_name FROM settings")
    assert before is not None
    hallway.patch(
        "/v1/settings/1", "setting", "1", hallway.admin_email, **{"stripe-secret-key": SECRET}
    )
    yield
    hallway.patch("/v1/settings/1", "setting", "1", hallway.admin_email, **{"app-name": before[0]})


def test_admin_settings_save_and_keep_the_secrets(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any], stored_secret: None
) -> None:
    app_name = f"Hallway {uuid.uuid4().hex[:6]}"
    s = scenario(storage_state=admin_state)
    page = s.goto("/admin/settings")

    s.step("rename the app and save")
    page.fill("input[name=app_name]", app_name)
    page.get_by_role("button", name="Save", exact=True).click()
    saved = appears(page.get_by_text("Settings have been saved successfully"))
    refused = page.locator(".ui.form .field.error").all_inner_texts()
    s.check(saved, f"the page says the settings were saved (fields refused: {refused})")
    s.settle()

    row = hallway.row("SELECT app_name, stripe_secret_key FROM settings")
    assert row is not None
    s.check(row["app_name"] == app_name, f"the new name is stored ({row['app_name']!r})")
    s.check(row["stripe_secret_key"] == SECRET, "the write-only secret is kept")
    attributes = hallway.get_json("/v1/settings/1", as_user=hallway.admin_email)["data"][
        "attributes"
    ]
    # Write-only: an admin's read shows no value (Hallway leaves the attribute out).
    shown = attributes.get("stripe-secret-key")
    s.check(shown is None, f"and is not disclosed ({shown!r})")
    s.finish()


def test_admin_users_list_shows_who_logged_in_as_active(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    active, idle = new_email("active"), new_email("idle")
    for email in (active, idle):
        hallway.create_user(email, "a browser password")
    assert hallway.login(active, "a browser password").status_code == 200
    s = scenario(storage_state=admin_state)
    page = s.goto("/admin/users/all?per_page=100")  # all of them on one page

    for email, status in ((hallway.admin_email, "Active"), (active, "Active"), (idle, "Inactive")):
        row = page.locator("tr", has_text=email)
        if s.check(appears(row), f"{email} is listed"):
            label = row.locator(".ui.label", has_text="ctive").first.inner_text().strip()
            s.check(label == status, f"{email} is shown {status} ({label})")
    accessed = hallway.row("SELECT last_accessed_at FROM users WHERE email = ?", active)
    s.check(accessed is not None and accessed[0] is not None, "the login is recorded")
    s.finish()


def test_admin_taxonomy_adds_an_event_type_and_topic(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    s = scenario(storage_state=admin_state)
    page = s.goto("/admin/content/events")

    for kind, field, button in (
        ("Event Types", "type_name", "Add Event Type"),
        ("Event Topics", "topic_name", "Add Event Topic"),
    ):
        s.step(f"add to {kind}")
        panel = page.locator(".fluid.segment", has=page.locator("h4", has_text=kind))
        panel.locator("button.circular").click()
        name = page.locator(f"input[name={field}]")
        name.fill(f"Browser {kind} {suffix}")
        # Leave the field before saving, as a user does: an input still focused when the saved
        # modal closes commits its value to the torn-down form (a page error of the frontend's).
        name.blur()
        page.get_by_role("button", name=button).click()
        s.check(appears(panel.get_by_text(f"Browser {kind} {suffix}")), f"{kind} lists the new one")
        s.settle()

    types = hallway.rows("SELECT name, slug FROM event_types WHERE name LIKE ?", f"%{suffix}")
    topics = hallway.rows("SELECT name, slug FROM event_topics WHERE name LIKE ?", f"%{suffix}")
    s.check(
        [tuple(r) for r in types]
        == [(f"Browser Event Types {suffix}", f"browser-event-types-{suffix}")],
        f"the event type is stored ({[tuple(r) for r in types]})",
    )
    s.check(
        [tuple(r) for r in topics]
        == [(f"Browser Event Topics {suffix}", f"browser-event-topics-{suffix}")],
        f"the event topic is stored ({[tuple(r) for r in topics]})",
    )
    s.finish()
