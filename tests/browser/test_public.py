"""Pages anyone sees: the home page, the public page of an event, exploring events."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import OpenScenario
from tests.browser.servers import Hallway


def published_event_names(hallway: Hallway) -> list[str]:
    document = hallway.get_json(
        "/v1/events",
        filter='[{"name":"state","op":"eq","val":"published"}]',
        **{"page[size]": "0"},
    )
    names = [event["attributes"]["name"] for event in document["data"]]
    assert names, "the demo has published events"
    return names


def test_home_page_anonymous_lists_the_upcoming_events(
    scenario: OpenScenario, hallway: Hallway
) -> None:
    s = scenario()
    page = s.goto("/")
    text = page.inner_text("body")
    for name in published_event_names(hallway):
        s.check(name in text, f"the home page lists {name!r}")
    s.check(page.get_by_role("link", name="Login").count() > 0, "the menu offers to log in")
    s.finish()


def test_home_page_after_login_shows_the_user(
    scenario: OpenScenario, hallway: Hallway, admin_state: dict[str, Any]
) -> None:
    s = scenario(storage_state=admin_state)
    page = s.goto("/")
    text = page.inner_text("body")
    for name in published_event_names(hallway):
        s.check(name in text, f"the home page lists {name!r}")
    first_name = hallway.get_json(
        f"/v1/users/{hallway.user_id(hallway.admin_email)}", as_user=hallway.admin_email
    )["data"]["attributes"]["first-name"]
    s.check(
        page.locator(".ui.menu").get_by_text(first_name).count() > 0,
        f"the menu shows the user's first name {first_name!r}",
    )
    s.finish()


def test_public_event_page_of_a_demo_event(scenario: OpenScenario, hallway: Hallway) -> None:
    event = hallway.event_by_name("Open Source Summit")
    s = scenario()
    page = s.goto(f"/e/{event['identifier']}")
    s.check(
        page.get_by_role("heading", name=event["name"]).count() > 0, "the event's name is shown"
    )
    text = page.inner_text("body")
    s.check(event["location-name"] in text, "its location is shown")
    s.check("is a demo event that comes with Hallway" in text, "its description is shown")
    s.finish()


def test_explore_events_lists_the_published_events(
    scenario: OpenScenario, hallway: Hallway
) -> None:
    s = scenario()
    page = s.goto("/explore/events")
    text = page.inner_text("body")
    for name in published_event_names(hallway):
        s.check(name in text, f"explore lists {name!r}")
    s.check(bool(s.answered_locally), "the geocoding request was answered locally")
    s.finish()
