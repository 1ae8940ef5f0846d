"""The user resource: sign-up, who may read and change an account, privileges, deletion."""

from __future__ import annotations

from sqlalchemy import select

from hallway.users.models import User
from tests.appfixtures import JSONAPI, PASSWORD, jwt, login, make_user, settle


def signup(email: str, password: str = PASSWORD, **attributes) -> dict:
    return {
        "data": {"type": "user", "attributes": {"email": email, "password": password, **attributes}}
    }


async def stored(app_db, user_id: int) -> User | None:
    async with app_db.sessions() as session:
        return await session.get(User, user_id)


async def test_sign_up_creates_an_unverified_account(client, app_db):
    response = await client.post(
        "/v1/users",
        json=signup("new@example.com", first_name="Ann"),
        headers={"Content-Type": JSONAPI},
    )

    assert response.status_code == 201
    data = response.json()["data"]
    assert data["attributes"]["email"] == "new@example.com"
    assert data["attributes"]["first-name"] == "Ann"
    assert data["attributes"]["is-verified"] is False
    assert "password" not in data["attributes"] and "password-hash" not in data["attributes"]
    user = await stored(app_db, int(data["id"]))
    assert user.password_hash.startswith("$argon2")


async def test_sign_up_cannot_set_privileges_or_verification(client, app_db):
    response = await client.post(
        "/v1/users",
        json=signup("sly@example.com", is_verified=True, is_admin=True, is_super_admin=True),
        headers={"Content-Type": JSONAPI},
    )

    assert response.status_code == 201
    user = await stored(app_db, int(response.json()["data"]["id"]))
    assert (user.is_verified, user.is_admin, user.is_super_admin) == (False, False, False)


