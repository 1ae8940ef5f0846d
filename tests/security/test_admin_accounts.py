"""A plain admin cannot take over another admin's account: only a super admin changes another
admin's e-mail address (a reset mailed to the new address would hand over the password)."""

from __future__ import annotations

from hallway.users.models import User
from tests.appfixtures import jwt, login, make_user


def _email(user_id: int, email: str) -> dict:
    return {"data": {"type": "user", "id": str(user_id), "attributes": {"email": email}}}


async def _stored_email(app_db, user_id: int) -> str:
    async with app_db.sessions() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return user.email


async def test_a_plain_admin_cannot_change_another_admins_email(client, app_db, mailbox):
    await make_user(app_db, "plain@example.com", is_admin=True)
    other = await make_user(app_db, "other-admin@example.com", is_admin=True)
    plain = jwt(await login(client, "plain@example.com"))

    refused = await client.patch(
        f"/v1/users/{other.id}", headers=plain, json=_email(other.id, "mine@example.com")
    )

    assert refused.status_code == 403
    assert refused.json()["errors"][0]["source"] == {"pointer": "/data/attributes/email"}
    assert await _stored_email(app_db, other.id) == "other-admin@example.com"


async def test_a_super_admin_may_and_a_plain_admin_may_for_users(client, app_db, mailbox):
    await make_user(app_db, "super@example.com", is_admin=True, is_super_admin=True)
    await make_user(app_db, "plain@example.com", is_admin=True)
    other = await make_user(app_db, "other-admin@example.com", is_admin=True)
    user = await make_user(app_db, "user@example.com")
    root = jwt(await login(client, "super@example.com"))
    plain = jwt(await login(client, "plain@example.com"))

    by_super = await client.patch(
        f"/v1/users/{other.id}", headers=root, json=_email(other.id, "moved@example.com")
    )
    by_admin = await client.patch(
        f"/v1/users/{user.id}", headers=plain, json=_email(user.id, "user2@example.com")
    )

    assert by_super.status_code == 200
    assert by_admin.status_code == 200
    assert await _stored_email(app_db, other.id) == "moved@example.com"
    assert await _stored_email(app_db, user.id) == "user2@example.com"


async def test_an_admin_still_changes_their_own_email(client, app_db, mailbox):
    me = await make_user(app_db, "plain@example.com", is_admin=True)
    token = jwt(await login(client, "plain@example.com"))

    own = await client.patch(
        f"/v1/users/{me.id}", headers=token, json=_email(me.id, "plain2@example.com")
    )

    assert own.status_code == 200
    assert await _stored_email(app_db, me.id) == "plain2@example.com"
