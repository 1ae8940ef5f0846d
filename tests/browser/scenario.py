"""A scenario: one browser context and page driving the real frontend, and a record of what
happened during it: every answer of the API (method, URL, status), every request to it that
failed, page errors, console errors, error messages the page showed, requests that were
blocked, and the steps the scenario took.

A scenario passes only when
- no API request answered 5xx or failed outright (a CORS refusal, a dropped connection);
- every 4xx is one the scenario expects (`expect`), and each expected one happened;
- no page error was raised, apart from the frontend's own known ones (FRONTEND_OWN_ERRORS);
- the page never showed "An unexpected error has occurred";
- every `check` held (what the scenario changed is in the database, or what it shows is
  what the API holds).
`finish()` asserts all of it at once and lists every problem; a failing test also keeps a
screenshot and the recorded log (see conftest.py).
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Response as PlaywrightResponse

from tests.browser.servers import Process


@dataclass(frozen=True)
class Expected:
    """A 4xx the scenario provokes on purpose and the frontend handles (shows to the user)."""

    method: str
    path: str  # a regular expression, matched in full against the URL's path
    status: int
    why: str

    def matches(self, call: ApiCall) -> bool:
        return (
            call.method == self.method
            and call.status == self.status
            and re.fullmatch(self.path, urlsplit(call.url).path) is not None
        )

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status} ({self.why})"


@dataclass(frozen=True)
class KnownError:
    """A page error the frontend raises on its own, whatever the API answers."""

    message: str  # a substring of the error's message
    stack: str  # a substring of its stack; empty when the message says enough
    why: str

    def matches(self, error: PlaywrightError) -> bool:
        return self.message in error.message and self.stack in (error.stack or "")


# The allow-list: page errors of the frontend's own making. Anything else fails a scenario.
FRONTEND_OWN_ERRORS = (
    # The rich-text editor (wysihtml5, used for descriptions, bios, codes of conduct) parses
    # the bound value before its editing frame is ready; the value is set again once it is.
    KnownError(
        "appendChild is not a function",
        "wysihtml5.dom.parse",
        "rich-text editor: parsing before its frame exists",
    ),
    # When a page with the editor is left, its composer reacts to its own removal after its
    # parent has been torn down (a DOMNodeRemoved handler calling parent.fire).
    KnownError(
        "this.parent.fire is not a function",
        "",
        "rich-text editor: composer removed after its parent",
    ),
    # ... and its periodic textarea sync still runs against the removed frame.
    KnownError(
        "Cannot read properties of null (reading 'document')",
        "getDocument",
        "rich-text editor: syncing a removed frame",
    ),
    # The menu's Logout calls the router service's transitionTo('index') with arguments the
    # router rejects; the session is already invalidated and the app goes home regardless.
    KnownError(
        "More context objects were passed than there are dynamic segments for the route: index",
        "applyToHandlers",
        "menu logout: transition called with a wrong argument list",
    ),
    # The attendee list's check-in menu is a Semantic UI dropdown whose items are checkboxes:
    # on a click the dropdown looks the item up by its HTML as a data-value selector, which
    # jQuery cannot parse. The checkbox has toggled and the attendee is saved regardless.
    KnownError(
        "Syntax error, unrecognized expression: [data-value=",
        "",
        "attendee check-in menu: items looked up by their HTML",
    ),
)

# Watches what the page shows: the frontend reports any API status it does not handle (other
# than 403, 404, 409 and 422) as "An unexpected error has occurred", in a toast, a form or
# its error page.
NOTICE_SCRIPT = """
(() => {
  if (window.top !== window) return;
  const pattern = /[^\\n]*unexpected error[^\\n]*/gi;
  const reported = new Set();
  let pending = false;
  const scan = () => {
    pending = false;
    if (!document.body) return;
    for (const line of document.body.innerText.match(pattern) || []) {
      const text = line.trim();
      if (!reported.has(text)) {
        reported.add(text);
        window.hallwayNoticed(text);
      }
    }
  };
  const watch = () => {
    new MutationObserver(() => {
      if (!pending) { pending = true; setTimeout(scan, 100); }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    scan();
  };
  if (document.body) watch(); else document.addEventListener('DOMContentLoaded', watch);
})();
"""

# Everything not on 127.0.0.1 is refused, except what is answered here: the geocoding service
# `/explore/events` asks first, and GitHub's refs the admin index reads to show the latest
# commits of the Open Event projects.
NOT_LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1[:/])[a-z]+://")
GEOCODER = "https://nominatim.openstreetmap.org/"
GEOCODED = [{"lat": "52.5200", "lon": "13.4050", "display_name": "Berlin, Germany"}]
GITHUB_REFS = "https://api.github.com/repos/fossasia/"
GITHUB_REF = {"ref": "refs/heads/development", "object": {"sha": "0" * 40, "type": "commit"}}
ANSWERED_LOCALLY = {GEOCODER: GEOCODED, GITHUB_REFS: GITHUB_REF}


@dataclass
class ApiCall:
    method: str
    url: str
    status: int

    def __str__(self) -> str:
        return f"{self.method} {self.url} -> {self.status}"


@dataclass(repr=False)
class Scenario:
    """One scenario's browser context and page, what it recorded, and its verdict."""

    name: str
    browser: Browser
    frontend_url: str
    api_url: str
    hallway_log: Process
    storage_state: dict[str, Any] | None = None
    expected: list[Expected] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)
    failed_calls: list[str] = field(default_factory=list)
    page_errors: list[PlaywrightError] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    noticed: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    answered_locally: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    finished: bool = False
    in_flight: int = 0
    last_activity: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.monotonic()
        self.log_offset = self.hallway_log.log_offset()
        self.context = self._new_context()
        self.page = self.context.new_page()
        self.page.on("request", self._on_request)
        self.page.on("response", self._on_response)
        self.page.on("requestfinished", self._on_done)
        self.page.on("requestfailed", self._on_failed)
        self.page.on("pageerror", self._on_page_error)
        self.page.on("console", self._on_console)

    def __repr__(self) -> str:
        return f"<Scenario {self.name} ({len(self.calls)} API answers)>"

    def _new_context(self) -> BrowserContext:
        context = self.browser.new_context(
            viewport={"width": 1280, "height": 900},
            storage_state=self.storage_state,
            service_workers="block",
            locale="en-US",
            timezone_id="UTC",
        )
        context.set_default_timeout(15_000)
        context.set_default_navigation_timeout(30_000)
        context.route(NOT_LOCAL, self._outside)
        context.expose_binding("hallwayNoticed", self._on_notice)
        context.add_init_script(NOTICE_SCRIPT)
        return context

    # -- recording ----------------------------------------------------------------------------

    def note(self, line: str) -> None:
        self.log.append(f"{time.monotonic() - self.started:7.2f}s {line}")

    def step(self, what: str) -> None:
        """A line in the log that says what the scenario does next."""
        self.note(f"== {what}")

    def _is_api(self, url: str) -> bool:
        return url.startswith(self.api_url + "/")

    def _on_request(self, request: Request) -> None:
        if self._is_api(request.url):
            self.in_flight += 1
            self.last_activity = time.monotonic()

    def _on_response(self, response: PlaywrightResponse) -> None:
        request = response.request
        if not self._is_api(request.url):
            return
        call = ApiCall(request.method, request.url, response.status)
        self.calls.append(call)
        self.note(str(call))
        if response.status >= 400:
            try:
                self.note(f"  answered: {response.text()[:1000]}")
            except PlaywrightError as exc:
                self.note(f"  (body unavailable: {exc.message})")

    def _on_done(self, request: Request) -> None:
        if self._is_api(request.url):
            self.in_flight -= 1
            self.last_activity = time.monotonic()

    def _on_failed(self, request: Request) -> None:
        if not self._is_api(request.url):
            return
        self.in_flight -= 1
        self.last_activity = time.monotonic()
        failure = request.failure or "failed"
        self.note(f"{request.method} {request.url} FAILED {failure}")
        # Requests the page itself abandons (it navigated away) are not the API's doing.
        if "ERR_ABORTED" not in failure:
            self.failed_calls.append(f"{request.method} {request.url} failed: {failure}")

    def _on_page_error(self, error: PlaywrightError) -> None:
        self.page_errors.append(error)
        known = next((k for k in FRONTEND_OWN_ERRORS if k.matches(error)), None)
        suffix = f" [known: {known.why}]" if known else ""
        self.note(f"PAGE ERROR {_describe(error)}{suffix}\n{error.stack or ''}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)
            self.note(f"console error: {message.text}")

    def _on_notice(self, source: Any, text: str) -> None:
        self.noticed.append(text)
        self.note(f"PAGE SHOWED: {text}")

    def _outside(self, route: Route) -> None:
        url = route.request.url
        answer = next((a for prefix, a in ANSWERED_LOCALLY.items() if url.startswith(prefix)), None)
        if answer is not None:
            self.note(f"answered locally: {url}")
            self.answered_locally.append(url)
            route.fulfill(
                status=200,
                content_type="application/json",
                headers={"Access-Control-Allow-Origin": "*"},
                body=json.dumps(answer),
            )
        else:
            self.note(f"blocked: {url}")
            route.abort()

    # -- driving ------------------------------------------------------------------------------

    def expect(self, method: str, path: str, status: int, why: str) -> None:
        """Declare a 4xx this scenario provokes on purpose."""
        self.expected.append(Expected(method, path, status, why))

    def goto(self, path: str) -> Page:
        self.step(f"open {path}")
        self.page.goto(self.frontend_url + path)
        self.settle()
        return self.page

    def settle(self, quiet: float = 1.0, timeout: float = 20.0) -> None:
        """Until no API request has been open for `quiet` seconds: the page has loaded what
        it loads, and its forms are wired (forms submitted at once may be ignored)."""
        deadline = time.monotonic() + timeout
        self.last_activity = max(self.last_activity, time.monotonic())
        while time.monotonic() < deadline:
            if self.in_flight <= 0 and time.monotonic() - self.last_activity >= quiet:
                return
            self.page.wait_for_timeout(100)
        self.note(f"still busy after {timeout:.0f}s ({self.in_flight} API requests open)")

    def check(self, holds: bool, what: str) -> bool:
        """A condition the scenario needs; all of them are reported together by finish()."""
        self.note(f"check {'ok' if holds else 'FAILED'}: {what}")
        if not holds:
            self.failed_checks.append(what)
        return holds

    def calls_to(self, method: str, path: str) -> list[ApiCall]:
        return [
            c
            for c in self.calls
            if c.method == method and re.fullmatch(path, urlsplit(c.url).path) is not None
        ]

    # -- judging ------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        found: list[str] = []
        for call in self.calls:
            if call.status >= 500:
                found.append(f"{call} (server error)")
            elif call.status >= 400 and not any(e.matches(call) for e in self.expected):
                found.append(f"{call} (a 4xx the scenario does not expect)")
        for expected in self.expected:
            if not any(expected.matches(call) for call in self.calls):
                found.append(f"expected {expected}, which did not happen")
        found.extend(self.failed_calls)
        errors = Counter(
            f"page error {_describe(e)} | {_first_frame(e)}"
            for e in self.page_errors
            if not any(k.matches(e) for k in FRONTEND_OWN_ERRORS)
        )
        found.extend(f"{text} (x{n})" if n > 1 else text for text, n in errors.items())
        found.extend(f"the page showed: {text!r}" for text in self.noticed)
        found.extend(f"check failed: {what}" for what in self.failed_checks)
        return found

    def finish(self) -> None:
        self.finished = True
        self.settle()
        problems = self.problems()
        assert not problems, f"scenario {self.name}: {len(problems)} problem(s):\n" + "\n".join(
            f"  - {p}" for p in problems
        )

    def report(self) -> str:
        problems = self.problems()
        lines = [f"scenario {self.name}: {len(problems)} problem(s)"]
        lines += [f"  - {p}" for p in problems]
        return "\n".join(lines)

    def save_artifacts(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.iterdir():
            old.unlink()
        try:
            self.page.screenshot(path=str(directory / "screenshot.png"), full_page=True)
        except PlaywrightError as exc:
            self.note(f"no screenshot: {exc.message}")
        text = [
            self.report(),
            f"\nlast URL: {self.page.url}",
            f"expected 4xx: {[str(e) for e in self.expected] or 'none'}",
            "\n== recorded\n" + "\n".join(self.log),
            "\n== Hallway's log during the scenario",
            self.hallway_log.log_since(self.log_offset),
        ]
        (directory / "log.txt").write_text("\n".join(text), encoding="utf-8")
        return directory

    def close(self) -> None:
        with contextlib.suppress(PlaywrightError):
            self.context.close()


def _describe(error: PlaywrightError) -> str:
    return f"{error.name}: {error.message}" if error.name else repr(error.message)


def _first_frame(error: PlaywrightError) -> str:
    frames = [line.strip() for line in (error.stack or "").splitlines()[1:] if line.strip()]
    return frames[0] if frames else "no stack"