async def test_sign_up_with_a_taken_email_in_any_case_is_a_409(client, app_db):
    await make_user(app_db, "ann@example.com")

    response = await client.post(
        "/v1/users", json=signup("ANN@example.COM"), headers={"Content-Type": JSONAPI}
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/email"
    async with app_db.sessions() as session:
        assert len((await session.scalars(select(User))).all()) == 1


async def test_sign_up_rejects_a_short_password_and_a_bad_email(client, app_db):
    short = await client.post(
        "/v1/users", json=signup("a@example.com", "short"), headers={"Content-Type": JSONAPI}
    )
    bad = await client.post(
        "/v1/users", json=signup("not-an-email"), headers={"Content-Type": JSONAPI}
    )

    assert short.status_code == 422
    assert short.json()["errors"][0]["source"] == {"pointer": "/data/attributes/password"}
    assert bad.status_code == 422
    async with app_db.sessions() as session:
        assert (await session.scalars(select(User))).all() == []


async def test_an_account_is_visible_to_its_owner_and_admins_only(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    await make_user(app_db, "bob@example.com")
    await make_user(app_db, "root@example.com", is_admin=True)

    own = await client.get(
        f"/v1/users/{ann.id}", headers=jwt(await login(client, "ann@example.com"))
    )
    other = await client.get(
        f"/v1/users/{ann.id}", headers=jwt(await login(client, "bob@example.com"))
    )
    admin = await client.get(
        f"/v1/users/{ann.id}", headers=jwt(await login(client, "root@example.com"))
    )
    anonymous = await client.get(f"/v1/users/{ann.id}")

    assert own.status_code == 200 and admin.status_code == 200
    assert other.status_code == 404 and anonymous.status_code == 404


async def test_only_admins_list_users(client, app_db):
    await make_user(app_db, "ann@example.com")
    await make_user(app_db, "root@example.com", is_admin=True)

    plain = await client.get("/v1/users", headers=jwt(await login(client, "ann@example.com")))
    admin = await client.get("/v1/users", headers=jwt(await login(client, "root@example.com")))

    assert plain.status_code == 200 and plain.json()["data"] == []
    assert admin.json()["meta"]["count"] == 2


async def test_a_user_updates_their_own_profile(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    response = await client.patch(
        f"/v1/users/{ann.id}",
        headers=jwt(token),
        json={
            "data": {
                "type": "user",
                "id": str(ann.id),
                "attributes": {"first-name": "Ann", "company": "Hall Inc"},
            }
        },
    )

    assert response.status_code == 200
    assert (await stored(app_db, ann.id)).company == "Hall Inc"


async def test_a_user_cannot_change_someone_else(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    await make_user(app_db, "bob@example.com")

    response = await client.patch(
        f"/v1/users/{ann.id}",
        headers=jwt(await login(client, "bob@example.com")),
        json={"data": {"type": "user", "id": str(ann.id), "attributes": {"first-name": "Mallory"}}},
    )

    assert response.status_code == 404
    assert (await stored(app_db, ann.id)).first_name is None


async def test_a_user_cannot_grant_themselves_privileges(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    for flag in ("is-admin", "is-super-admin", "is-sales-admin", "is-marketer", "is-blocked"):
        response = await client.patch(
            f"/v1/users/{ann.id}",
            headers=jwt(token),
            json={"data": {"type": "user", "id": str(ann.id), "attributes": {flag: True}}},
        )
        assert response.status_code == 403, flag
    user = await stored(app_db, ann.id)
    assert not (user.is_admin or user.is_super_admin or user.is_sales_admin or user.is_marketer)


async def test_an_admin_grants_roles_but_only_a_super_admin_makes_admins(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    await make_user(app_db, "admin@example.com", is_admin=True)
    await make_user(app_db, "root@example.com", is_admin=True, is_super_admin=True)
    admin = jwt(await login(client, "admin@example.com"))
    root = jwt(await login(client, "root@example.com"))

    def body(**attributes):
        return {"data": {"type": "user", "id": str(ann.id), "attributes": attributes}}

    marketer = await client.patch(
        f"/v1/users/{ann.id}", headers=admin, json=body(**{"is-marketer": True})
    )
    by_admin = await client.patch(
        f"/v1/users/{ann.id}", headers=admin, json=body(**{"is-admin": True})
    )
    by_root = await client.patch(
        f"/v1/users/{ann.id}", headers=root, json=body(**{"is-admin": True})
    )

    assert (marketer.status_code, by_admin.status_code, by_root.status_code) == (200, 403, 200)
    user = await stored(app_db, ann.id)
    assert user.is_marketer and user.is_admin


async def test_an_unchanged_privilege_flag_in_a_whole_model_save_is_accepted(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    response = await client.patch(
        f"/v1/users/{ann.id}",
        headers=jwt(token),
        json={
            "data": {
                "type": "user",
                "id": str(ann.id),
                "attributes": {"is-admin": False, "is-verified": True, "first-name": "A"},
            }
        },
    )

    assert response.status_code == 200


async def test_deleting_oneself_anonymises_the_account(client, app_db):
    ann = await make_user(app_db, "ann@example.com", first_name="Ann")
    token = await login(client, "ann@example.com")

    response = await client.delete(f"/v1/users/{ann.id}", headers=jwt(token))
    await settle()

    assert response.status_code == 200
    user = await stored(app_db, ann.id)
    assert user.deleted_at is not None
    assert "ann@example.com" not in user.email and user.first_name is None
    assert (await client.get(f"/v1/users/{ann.id}", headers=jwt(token))).status_code == 401


async def test_nobody_else_deletes_an_account(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    await make_user(app_db, "bob@example.com")

    response = await client.delete(
        f"/v1/users/{ann.id}", headers=jwt(await login(client, "bob@example.com"))
    )
    anonymous = await client.delete(f"/v1/users/{ann.id}")

    assert response.status_code == 404 and anonymous.status_code == 404
    assert (await stored(app_db, ann.id)).deleted_at is None


async def test_check_email_and_get_user_id(client, app_db):
    ann = await make_user(app_db, "ann@example.com")

    for path in ("/v1/users/check_email", "/v1/users/checkEmail"):
        taken = await client.post(path, json={"email": "ANN@example.com"})
        free = await client.post(path, json={"email": "zed@example.com"})
        assert taken.json() == {"exists": True} and free.json() == {"exists": False}
    assert (await client.post("/v1/users/check_email", json={})).status_code == 400

    token = await login(client, "ann@example.com")
    me = await client.get("/v1/users/user-details/get-user-id", headers=jwt(token))
    anonymous = await client.get("/v1/users/user-details/get-user-id")

    assert me.json() == {"user_id": str(ann.id)}
    assert anonymous.status_code == 401


async def test_planned_relationships_answer_empty_lists(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    token = await login(client, "ann@example.com")

    for name in ("events", "owner-events", "orders", "attendees", "notifications"):
        response = await client.get(f"/v1/users/{ann.id}/{name}", headers=jwt(token))
        assert response.status_code == 200, name
        assert response.json()["data"] == []
