"""The program side in the real frontend: the public schedule, sessions and speakers pages of a
demo event, a call-for-speakers submission by a signed-in user, and the organizer reviewing and
scheduling sessions."""

from __future__ import annotations

import re

from tests.browser.conftest import OpenScenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears, log_in, new_email

SHOWN = ("Opening keynote: open source everywhere", "Thirty years of a kernel")
PASSWORD = "correct horse battery"
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
