"""The program side in the real frontend: the public schedule, sessions and speakers pages of a
demo event, a call-for-speakers submission by a signed-in user, and the organizer reviewing and
scheduling sessions."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page

from tests.browser.conftest import OpenScenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears, log_in, new_email

SHOWN = ("Opening keynote: open source everywhere", "Thirty years of a kernel")
PASSWORD = "correct horse battery"
REVIEWED = "Radio tricks for the web"
TITLE = "Substitutable designs in practice"
NOT_SHOWN = ("Radio tricks for the web", "Blockchain for toasters", "An idea still in draft")


def test_public_schedule_sessions_and_speakers(scenario: OpenScenario, hallway: Hallway) -> None:
    event = hallway.event_by_name("Open Source Summit")
    s = scenario()

    s.step("the public schedule shows the scheduled sessions")
    page = s.goto(f"/e/{event['identifier']}/schedule")
    s.settle()
    s.check(appears(page.get_by_text(SHOWN[0]).first), "the keynote is on the schedule")
    s.check(
        len(s.calls_to("GET", rf"/v1/events/{event['identifier']}/sessions")) >= 1
        or len(s.calls_to("GET", rf"/v1/events/{event['id']}/sessions")) >= 1,
        "the schedule asked for the event's sessions",
    )

    s.step("the sessions list shows accepted and confirmed sessions only")
    page = s.goto(f"/e/{event['identifier']}/sessions")
    s.settle()
    for title in SHOWN:
        s.check(appears(page.get_by_text(title).first), f"{title!r} is listed")
    for title in NOT_SHOWN:
        s.check(page.get_by_text(title).count() == 0, f"{title!r} is not listed")

    s.step("the speakers page shows the speakers of those sessions, without e-mail")
    page = s.goto(f"/e/{event['identifier']}/speakers")
    s.settle()
    s.check(appears(page.get_by_text("Grace Hopper").first), "Grace Hopper is listed")
    s.check(page.get_by_text("Hedy Lamarr").count() == 0, "a speaker of a pending talk is not")
    s.check(page.get_by_text("@speakers.example").count() == 0, "no speaker e-mail is shown")
    s.finish()


def test_submit_a_session_to_the_call_for_speakers(
    scenario: OpenScenario, hallway: Hallway
) -> None:
    event = hallway.event_by_name("Open Source Summit")
    email = new_email("speaker")
    hallway.create_user(email, PASSWORD)
    s = scenario()
    log_in(s, email, PASSWORD)

    s.step("open the call for speakers and add speaker details")
    page = s.goto(f"/e/{event['identifier']}/cfs")
    s.settle()
    page.get_by_role("button", name="Add Speaker Details").click()
    page.wait_for_url(re.compile(r".*/cfs/new-speaker$"))
    s.settle()
    page.locator("#speaker_name_required").fill("Barbara Liskov")
    page.locator("#speaker_organisation").fill("Substitution Works")
    page.locator("form.ui.form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/cfs/speaker/\d+$"))
    s.settle()
    posted = s.calls_to("POST", "/v1/speakers")
    s.check(len(posted) == 1 and posted[0].status == 201, "the speaker was created")

    s.step("add a session")
    page = s.goto(f"/e/{event['identifier']}/cfs")
    s.settle()
    page.get_by_role("button", name="Add New Session").click()
    page.wait_for_url(re.compile(r".*/cfs/new-session$"))
    s.settle()
    page.locator("#session_title_required").fill(TITLE)
    page.locator("form.ui.form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/cfs/session/\d+$"))
    s.settle()
    mine = hallway.get_json(f"/v1/events/{event['id']}/sessions", as_user=email)["data"]
    titles = [one["attributes"]["title"] for one in mine]
    s.check(TITLE in titles, f"the session was submitted ({titles})")
    state = next((o["attributes"]["state"] for o in mine if o["attributes"]["title"] == TITLE), "")
    s.check(state == "pending", f"the submitted session is pending ({state})")
    s.finish()


def test_the_organizer_reviews_and_schedules_sessions(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    event = hallway.event_by_name("Open Source Summit")
    s = scenario(storage_state=admin_state)

    s.step("accept a pending session from the sessions list")
    page = s.goto(f"/events/{event['identifier']}/sessions/pending")
    s.settle()
    row = page.locator("tr", has_text=REVIEWED)
    row.locator(".ui.dropdown").first.click()
    # The menu opens upwards under the table's header: the item is clicked where it is.
    row.locator(".menu .item", has_text="Accepted").first.dispatch_event("click")
    s.settle()
    patches = s.calls_to("PATCH", r"/v1/sessions/\d+")
    s.check(len(patches) == 1 and patches[0].status == 200, "the session was saved once")
    state = _state_of(hallway, event, REVIEWED)
    s.check(state == "accepted", f"the session is accepted ({state})")

    s.step("the scheduler lists it among the unscheduled sessions, beside the schedule")
    page = s.goto(f"/events/{event['identifier']}/scheduler")
    s.settle()
    unscheduled = page.locator(".unscheduled-session", has_text=REVIEWED)
    s.check(appears(unscheduled), "the accepted session waits to be scheduled")
    s.check(appears(page.get_by_text(SHOWN[0]).first), "the scheduled keynote is on the grid")

    s.step("drag it into the first room on the first day")
    day = page.locator("th.fc-day-header[data-resource-id]").first
    _drag(page, unscheduled.first, day, page.locator(".fc-time-grid-container").first)
    s.settle()
    placed = s.calls_to("PATCH", r"/v1/sessions/\d+")[1:]
    s.check(len(placed) == 1 and placed[0].status == 200, "the scheduler saved the session")
    talk = _session(hallway, event, REVIEWED)
    s.check(talk.get("starts-at") is not None, f"the session has a start ({talk.get('starts-at')})")

    s.step("unpublish the schedule, then publish it again")
    page.get_by_role("button", name="Unpublish Schedule").click()
    s.settle()
    published = _published_on(hallway, event)
    s.check(published is None, f"the schedule is unpublished ({published})")
    page.get_by_role("button", name="Publish Schedule").click()
    s.settle()
    published = _published_on(hallway, event)
    s.check(published is not None, "the schedule is published again")
    s.finish()


def _drag(page: Page, what: Locator, column: Locator, grid: Locator) -> None:
    """A mouse drag, as jQuery UI's draggable follows it: press, move in steps, release, in
    the day's column of a room (its header names both) near the top of the time grid."""
    start, day, times = what.bounding_box(), column.bounding_box(), grid.bounding_box()
    assert start is not None and day is not None and times is not None
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + start["width"] / 2 + 5, start["y"] + start["height"] / 2 + 5)
    page.wait_for_timeout(200)
    page.mouse.move(day["x"] + day["width"] / 2, times["y"] + 60, steps=20)
    page.wait_for_timeout(200)
    page.mouse.up()


def _session(hallway: Hallway, event: dict[str, Any], title: str) -> dict[str, Any]:
    sessions = hallway.get_json(
        f"/v1/events/{event['id']}/sessions",
        as_user=hallway.admin_email,
        filter=f'[{{"name":"title","op":"eq","val":"{title}"}}]',
    )["data"]
    return dict(sessions[0]["attributes"]) if sessions else {}


def _state_of(hallway: Hallway, event: dict[str, Any], title: str) -> str:
    return str(_session(hallway, event, title).get("state", ""))


def _published_on(hallway: Hallway, event: dict[str, Any]) -> Any:
    found = hallway.get_json(f"/v1/events/{event['id']}", as_user=hallway.admin_email)
    return found["data"]["attributes"]["schedule-published-on"]
