"""An admin's change to the event roles' permissions takes effect: once the owner's "create" on
tracks is switched off and saved, an event's owner is refused a new track; switched back on,
allowed again."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.browser.conftest import OpenScenario
from tests.browser.scenario import Scenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears, new_email

SAVED = "Admin Event role permissions have been saved successfully."
OWNER_TRACKS = (
    "SELECT p.id, p.can_create FROM event_role_permissions p "
    "JOIN roles r ON r.id = p.role_id AND r.name = 'owner' "
    "JOIN services v ON v.id = p.service_id AND v.name = 'track'"
)


@pytest.fixture
def owner_tracks(hallway: Hallway) -> Iterator[str]:
    """The owner x track permission's id; switched back on afterwards whatever happened."""
    row = hallway.row(OWNER_TRACKS)
    assert row is not None and row["can_create"], "owners create tracks out of the box"
    yield str(row["id"])
    hallway.patch(
        f"/v1/event-role-permissions/{row['id']}",
        "event-role-permission",
        str(row["id"]),
        hallway.admin_email,
        **{"can-create": True},
    )


@pytest.fixture
def owned_event(hallway: Hallway) -> tuple[str, str]:
    """A verified account and the event it made (so it is the owner): (e-mail, event id)."""
    email = new_email("owner")
    user_id = hallway.create_user(email, "an owner password")
    hallway.patch(
        f"/v1/users/{user_id}", "user", str(user_id), hallway.admin_email, **{"is-verified": True}
    )
    event = hallway.create_event(email, f"Permission Test {uuid.uuid4().hex[:6]}")
    return email, str(event["id"])


def add_track(hallway: Hallway, email: str, event_id: str) -> httpx.Response:
    body = {
        "data": {
            "type": "track",
            "attributes": {"name": f"Track {uuid.uuid4().hex[:6]}", "color": "#336699"},
            "relationships": {"event": {"data": {"type": "event", "id": event_id}}},
        }
    }
    return hallway.http.post(
        "/v1/tracks",
        json=body,
        headers={
            "Content-Type": "application/vnd.api+json",
            "Authorization": f"JWT {hallway.token(email)}",
        },
    )


def switch_owner_track_create(s: Scenario) -> None:
    """Click the owner's "Create" switch under the track column and save the matrix."""
    page = s.goto("/admin/permissions/event-roles")
    headers = [h.strip() for h in page.locator("table thead th").all_inner_texts()]
    column = headers.index("track")
    row = page.locator("table tbody tr", has=page.locator("td", has_text=re.compile(r"^Owner$")))
    cell = row.locator("td").nth(column)
    cell.locator(".ui.checkbox", has_text="Create").click()
    page.get_by_role("button", name="Save", exact=True).click()
    s.check(appears(page.get_by_text(SAVED)), "the page says the permissions were saved")
    s.settle()


def test_an_admin_switches_off_and_on_what_owners_may_do_to_tracks(
    scenario: OpenScenario,
    hallway: Hallway,
    admin_state: dict[str, Any],
    owner_tracks: str,
    owned_event: tuple[str, str],
) -> None:
    email, event_id = owned_event
    s = scenario(storage_state=admin_state)

    s.step("switch off the owners' create on tracks")
    switch_owner_track_create(s)
    row = hallway.row(OWNER_TRACKS)
    s.check(row is not None and not row["can_create"], "the switch is stored off")
    refused = add_track(hallway, email, event_id)
    s.check(refused.status_code == 403, f"the owner is refused a track ({refused.status_code})")
    saved = [c for c in s.calls_to("PATCH", r"/v1/event-role-permissions/\d+") if c.status == 200]
    s.check(bool(saved), "the matrix was saved through the API")

    s.step("switch it back on")
    switch_owner_track_create(s)
    row = hallway.row(OWNER_TRACKS)
    s.check(row is not None and bool(row["can_create"]), "the switch is stored on")
    allowed = add_track(hallway, email, event_id)
    s.check(allowed.status_code == 201, f"the owner adds a track again ({allowed.text[:200]})")
    s.finish()
