"""Accounts through the frontend's forms: log in and out, register, reset a forgotten password,
edit the profile, change the password."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import OpenScenario
from tests.browser.servers import Hallway
from tests.browser.steps import appears, log_in, log_out, logged_in_menu, new_email, session

PASSWORD = "a browser password"


def test_login_and_logout(scenario: OpenScenario, hallway: Hallway) -> None:
    email = new_email("login")
    user_id = hallway.create_user(email, PASSWORD)
    s = scenario()
    s.expect("POST", "/auth/session", 401, "a wrong password, said on the form")
    page = s.goto("/login")

    s.step("log in with a wrong password")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit]")
    s.check(appears(page.locator(".negative.message")), "the form says the login failed")
    s.settle()

    s.step("log in")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    s.check(appears(logged_in_menu(s)), "the menu shows the logged-in user")
    s.settle()
    s.check(urlsplit(page.url).path == "/", f"the login ends on the home page ({page.url})")
    token = session(s).get("access_token")
    if s.check(bool(token), "the session holds an access token"):
        me = hallway.http.get(f"/v1/users/{user_id}", headers={"Authorization": f"JWT {token}"})
        s.check(me.status_code == 200, f"Hallway accepts the session's token ({me.status_code})")
    row = hallway.row("SELECT last_accessed_at FROM users WHERE id = ?", user_id)
    s.check(row is not None and row[0] is not None, "the login is recorded as the last access")

    log_out(s)
    s.check(appears(page.get_by_role("link", name="Login")), "the menu offers to log in again")
    s.check(not session(s).get("access_token"), "the session no longer holds a token")
    s.finish()


def test_register_a_new_account(scenario: OpenScenario, hallway: Hallway) -> None:
    email, taken = new_email("register"), new_email("taken")
    hallway.create_user(taken, PASSWORD)
    s = scenario()
    s.expect("POST", "/v1/users", 409, "an address already registered, said on the form")
    page = s.goto("/register")

    s.step("register an address that has an account")
    page.fill("input[name=email]", taken)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_repeat]", PASSWORD)
    page.click("button[type=submit]")
    s.check(appears(page.get_by_text("User already exists.")), "the form says it exists")
    s.settle()

    s.step("register a new address")
    page.fill("input[name=email]", email)
    page.click("button[type=submit]")
    expect(page.get_by_text("Thank you for signing up")).to_be_visible()
    page.get_by_role("button", name="OK").click()
    s.check(appears(logged_in_menu(s)), "the new account ends logged in")
    s.settle()
    s.check(bool(session(s).get("access_token")), "the session holds an access token")
    row = hallway.row("SELECT is_verified FROM users WHERE email = ?", email)
    s.check(row is not None, "the account is in the database")
    mails = hallway.rows(
        "SELECT template FROM outbox_mails WHERE recipient = ? AND template = 'verify_email'",
        email,
    )
    s.check(len(mails) == 1, "a verification mail is queued")
    s.finish()


def test_reset_a_forgotten_password(scenario: OpenScenario, hallway: Hallway) -> None:
    email = new_email("reset")
    hallway.create_user(email, PASSWORD)
    s = scenario()
    page = s.goto("/reset-password")

    s.step("ask for a reset link")
    page.fill("input[name=email]", email)
    page.click("button[type=submit]")
    s.check(
        appears(page.get_by_text("Please go to the link sent to your email")),
        "the page says a link was sent",
    )
    s.settle()
    mail = hallway.row(
        "SELECT context FROM outbox_mails WHERE recipient = ? AND template = 'reset_password'",
        email,
    )
    assert mail is not None, "a reset mail is queued"
    link = urlsplit(json.loads(mail["context"])["reset_url"])
    s.check(f"{link.scheme}://{link.netloc}" == s.frontend_url, "the link opens this frontend")

    s.step("follow the link and choose a new password")
    page = s.goto(f"{link.path}?{link.query}")
    page.fill("input[name=password]", "a new browser password")
    page.fill("input[name=password_repeat]", "a new browser password")
    page.click("button[type=submit]")
    s.check(
        appears(page.get_by_text("Your password has been reset successfully")),
        "the page says the password was reset",
    )
    s.settle()
    s.check(hallway.login(email, "a new browser password").status_code == 200, "new one works")
    s.check(hallway.login(email, PASSWORD).status_code == 401, "the old password no longer does")
    s.finish()


def test_edit_the_profile(scenario: OpenScenario, hallway: Hallway) -> None:
    email = new_email("profile")
    user_id = hallway.create_user(email, PASSWORD)
    s = scenario()
    log_in(s, email, PASSWORD)
    page = s.goto("/account/profile")

    s.step("change names and phone")
    page.fill("#name", "Ada")
    page.fill("#last_name", "Lovelace")
    page.fill("input[name=phone]", "+1 555 123 4567")
    page.get_by_role("button", name="Update Changes").click()
    s.settle()
    # (its "updated" toast may be gone by now: the form reloads the user after saving)
    s.check(appears(page.get_by_text("Ada Lovelace")), "the page shows the new name")
    row = hallway.row("SELECT first_name, last_name, contact FROM users WHERE id = ?", user_id)
    assert row is not None
    s.check(
        tuple(row) == ("Ada", "Lovelace", "+1 555 123 4567"),
        f"the profile is in the database ({tuple(row)})",
    )
    attributes = hallway.get_json(f"/v1/users/{user_id}", as_user=email)["data"]["attributes"]
    s.check(attributes["first-name"] == "Ada", "and the API returns it")
    s.finish()


def test_change_the_password(scenario: OpenScenario, hallway: Hallway) -> None:
    email = new_email("password")
    user_id = hallway.create_user(email, PASSWORD)
    s = scenario()
    log_in(s, email, PASSWORD)
    before = hallway.row("SELECT password_hash FROM users WHERE id = ?", user_id)
    page = s.goto("/account/password")

    s.step("change the password")
    page.fill("input[name=password_current]", PASSWORD)
    page.fill("input[name=password_new]", "another browser password")
    page.fill("input[name=password_repeat]", "another browser password")
    page.get_by_role("button", name="Save").click()
    s.check(appears(page.get_by_text("Password updated successfully")), "the page says it changed")
    s.settle()
    after = hallway.row("SELECT password_hash FROM users WHERE id = ?", user_id)
    s.check(before is not None and after is not None and before[0] != after[0], "hash changed")
    s.check(hallway.login(email, "another browser password").status_code == 200, "new one works")
    s.check(hallway.login(email, PASSWORD).status_code == 401, "the old password no longer does")
    s.finish()
