"""Steps several scenarios take through the frontend's own forms."""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import unquote

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator

from tests.browser.scenario import Scenario

SESSION_COOKIE = "ember_simple_auth-session"


def new_email(what: str) -> str:
    return f"{what}-{uuid.uuid4().hex[:8]}@example.com"


def appears(locator: Locator, timeout: float = 10_000) -> bool:
    """Whether the locator becomes visible in time (a check, not a hard stop)."""
    try:
        locator.first.wait_for(state="visible", timeout=timeout)
    except PlaywrightError:
        return False
    return True


def session(s: Scenario) -> dict[str, Any]:
    """What the frontend's session store holds as `authenticated` (empty when logged out)."""
    for cookie in s.context.cookies():
        if cookie["name"] == SESSION_COOKIE:
            stored: dict[str, Any] = json.loads(unquote(cookie["value"]))
            authenticated: dict[str, Any] = stored.get("authenticated") or {}
            return authenticated
    return {}


def logged_in_menu(s: Scenario) -> Locator:
    """The user's dropdown in the top menu, there only while someone is logged in."""
    return s.page.locator(".ui.dropdown", has=s.page.locator(".profile-dropdown-menu"))


def log_in(s: Scenario, email: str, password: str) -> None:
    s.step(f"log in as {email}")
    page = s.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    logged_in_menu(s).wait_for(state="attached")
    s.settle()


def log_out(s: Scenario) -> None:
    s.step("log out from the menu")
    logged_in_menu(s).click()
    s.page.locator(".profile-dropdown-menu .logout-button").click()
    s.settle()
