"""Setup hooks for the Authentication, Users and Upload groups."""

from __future__ import annotations

from hallway.notifications.models import Notification
from tests.appfixtures import PASSWORD
from tests.contract.scene import Plan, Scene, hook, unique_email

# The Blueprint's login examples use these credentials; the hooks create that account.
DOC_EMAIL, DOC_PASSWORD = "email@example.com", "password"


# -- Authentication ------------------------------------------------------------------------------
@hook("Authentication::Authenticate and generate token")
@hook("Authentication::Authenticate with remember me")
@hook("Authentication::Authenticate with remember me for mobile")
async def documented_account_exists(scene: Scene) -> Plan:
    await scene.account(DOC_EMAIL, password=DOC_PASSWORD)
    return Plan()


@hook("Authentication::Generate fresh token")
@hook("Authentication::API to verify password of signed in account")
async def signed_in_as_documented_account(scene: Scene) -> Plan:
    account = await scene.account(DOC_EMAIL, password=DOC_PASSWORD)
    return Plan(token=account.token)


@hook("Authentication::Access Token Refresh for Web")
async def refresh_cookie_and_csrf(scene: Scene) -> Plan:
    """A remember-me login leaves the refresh cookie in the client; the CSRF header echoes
    the `csrf_refresh_token` cookie."""
    account = await scene.account()
    response = await scene.client.post(
        "/v1/auth/login",
        json={"email": account.email, "password": PASSWORD, "remember-me": True},
    )
    assert response.status_code == 200, f"setup: remember-me login: {response.text}"
    return Plan(headers={"X-CSRF-Token": scene.client.cookies["csrf_refresh_token"]})


@hook("Authentication::Access Token Refresh for mobile")
async def refresh_token_in_header(scene: Scene) -> Plan:
    account = await scene.account()
    response = await scene.client.post(
        "/v1/auth/login",
        json={
            "email": account.email,
            "password": PASSWORD,
            "remember-me": True,
            "include-in-response": True,
        },
    )
    assert response.status_code == 200, f"setup: mobile login: {response.text}"
    return Plan(token=response.json()["refresh_token"])


@hook("Authentication::Logout")
async def nothing_needed(scene: Scene) -> Plan:
    return Plan()


@hook("Authentication::Blacklist Tokens")
async def blacklist_needs_a_caller(scene: Scene) -> Plan:
    # The Blueprint shows no Authorization header, but the endpoint blacklists the caller's
    # tokens and needs a JWT in Open Event too (its Dredd hooks inject one into every request).
    return Plan(token=(await scene.account()).token)


# -- Users ---------------------------------------------------------------------------------------
@hook("Users::List All Users")
async def admin_lists_users(scene: Scene) -> Plan:
    await scene.account()
    return Plan(token=(await scene.admin()).token)


@hook("Users::Create User")
async def new_address(scene: Scene) -> Plan:
    return Plan(fields={"email": unique_email("signup")})


@hook("Users::Get Details")
@hook("Users::Update User")
@hook("Users::Delete User")
async def own_account(scene: Scene) -> Plan:
    account = await scene.account()
    return Plan(token=account.token, params={"user_id": account.id}, ids={"user": account.id})


@hook("Users::Get User Details for a Notification")
async def own_notification(scene: Scene) -> Plan:
    account = await scene.account()
    async with scene.db.sessions() as session, session.begin():
        notification = Notification(user_id=int(account.id), title="Welcome", message="Hi")
        session.add(notification)
    return Plan(token=account.token, params={"notification_id": str(notification.id)})


@hook("Users::Check if email is available")
async def documented_address_taken(scene: Scene) -> Plan:
    await scene.account("test@example.com")
    return Plan()


@hook("Users::Get User ID")
@hook("Upload::Upload an Image in temporary location")
async def signed_in(scene: Scene) -> Plan:
    return Plan(token=(await scene.account()).token)


# -- Upload --------------------------------------------------------------------------------------
@hook("Upload::Upload a File")
async def a_small_csv(scene: Scene) -> Plan:
    # The Blueprint's multipart body is a fragment (part headers, no content, no closing
    # boundary), so the file is built here; and it omits the Authorization header although
    # the endpoint needs a JWT in Open Event too.
    return Plan(
        token=(await scene.account()).token,
        files={"file": ("test.csv", b"name,city\nAda,London\n", "text/csv")},
    )
