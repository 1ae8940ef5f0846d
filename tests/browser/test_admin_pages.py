"""Every admin page as the demo super admin: each loads without an API answer the client cannot
use, and shows what Hallway holds (figures equal to the rows, names, e-mails, settings)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page

from tests.browser.conftest import OpenScenario
from tests.browser.scenario import Scenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears


def count(hallway: Hallway, sql: str, *params: Any) -> int:
    found = hallway.row(sql, *params)
    assert found is not None
    return int(found[0])


def figure(locator: Locator) -> str:
    return locator.first.inner_text().strip()


def cell(page: Page, label: str) -> str:
    """The figure beside a label in one of the index's tables."""
    row = page.locator("tr", has=page.locator("td", has_text=re.compile(rf"^\s*{label}\s*$")))
    return figure(row.locator("td.right.aligned"))


def statistic(page: Page, segment: str, label: str) -> str:
    """A labelled statistic in the index's segment under that header."""
    part = page.locator(".ui.segment", has=page.locator("h3", has_text=segment))
    found = part.locator(".ui.statistic", has=page.locator(".label", has_text=label))
    return figure(found.locator(".value"))


def shows(s: Scenario, text: str, what: str, *, within: Locator | None = None) -> bool:
    where = within if within is not None else s.page.locator("body")
    return s.check(appears(where.get_by_text(text, exact=False)), f"{what}: {text!r}")


