"""What an organizer exports and prints: the event as a zip of JSON (started, polled until done,
downloaded), its iCalendar file, the CSV files of the orders, attendees and sessions lists, and
a badge designed on the badge step of the event's wizard (previewed as a PDF and saved)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from tests.browser.conftest import OpenScenario
from tests.browser.scenario import Scenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears

EVENT = "Open Source Summit"
SAMPLE = "Hallway badge sample"


def identifier(hallway: Hallway, name: str) -> str:
    row = hallway.row("SELECT identifier FROM events WHERE name = ?", name)
    assert row is not None
    return str(row[0])


def export_zip(s: Scenario, event: str) -> None:
    page = s.goto(f"/events/{event}/settings/export")
    s.step("start the JSON export and wait for it")
    page.get_by_role("button", name="Start", exact=True).click()
    done = appears(page.get_by_text("Status: SUCCESS"), 45_000)
    s.check(done, "the export says SUCCESS")
    s.settle()
    if not done:
        return
    with page.expect_download(timeout=20_000) as download:
        page.locator(".ui.form a.ui.button", has_text="Download").click()
    saved = Path(download.value.path())
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as archive:
        names = archive.namelist()
        event_json = "event.json" if "event.json" in names else None
        s.check(event_json is not None, f"the zip holds the event ({names})")
        if event_json is not None:
            data = json.loads(archive.read(event_json))
            s.check(EVENT in json.dumps(data), "the event's JSON names it")
    s.settle()


def export_ical(s: Scenario) -> None:
    page = s.page
    s.step("export the iCalendar file")
    page.get_by_text("Alternatively, you can download the iCalendar here").click()
    link = page.locator("a.ui.blue.button", has_text="Download iCalendar").first
    ready = appears(page.locator("a.ui.blue.button:not(.disabled)", has_text="iCalendar"), 45_000)
    s.check(ready, "the iCalendar download is offered")
    s.settle()
    if not ready:
        return
    with page.expect_download(timeout=20_000) as download:
        link.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    s.check(text.startswith("BEGIN:VCALENDAR"), f"an iCalendar file ({text[:40]!r})")
    s.check(EVENT in text, "naming the event")


def badge_step(s: Scenario, event: str) -> None:
    page = s.goto(f"/events/{event}/edit/badge")
    s.check(appears(page.get_by_text("Information about Badge Creator")), "the badge step opens")
    loaded = s.calls_to("GET", r"/v1/events/[^/]+/badge-forms")
    s.check(bool(loaded) and loaded[-1].status == 200, "it reads the event's badge forms")
    tickets = s.calls_to("GET", r"/v1/events/[^/]+/tickets")
    s.check(bool(tickets) and tickets[-1].status == 200, "and the tickets badges are for")
    if page.get_by_text("Turn on Badges").count():
        s.step("switch badges on")
        page.locator(".ui.slider.checkbox").first.click()
    page.get_by_role("button", name="Add Another Badge").click()
    s.step("give the badge the Community ticket and a row")
    tickets_menu = page.locator(".ui.fluid.multiple.search.selection.dropdown").first
    tickets_menu.click()
    tickets_menu.locator(".menu .item", has_text="Community").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Add Rows").click()
    page.locator("input[name^=sample_text_]").first.fill(SAMPLE)
    page.locator("input[name^=margin_top_]").first.fill("12")
    s.settle()


def badge_preview(s: Scenario) -> None:
    s.step("print the preview badge")
    page = s.page
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Print Badge").first.click()
    pdf = Path(download.value.path()).read_bytes()
    s.check(pdf.startswith(b"%PDF"), f"the preview is a PDF ({pdf[:8]!r})")
    s.settle()


def badge_save(s: Scenario, hallway: Hallway) -> bool:
    s.step("save the badge")
    s.page.locator("button.blue", has_text=re.compile(r"^\s*Save\s*$")).first.click()
    answer = s.page.get_by_text(re.compile("Your event has been saved|Tickets are required"))
    saved = appears(answer, 20_000) and "saved" in answer.first.inner_text()
    s.note(f"the wizard saved the event: {saved}")
    s.settle()
    event_id = hallway.event_by_name(EVENT)["id"]
    rows = hallway.rows(
        "SELECT badge_id, badge_fields FROM badge_forms WHERE event_id = ?", int(event_id)
    )
    s.check(len(rows) == 1, f"one badge form is saved ({len(rows)})")
    if not rows:
        return saved
    badge_id, fields = rows[0][0], json.loads(rows[0][1] or "[]")
    s.note(f"saved fields: {fields}")
    s.check(
        any(f.get("sample_text") == SAMPLE and f.get("margin_top") == 12 for f in fields),
        "its field holds the sample text and the top margin entered",
    )
    ticket = hallway.row(
        "SELECT badge_id FROM tickets WHERE event_id = ? AND name = 'Community'", int(event_id)
    )
    s.check(ticket is not None and ticket[0] == badge_id, "the Community ticket names the badge")
    forms = hallway.get_json(f"/v1/events/{event_id}/badge-forms", as_user=hallway.admin_email)
    shown = [f["attributes"] for f in forms["data"]]
    s.check(
        [f["badge-id"] for f in shown] == [badge_id]
        and shown[0]["badge-fields"][0]["sample_text"] == SAMPLE,
        "the API shows the badge form with its field",
    )
    return saved


def csv_export(s: Scenario, path: str, opener: str, menu: bool) -> list[list[str]]:
    """Start a CSV export from the list page at `path`, wait for its task, and read the file
    the page downloads (the task's download URL, opened by the page itself)."""
    page = s.goto(path)
    s.step(f"export {path} as CSV")
    with page.expect_download(timeout=45_000) as download:
        page.get_by_text(opener, exact=True).first.click()
        if menu:
            page.locator(".menu .item[data-value=csv]").first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    s.settle()
    return list(csv.reader(io.StringIO(text)))


def check_csv(s: Scenario, rows: list[list[str]], header: str, value: str, what: str) -> None:
    s.check(
        bool(rows) and header in rows[0], f"the {what} CSV's header names {header} ({rows[:1]})"
    )
    s.check(any(value in row for row in rows[1:]), f"a row of the {what} CSV holds {value!r}")


def test_an_organizer_exports_the_lists_as_csv(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    s = scenario(storage_state=admin_state)
    event = identifier(hallway, EVENT)
    orders = csv_export(s, f"/events/{event}/tickets/orders/completed", "Export As", menu=True)
    check_csv(s, orders, "Payment mode", "onsite", "orders")
    attendees = csv_export(s, f"/events/{event}/tickets/attendees/all", "Export As", menu=True)
    check_csv(s, attendees, "Email", "ada@hallway.localhost", "attendees")
    sessions = csv_export(s, f"/events/{event}/sessions/all", "Export as CSV", menu=False)
    check_csv(s, sessions, "Title", "Writing compilers for fun", "sessions")
    s.finish()


def test_an_organizer_exports_the_event(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    s = scenario(storage_state=admin_state)
    s.context.set_default_timeout(20_000)
    export_zip(s, identifier(hallway, EVENT))
    export_ical(s)
    s.finish()


def test_an_organizer_designs_a_badge(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    s = scenario(storage_state=admin_state)
    s.context.set_default_timeout(20_000)
    badge_step(s, identifier(hallway, EVENT))
    badge_preview(s)
    saved = badge_save(s, hallway)
    # The wizard saves the published event after the badge step only when the tickets'
    # answers left its tickets on it (wire rule 7: events are linked by URL, not by id).
    s.check(saved, "the wizard saved the published event after the badge step")
    s.finish()
