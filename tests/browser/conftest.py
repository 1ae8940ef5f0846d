"""Fixtures of the browser suite: a real Hallway (`hallway run` on a fresh SQLite database with
the demo data), the built Open Event frontend served against it, and headless Chromium driven
by Playwright.

The suite is off unless HALLWAY_BROWSER=1: the ordinary suite leaves it out (`.ci/run` runs it
on its own). It skips, saying why, when the built frontend (../shared/open-event-frontend) or
Chromium (/usr/bin/chromium, or HALLWAY_CHROMIUM) is missing.

A failing test keeps a screenshot and the scenario's log (every API answer, page and console
errors, Hallway's own log meanwhile) in tests/browser/artifacts/<test>/, whose path is printed
and added to the failure report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.browser.scenario import NOT_LOCAL, Scenario
from tests.browser.servers import FRONTEND_DIR, HOST, Frontend, Hallway, free_port

# The fixtures are package-scoped: Playwright's sync API holds the thread's event loop while it
# runs, so it must stop before the async tests of other packages in the same run.
CHROMIUM = Path(os.environ.get("HALLWAY_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).with_name("artifacts")


def browser_enabled() -> bool:
    return os.environ.get("HALLWAY_BROWSER", "").lower() in ("1", "on", "true", "yes")


@pytest.fixture(scope="package")
def browser_suite() -> None:
    if not browser_enabled():
        pytest.skip("the browser suite is on with HALLWAY_BROWSER=1")
    if not (FRONTEND_DIR / "dist" / "index.html").is_file():
        pytest.skip(f"no built Open Event frontend at {FRONTEND_DIR}")
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")


@pytest.fixture(scope="package")
def frontend_origin(browser_suite: None) -> str:
    """Where the frontend will be served: Hallway must allow that origin (CORS)."""
    return f"http://{HOST}:{free_port()}"


@pytest.fixture(scope="package")
def hallway(frontend_origin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hallway]:
    server = Hallway(tmp_path_factory.mktemp("hallway"), frontend_origin)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def frontend(
    hallway: Hallway, frontend_origin: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Frontend]:
    served = Frontend(tmp_path_factory.mktemp("frontend"), frontend_origin)
    try:
        served.start(hallway.base_url)
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="package")
def browser(browser_suite: None) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def admin_state(browser: Browser, hallway: Hallway, frontend: Frontend) -> dict[str, Any]:
    """The browser storage (session cookie) of the demo admin, logged in through the form once."""
    context = browser.new_context(service_workers="block")
    context.route(NOT_LOCAL, lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(f"{frontend.base_url}/login")
        page.wait_for_timeout(1500)  # the form ignores a submit before it is wired
        page.fill("input[name=email]", hallway.admin_email)
        page.fill("input[name=password]", hallway.admin_password)
        page.click("button[type=submit]")
        # Logged in once the menu holds the user's dropdown and the session store has written
        # all its cookies.
        page.wait_for_selector(".profile-dropdown-menu", state="attached", timeout=15_000)
        page.wait_for_function(
            "() => document.cookie.includes('ember_simple_auth-session-expiration_time')",
            timeout=15_000,
        )
        state: dict[str, Any] = context.storage_state()
        return state
    except PlaywrightError as exc:
        pytest.fail(f"the demo admin cannot log in through the login form ({page.url}): {exc}")
    finally:
        context.close()


OpenScenario = Callable[..., Scenario]


@pytest.fixture
def scenario(
    request: pytest.FixtureRequest, browser: Browser, hallway: Hallway, frontend: Frontend
) -> Iterator[OpenScenario]:
    """Opens scenarios: `scenario()` anonymous, `scenario(storage_state=...)` as someone."""
    opened: list[Scenario] = []
    request.node.browser_scenarios = opened

    def open_scenario(storage_state: dict[str, Any] | None = None) -> Scenario:
        assert hallway.process is not None
        name = request.node.name if not opened else f"{request.node.name}-{len(opened) + 1}"
        started = Scenario(
            name=name,
            browser=browser,
            frontend_url=frontend.base_url,
            api_url=hallway.base_url,
            hallway_log=hallway.process,
            storage_state=storage_state,
        )
        opened.append(started)
        return started

    yield open_scenario
    for started in opened:
        started.close()
    if getattr(request.node, "browser_call_passed", False):
        unfinished = [started.name for started in opened if not started.finished]
        assert not unfinished, f"scenarios never judged (call finish()): {unfinished}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a failure, keep each scenario's screenshot and log and say where they are."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    scenarios: list[Scenario] = getattr(item, "browser_scenarios", [])
    if report.when == "call" and report.passed:
        item.browser_call_passed = True
    if report.when != "call" or not report.failed or not scenarios:
        return
    for started in scenarios:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", started.name)
        kept = started.save_artifacts(ARTIFACTS / safe)
        text = f"{started.report()}\nscreenshot and log: {kept}"
        print(f"\n{text}")
        report.sections.append((f"browser scenario {started.name}", text))