def check_index(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin")
    page.locator(".ui.statistic .value").first.wait_for()
    sessions = {
        label: count(
            hallway, "SELECT count(*) FROM sessions WHERE state = ? AND deleted_at IS NULL", state
        )
        for label, state in (
            ("Accepted", "accepted"),
            ("Draft", "pending"),
            ("Rejected", "rejected"),
        )
    }
    for label, expected in sessions.items():
        shown = statistic(page, "Number of Sessions", label)
        s.check(shown == str(expected), f"sessions {label}: {shown} shown, {expected} stored")
    live = count(
        hallway,
        "SELECT count(*) FROM events WHERE state = 'published' AND deleted_at IS NULL "
        "AND ends_at > datetime('now')",
    )
    shown = statistic(page, "Number of Events", "Live")
    s.check(shown == str(live), f"live events: {shown} shown, {live} stored")
    for label, sql in (
        ("No. of Groups", "SELECT count(*) FROM groups WHERE deleted_at IS NULL"),
        (
            "No. of Group Events",
            "SELECT count(*) FROM events WHERE group_id IS NOT NULL AND deleted_at IS NULL",
        ),
        ("No. of All Followers", "SELECT count(DISTINCT user_id) FROM user_follow_groups"),
        (
            "No. of Super Admins",
            "SELECT count(*) FROM users WHERE is_super_admin AND deleted_at IS NULL",
        ),
        ("No. of Total Users", "SELECT count(*) FROM users WHERE deleted_at IS NULL"),
    ):
        expected = count(hallway, sql)
        shown = cell(page, label)
        s.check(shown == str(expected), f"{label}: {shown} shown, {expected} stored")
    s.check(bool(s.answered_locally), "GitHub's refs were asked (and answered locally)")


def check_users(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/users/all?per_page=100")
    admin_id = hallway.user_id(hallway.admin_email)
    total = count(hallway, "SELECT count(*) FROM users WHERE deleted_at IS NULL")
    rows = page.locator("table tbody tr")
    s.check(appears(rows.filter(has_text=hallway.admin_email)), "the admin is listed")
    s.check(rows.count() == total, f"{rows.count()} users listed, {total} stored")

    s.step("one user's pages")
    page = s.goto(f"/admin/users/{admin_id}")
    shows(s, hallway.admin_email, "the user's page shows the e-mail")
    values = page.locator("form input").evaluate_all("inputs => inputs.map(i => i.value)")
    s.check("Demo" in values and "Admin" in values, f"the user's names are in the form ({values})")
    page = s.goto(f"/admin/users/{admin_id}/events/live")
    owned = hallway.rows(
        "SELECT e.name FROM events e JOIN users_events_roles r ON r.event_id = e.id "
        "JOIN roles o ON o.id = r.role_id AND o.name = 'owner' "
        "WHERE r.user_id = ? AND e.state = 'published' AND e.ends_at > datetime('now') "
        "AND e.deleted_at IS NULL",
        admin_id,
    )
    for row in owned[:3]:
        shows(s, row["name"], "the user's live events")
    page = s.goto(f"/admin/users/{admin_id}/tickets/upcoming")
    shows(s, "3 x Community", "the user's tickets")


def check_events_and_sessions(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/events/live")
    live = hallway.rows(
        "SELECT name FROM events WHERE state = 'published' AND deleted_at IS NULL "
        "AND ends_at > datetime('now') ORDER BY starts_at"
    )
    shown = page.locator("table tbody tr").all_inner_texts()
    listed = [r["name"] for r in live if any(r["name"] in row for row in shown)]
    s.check(len(listed) == min(len(live), 10), f"live events listed: {listed} of {len(live)}")
    s.goto("/admin/events/past")

    page = s.goto("/admin/sessions/all")
    titles = {
        r["title"] for r in hallway.rows("SELECT title FROM sessions WHERE deleted_at IS NULL")
    }
    stored = len(titles)
    rows = page.locator("table tbody tr")
    firsts = [rows.nth(i).locator("td").nth(1).inner_text().strip() for i in range(rows.count())]
    s.check(bool(firsts) and set(firsts) <= titles, f"listed sessions are stored ones: {firsts}")
    total = count(hallway, "SELECT count(*) FROM sessions WHERE deleted_at IS NULL")
    shows(s, f"of {total} entries", f"the session count ({stored} titles)")


def check_groups(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/groups/all")
    for group in hallway.rows(
        "SELECT g.name, u.email, (SELECT count(*) FROM events e WHERE e.group_id = g.id "
        "AND e.deleted_at IS NULL) AS events FROM groups g JOIN users u ON u.id = g.user_id "
        "WHERE g.deleted_at IS NULL"
    ):
        row = page.locator("tr", has_text=group["name"])
        if s.check(appears(row), f"group {group['name']} listed"):
            text = row.first.inner_text()
            s.check(group["email"] in text, f"its owner {group['email']} shown")
            cells = [c.strip() for c in row.first.locator("td").all_inner_texts()]
            s.check(str(group["events"]) in cells, f"its {group['events']} events ({cells})")


def check_sales(s: Scenario, hallway: Hallway) -> None:
    page = s.goto("/admin/sales/live")
    shows(s, "Open Source Summit", "the sales by event")
    page = s.goto("/admin/sales/organizers")
    tickets = count(
        hallway,
        "SELECT count(*) FROM attendees a JOIN orders o ON o.id = a.order_id "
        "JOIN users_events_roles r ON r.event_id = o.event_id AND r.user_id = ? "
        "JOIN roles x ON x.id = r.role_id AND x.name = 'owner' "
        "JOIN events e ON e.id = o.event_id AND e.ends_at > datetime('now') "
        "AND e.deleted_at IS NULL "
        "WHERE o.status = 'completed'",
        hallway.user_id(hallway.admin_email),
    )
    row = page.locator("tr", has_text=hallway.admin_email)
    if s.check(appears(row), "the admin is a selling organizer"):
        cells = [c.strip() for c in row.first.locator("td").all_inner_texts()]
        s.check(str(tickets) in cells, f"{tickets} completed tickets ({cells})")
    page = s.goto("/admin/sales/locations")
    berlin = page.locator("tr", has_text="Berlin")
    if s.check(appears(berlin), "the sales in Berlin"):
        s.check("49.00" in berlin.first.inner_text(), "the standard ticket paid there")
    page = s.goto("/admin/sales/revenue")
    shows(s, "Open Source Summit", "the revenue by event")
    for tab, header in (
        ("marketer", "Marketers"),
        ("discounted-events", "Discount Code"),
        ("invoices", "Invoice #"),
    ):
        s.goto(f"/admin/sales/{tab}")
        shows(s, header, f"sales tab {tab}")


def test_admin_index_users_events_sessions_groups_and_sales(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    s = scenario(storage_state=admin_state)
    check_index(s, hallway)
    check_users(s, hallway)
    check_events_and_sessions(s, hallway)
    check_groups(s, hallway)
    check_sales(s, hallway)
    s.finish()
