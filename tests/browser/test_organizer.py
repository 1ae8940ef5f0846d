"""What an organizer does: create an event in the wizard, set its licence, open its dashboard."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from PIL import Image

from tests.browser.conftest import OpenScenario
from tests.browser.scenario import Scenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears

DASHBOARD = re.compile(r".*/events/[^/]+$")


def expect_no_call_for_speakers(s: Scenario) -> None:
    """A new event has no call for speakers: its link answers 404, which is how the client
    learns to make one (a 200 with null would leave it nothing to fill in)."""
    s.expect(
        "GET",
        r"/v1/events/\d+/speakers-call",
        404,
        "the event has no call for speakers yet; the client makes one when reading it fails",
    )


def small_png(path: Path) -> Path:
    Image.new("RGB", (240, 240), (30, 140, 200)).save(path, format="PNG")
    return path


def choose(s: Scenario, placeholder: str, option: str) -> None:
    """Pick an option of one of the wizard's searchable selects (ember-power-select)."""
    s.page.locator(".ember-power-select-trigger", has_text=placeholder).click()
    s.page.get_by_role("option", name=option, exact=True).click()


def test_create_an_event_with_a_logo_and_save_it_as_a_draft(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any], tmp_path: Path
) -> None:
    name = f"Browser Draft {uuid.uuid4().hex[:6]}"
    s = scenario(storage_state=admin_state)
    expect_no_call_for_speakers(s)
    page = s.goto("/create")

    s.step("fill in the basic details")
    page.fill("#name", name)
    choose(s, "Select Event Type", "Meetup")
    choose(s, "Select Event Topic", "Science & Technology")
    s.settle()  # the sub-topics come from the topic's link
    choose(s, "Select Event Sub-Topic", "Web")

    s.step("upload a logo")
    page.set_input_files("#event_logo input[type=file]", small_png(tmp_path / "logo.png"))
    s.check(appears(page.locator("#event_logo img")), "the logo is previewed")
    s.settle()
    s.check(len(s.calls_to("POST", "/v1/upload/image")) == 1, "the logo went to the upload API")

    s.step("save as draft")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url(DASHBOARD)
    s.settle()
    s.check(appears(page.get_by_text(name)), "the dashboard of the new event opens")

    event = hallway.event_by_name(name)
    s.check(event["state"] == "draft", f"the event is a draft ({event['state']})")
    s.check(page.url.endswith(f"/events/{event['identifier']}"), "under its identifier")
    logo = event.get("logo-url") or ""
    s.check(logo.startswith(hallway.base_url), f"its logo is an upload of Hallway ({logo!r})")
    if logo:
        image = hallway.http.get(logo)
        s.check(
            image.status_code == 200 and image.headers["content-type"].startswith("image/"),
            f"the logo is served ({image.status_code} {image.headers.get('content-type')})",
        )
    row = hallway.row(
        "SELECT t.name, tp.name, st.name FROM events e"
        " JOIN event_types t ON t.id = e.event_type_id"
        " JOIN event_topics tp ON tp.id = e.event_topic_id"
        " JOIN event_sub_topics st ON st.id = e.event_sub_topic_id WHERE e.id = ?",
        int(event["id"]),
    )
    s.check(
        row is not None and tuple(row) == ("Meetup", "Science & Technology", "Web"),
        f"its type, topic and sub-topic are stored ({row and tuple(row)})",
    )
    s.finish()


def test_licence_step_saved_on_a_draft(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    event = hallway.create_event(hallway.admin_email, f"Licensed Draft {uuid.uuid4().hex[:6]}")
    s = scenario(storage_state=admin_state)
    expect_no_call_for_speakers(s)
    page = s.goto(f"/events/{event['identifier']}/edit/other-details")

    s.step("choose a licence")
    licence = page.locator(".ui.dropdown", has=page.locator("input#license"))
    licence.locator(".default.text").click()  # (the search input under it takes no clicks)
    licence.locator(".item[data-value='Attribution-ShareAlike']").click()
    s.settle()

    s.step("save as draft")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url(DASHBOARD)
    s.settle()

    rows = hallway.rows(
        "SELECT licence, licence_url FROM event_copyrights"
        " WHERE event_id = ? AND deleted_at IS NULL",
        int(event["id"]),
    )
    s.check(
        [r["licence"] for r in rows] == ["Attribution-ShareAlike"],
        f"the event's licence is stored ({[tuple(r) for r in rows]})",
    )
    s.check(
        bool(s.calls_to("POST", "/v1/event-copyrights")),
        "the frontend created the event's copyright (POST /v1/event-copyrights)",
    )
    s.finish()


def test_event_dashboard_of_a_demo_event(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    event = hallway.event_by_name("Open Source Summit")
    s = scenario(storage_state=admin_state)
    page = s.goto(f"/events/{event['identifier']}")
    s.check(appears(page.get_by_text(event["name"])), "the dashboard shows the event's name")
    s.check(appears(page.get_by_text("Event Checklist")), "and its checklist")
    values = page.locator("input").evaluate_all("inputs => inputs.map(i => i.value)")
    public_url = f"{s.frontend_url}/e/{event['identifier']}"
    s.check(public_url in values, f"and where the event is live ({public_url})")
    s.check(appears(page.get_by_text("Total tickets sold")), "and the ticket summary")
    s.finish()
