"""`/v1/custom-system-roles` and `/v1/panel-permissions`: the admin-panel roles (seeded
"Sales Admin" and "Marketer") and the panels they open (the sales panel). Admins read them;
the super admin creates, changes, links and deletes them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hallway.permissions.models import CustomSystemRole, PanelPermission, roles_panels
from tests.permissions.helpers import staff

PANELS = [
    "sales",
    "admin",
    "events",
    "sessions",
    "users",
    "permissions",
    "messages",
    "reports",
    "settings",
    "content",
]


def role_body(name: str, role_id: str | None = None, panels: list[str] | None = None) -> dict:
    data: dict = {"type": "custom-system-role", "attributes": {"name": name}}
    if role_id is not None:
        data["id"] = role_id
    if panels is not None:
        linked = [{"type": "panel-permission", "id": panel} for panel in panels]
        data["relationships"] = {"panel-permissions": {"data": linked}}
    return {"data": data}


def panel_body(name: str, can_access: bool = True, panel_id: str | None = None) -> dict:
    data: dict = {
        "type": "panel-permission",
        "attributes": {"panel-name": name, "can-access": can_access},
    }
    if panel_id is not None:
        data["id"] = panel_id
    return {"data": data}


async def counts(db) -> tuple[int, int, int]:
    async with db.sessions() as session:
        return (
            int(await session.scalar(select(func.count()).select_from(CustomSystemRole)) or 0),
            int(await session.scalar(select(func.count()).select_from(PanelPermission)) or 0),
            int(await session.scalar(select(func.count()).select_from(roles_panels)) or 0),
        )


async def seeded(client, headers) -> tuple[dict[str, str], dict[str, str]]:
    """Role name -> id and panel name -> id, as an admin reads them."""
    roles = await client.get("/v1/custom-system-roles", headers=headers["admin"])
    panels = await client.get(
        "/v1/panel-permissions", params={"page[size]": "0"}, headers=headers["admin"]
    )
    assert roles.status_code == panels.status_code == 200, roles.text + panels.text
    return (
        {item["attributes"]["name"]: item["id"] for item in roles.json()["data"]},
        {item["attributes"]["panel-name"]: item["id"] for item in panels.json()["data"]},
    )


async def test_admins_read_the_seeded_roles_panels_and_links(client, app_db):
    headers = await staff(client, app_db)
    roles, panels = await seeded(client, headers)
    assert set(roles) == {"Sales Admin", "Marketer"}
    assert sorted(panels) == sorted(PANELS)
    opened = await client.get(
        f"/v1/custom-system-roles/{roles['Marketer']}/panel-permissions", headers=headers["admin"]
    )
    assert opened.status_code == 200, opened.text
    assert [item["attributes"]["panel-name"] for item in opened.json()["data"]] == ["sales"]
    holders = await client.get(
        f"/v1/panel-permissions/{panels['sales']}/custom-system-roles", headers=headers["admin"]
    )
    assert {item["attributes"]["name"] for item in holders.json()["data"]} == set(roles)
    nobody = await client.get(
        f"/v1/panel-permissions/{panels['content']}/custom-system-roles", headers=headers["admin"]
    )
    assert nobody.json()["data"] == []


@pytest.mark.parametrize("path", ["custom-system-roles", "panel-permissions"])
@pytest.mark.parametrize("who", ["user", "anonymous"])
async def test_non_admins_read_no_panel_roles(client, app_db, path, who):
    headers = await staff(client, app_db)
    listed = await client.get(f"/v1/{path}", headers=headers[who])
    assert listed.status_code == 200, listed.text
    assert listed.json()["data"] == []
    any_id = (await client.get(f"/v1/{path}", headers=headers["admin"])).json()["data"][0]["id"]
    shown = await client.get(f"/v1/{path}/{any_id}", headers=headers[who])
    assert shown.status_code == 404, shown.text


async def test_the_super_admin_creates_a_role_opening_panels(client, app_db):
    headers = await staff(client, app_db)
    _, panels = await seeded(client, headers)
    response = await client.post(
        "/v1/custom-system-roles",
        json=role_body("Accountant", panels=[panels["sales"], panels["reports"]]),
        headers=headers["super"],
    )
    assert response.status_code == 201, response.text
    created = response.json()["data"]
    assert created["type"] == "custom-system-role"
    assert created["attributes"] == {"name": "Accountant"}
    opened = await client.get(
        f"/v1/custom-system-roles/{created['id']}/panel-permissions", headers=headers["admin"]
    )
    assert {item["attributes"]["panel-name"] for item in opened.json()["data"]} == {
        "sales",
        "reports",
    }
    assert await counts(app_db) == (3, 10, 4)


async def test_a_role_name_is_unique_and_not_empty(client, app_db):
    headers = await staff(client, app_db)
    taken = await client.post(
        "/v1/custom-system-roles", json=role_body("Marketer"), headers=headers["super"]
    )
    assert taken.status_code == 409, taken.text
    empty = await client.post(
        "/v1/custom-system-roles", json=role_body(""), headers=headers["super"]
    )
    assert empty.status_code == 422, empty.text
    assert await counts(app_db) == (2, 10, 2)


async def test_the_super_admin_renames_relinks_and_deletes_a_role(client, app_db):
    headers = await staff(client, app_db)
    roles, panels = await seeded(client, headers)
    marketer = roles["Marketer"]
    renamed = await client.patch(
        f"/v1/custom-system-roles/{marketer}",
        json=role_body("Manager", marketer),
        headers=headers["super"],
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["data"]["attributes"]["name"] == "Manager"
    linked = await client.patch(
        f"/v1/custom-system-roles/{marketer}/relationships/panel-permissions",
        json={"data": [{"type": "panel-permission", "id": panels["events"]}]},
        headers=headers["super"],
    )
    assert linked.status_code in (200, 204), linked.text
    opened = await client.get(
        f"/v1/custom-system-roles/{marketer}/panel-permissions", headers=headers["admin"]
    )
    assert [item["attributes"]["panel-name"] for item in opened.json()["data"]] == ["events"]
    deleted = await client.delete(f"/v1/custom-system-roles/{marketer}", headers=headers["super"])
    assert deleted.status_code == 200, deleted.text
    assert await counts(app_db) == (1, 10, 1)


@pytest.mark.parametrize(("who", "status"), [("admin", 403), ("user", 403), ("anonymous", 403)])
async def test_only_the_super_admin_writes_roles(client, app_db, who, status):
    headers = await staff(client, app_db)
    roles, _ = await seeded(client, headers)
    marketer = roles["Marketer"]
    attempts = [
        await client.post(
            "/v1/custom-system-roles", json=role_body("Accountant"), headers=headers[who]
        ),
        await client.patch(
            f"/v1/custom-system-roles/{marketer}",
            json=role_body("Manager", marketer),
            headers=headers[who],
        ),
        await client.patch(
            f"/v1/custom-system-roles/{marketer}/relationships/panel-permissions",
            json={"data": []},
            headers=headers[who],
        ),
        await client.delete(f"/v1/custom-system-roles/{marketer}", headers=headers[who]),
    ]
    for response in attempts:
        assert response.status_code in (status, 404), response.text
    assert await counts(app_db) == (2, 10, 2)
    assert set((await seeded(client, headers))[0]) == {"Sales Admin", "Marketer"}


async def test_the_super_admin_creates_changes_and_deletes_a_panel(client, app_db):
    headers = await staff(client, app_db)
    roles, _ = await seeded(client, headers)
    created = await client.post(
        "/v1/panel-permissions", json=panel_body("marketing"), headers=headers["super"]
    )
    assert created.status_code == 201, created.text
    panel = created.json()["data"]
    assert panel["attributes"] == {"panel-name": "marketing", "can-access": True}
    closed = await client.patch(
        f"/v1/panel-permissions/{panel['id']}",
        json=panel_body("marketing", False, panel["id"]),
        headers=headers["super"],
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["data"]["attributes"]["can-access"] is False
    linked = await client.patch(
        f"/v1/panel-permissions/{panel['id']}/relationships/custom-system-roles",
        json={"data": [{"type": "custom-system-role", "id": roles["Sales Admin"]}]},
        headers=headers["super"],
    )
    assert linked.status_code in (200, 204), linked.text
    assert await counts(app_db) == (2, 11, 3)
    deleted = await client.delete(f"/v1/panel-permissions/{panel['id']}", headers=headers["super"])
    assert deleted.status_code == 200, deleted.text
    assert await counts(app_db) == (2, 10, 2)


async def test_a_panel_without_a_name_is_refused(client, app_db):
    headers = await staff(client, app_db)
    body = {"data": {"type": "panel-permission", "attributes": {"can-access": True}}}
    response = await client.post("/v1/panel-permissions", json=body, headers=headers["super"])
    assert response.status_code == 422, response.text
    assert await counts(app_db) == (2, 10, 2)


@pytest.mark.parametrize(("who", "status"), [("admin", 403), ("user", 403), ("anonymous", 403)])
async def test_only_the_super_admin_writes_panels(client, app_db, who, status):
    headers = await staff(client, app_db)
    _, panels = await seeded(client, headers)
    sales = panels["sales"]
    attempts = [
        await client.post("/v1/panel-permissions", json=panel_body("x"), headers=headers[who]),
        await client.patch(
            f"/v1/panel-permissions/{sales}",
            json=panel_body("sales", False, sales),
            headers=headers[who],
        ),
        await client.patch(
            f"/v1/panel-permissions/{sales}/relationships/custom-system-roles",
            json={"data": []},
            headers=headers[who],
        ),
        await client.delete(f"/v1/panel-permissions/{sales}", headers=headers[who]),
    ]
    for response in attempts:
        assert response.status_code in (status, 404), response.text
    assert await counts(app_db) == (2, 10, 2)
    shown = await client.get(f"/v1/panel-permissions/{sales}", headers=headers["admin"])
    assert shown.json()["data"]["attributes"]["can-access"] is True
