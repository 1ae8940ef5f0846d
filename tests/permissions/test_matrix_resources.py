"""`/v1/services` and `/v1/event-role-permissions`: seeded by migration, read by admins,
changed by the super admin only; never created or deleted through the API."""

from __future__ import annotations

import pytest

from tests.permissions.helpers import flags_body, matrix_id, matrix_row, staff

SERVICES = ["microlocation", "session", "speaker", "sponsor", "track"]
ROLES = 7


async def test_admins_list_the_five_seeded_services(client, app_db):
    headers = await staff(client, app_db)
    response = await client.get("/v1/services", params={"sort": "name"}, headers=headers["admin"])
    assert response.status_code == 200, response.text
    document = response.json()
    assert [item["attributes"]["name"] for item in document["data"]] == SERVICES
    assert document["meta"]["count"] == 5
    assert {item["type"] for item in document["data"]} == {"service"}


async def test_plain_users_see_no_services(client, app_db):
    headers = await staff(client, app_db)
    response = await client.get("/v1/services", headers=headers["user"])
    assert response.status_code == 200
    assert response.json()["data"] == []


@pytest.mark.parametrize("who", ["user", "anonymous"])
async def test_a_service_is_not_shown_to_non_admins(client, app_db, who):
    headers = await staff(client, app_db)
    listed = await client.get("/v1/services", headers=headers["admin"])
    service_id = listed.json()["data"][0]["id"]
    response = await client.get(f"/v1/services/{service_id}", headers=headers[who])
    assert response.status_code == 404, response.text
    assert "errors" in response.json()


async def test_the_super_admin_keeps_a_service_name_and_may_not_invent_one(client, app_db):
    headers = await staff(client, app_db)
    listed = await client.get(
        "/v1/services",
        params={"filter": '[{"name": "name", "op": "eq", "val": "track"}]'},
        headers=headers["admin"],
    )
    (track,) = listed.json()["data"]
    same = {"data": {"type": "service", "id": track["id"], "attributes": {"name": "track"}}}
    response = await client.patch(
        f"/v1/services/{track['id']}", json=same, headers=headers["super"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["name"] == "track"
    invented = {"data": {"type": "service", "id": track["id"], "attributes": {"name": "ticket"}}}
    response = await client.patch(
        f"/v1/services/{track['id']}", json=invented, headers=headers["super"]
    )
    assert response.status_code == 422, response.text
    taken = {"data": {"type": "service", "id": track["id"], "attributes": {"name": "session"}}}
    response = await client.patch(
        f"/v1/services/{track['id']}", json=taken, headers=headers["super"]
    )
    assert response.status_code == 409, response.text
    again = await client.get(f"/v1/services/{track['id']}", headers=headers["admin"])
    assert again.json()["data"]["attributes"]["name"] == "track"


@pytest.mark.parametrize(("who", "status"), [("admin", 403), ("user", 403), ("anonymous", 403)])
async def test_only_the_super_admin_changes_a_service(client, app_db, who, status):
    headers = await staff(client, app_db)
    listed = await client.get("/v1/services", headers=headers["admin"])
    service_id = listed.json()["data"][0]["id"]
    body = {"data": {"type": "service", "id": service_id, "attributes": {"name": "track"}}}
    response = await client.patch(f"/v1/services/{service_id}", json=body, headers=headers[who])
    assert response.status_code in (status, 404), response.text
    after = await client.get(f"/v1/services/{service_id}", headers=headers["admin"])
    assert after.json()["data"] == listed.json()["data"][0]


async def test_services_are_neither_created_nor_deleted(client, app_db):
    headers = await staff(client, app_db)
    body = {"data": {"type": "service", "attributes": {"name": "track"}}}
    created = await client.post("/v1/services", json=body, headers=headers["super"])
    assert created.status_code == 405, created.text
    listed = await client.get("/v1/services", headers=headers["admin"])
    service_id = listed.json()["data"][0]["id"]
    deleted = await client.delete(f"/v1/services/{service_id}", headers=headers["super"])
    assert deleted.status_code == 405, deleted.text
    assert len((await client.get("/v1/services", headers=headers["admin"])).json()["data"]) == 5


async def test_admins_read_the_whole_matrix_with_roles_and_services(client, app_db):
    headers = await staff(client, app_db)
    response = await client.get(
        "/v1/event-role-permissions",
        params={"include": "role,service", "page[size]": "0"},
        headers=headers["admin"],
    )
    assert response.status_code == 200, response.text
    document = response.json()
    assert document["meta"]["count"] == 5 * ROLES
    names = {(i["type"], i["attributes"]["name"]) for i in document["included"]}
    assert {name for kind, name in names if kind == "service"} == set(SERVICES)
    track_organizer = await matrix_id(app_db, "track_organizer", "track")
    (row,) = [item for item in document["data"] if item["id"] == str(track_organizer)]
    assert row["type"] == "event-role-permissions"
    assert row["attributes"] == {
        "can-create": False,
        "can-read": False,
        "can-update": True,
        "can-delete": True,
    }


async def test_the_matrix_is_filtered_by_a_flag(client, app_db):
    headers = await staff(client, app_db)
    response = await client.get(
        "/v1/event-role-permissions",
        params={
            "filter": '[{"name": "can-create", "op": "eq", "val": true}]',
            "page[size]": "0",
        },
        headers=headers["admin"],
    )
    assert response.status_code == 200, response.text
    assert response.json()["meta"]["count"] == 3 * 5  # owner, organizer, co-organizer


@pytest.mark.parametrize("who", ["user", "anonymous"])
async def test_non_admins_do_not_read_the_matrix(client, app_db, who):
    headers = await staff(client, app_db)
    listed = await client.get("/v1/event-role-permissions", headers=headers[who])
    assert listed.status_code == 200, listed.text
    assert listed.json()["data"] == []
    row = await matrix_id(app_db, "owner", "track")
    shown = await client.get(f"/v1/event-role-permissions/{row}", headers=headers[who])
    assert shown.status_code == 404, shown.text


async def test_the_super_admin_changes_a_matrix_row(client, app_db):
    headers = await staff(client, app_db)
    row = await matrix_id(app_db, "registrar", "session")
    response = await client.patch(
        f"/v1/event-role-permissions/{row}",
        json=flags_body(row, can_read=True, can_update=True),
        headers=headers["super"],
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["can-update"] is True
    assert await matrix_row(app_db, "registrar", "session") == (False, True, True, False)
    role = await client.get(f"/v1/event-role-permissions/{row}/role", headers=headers["admin"])
    assert role.json()["data"]["attributes"]["name"] == "registrar"


async def test_a_matrix_row_saved_under_its_singular_type_is_changed(client, app_db):
    """The admin's event roles page names each row by its model name (`event-role-permission`)
    when it saves it; any other type is still refused."""
    headers = await staff(client, app_db)
    row = await matrix_id(app_db, "registrar", "session")
    singular = flags_body(row, can_read=True)
    singular["data"]["type"] = "event-role-permission"
    other = flags_body(row, can_delete=True)
    other["data"]["type"] = "event-role"

    saved = await client.patch(
        f"/v1/event-role-permissions/{row}", json=singular, headers=headers["super"]
    )
    refused = await client.patch(
        f"/v1/event-role-permissions/{row}", json=other, headers=headers["super"]
    )

    assert saved.status_code == 200, saved.text
    assert saved.json()["data"]["type"] == "event-role-permissions"
    assert refused.status_code == 409
    assert await matrix_row(app_db, "registrar", "session") == (False, True, False, False)


@pytest.mark.parametrize(("who", "status"), [("admin", 403), ("user", 403), ("anonymous", 403)])
async def test_only_the_super_admin_changes_the_matrix(client, app_db, who, status):
    headers = await staff(client, app_db)
    row = await matrix_id(app_db, "coorganizer", "track")
    response = await client.patch(
        f"/v1/event-role-permissions/{row}",
        json=flags_body(row, can_create=False),
        headers=headers[who],
    )
    assert response.status_code in (status, 404), response.text
    assert await matrix_row(app_db, "coorganizer", "track") == (True, True, True, True)


@pytest.mark.parametrize("value", [None, "sometimes", 3])
async def test_a_flag_that_is_not_a_boolean_is_refused(client, app_db, value):
    headers = await staff(client, app_db)
    row = await matrix_id(app_db, "coorganizer", "track")
    body = flags_body(row)
    body["data"]["attributes"] = {"can-create": value}
    response = await client.patch(
        f"/v1/event-role-permissions/{row}", json=body, headers=headers["super"]
    )
    assert response.status_code == 422, response.text
    assert await matrix_row(app_db, "coorganizer", "track") == (True, True, True, True)


async def test_matrix_rows_are_neither_created_nor_deleted(client, app_db):
    headers = await staff(client, app_db)
    row = await matrix_id(app_db, "owner", "track")
    body = {"data": {"type": "event-role-permissions", "attributes": {"can-read": True}}}
    created = await client.post("/v1/event-role-permissions", json=body, headers=headers["super"])
    assert created.status_code == 405, created.text
    deleted = await client.delete(f"/v1/event-role-permissions/{row}", headers=headers["super"])
    assert deleted.status_code == 405, deleted.text
    assert await matrix_row(app_db, "owner", "track") == (True, True, True, True)
