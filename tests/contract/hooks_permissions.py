"""Setup hooks for the Services, Event Role Permission, Custom System Roles and Panel
Permissions groups: seeded by migration, read by admins, changed by the super admin."""

from __future__ import annotations

from httpx import AsyncClient

from tests.appfixtures import jwt
from tests.contract.scene import Account, Plan, Scene, hook


async def _super_admin(scene: Scene) -> Account:
    return await scene.account(is_admin=True, is_super_admin=True)


async def _first(client: AsyncClient, token: str, path: str, **where: str) -> str:
    """The id of the first seeded row of `path` whose attributes match `where`."""
    response = await client.get(path, params={"page[size]": "0"}, headers=jwt(token))
    assert response.status_code == 200, f"setup: GET {path}: {response.text[:300]}"
    for item in response.json()["data"]:
        if all(item["attributes"].get(k) == v for k, v in where.items()):
            return str(item["id"])
    raise AssertionError(f"setup: no seeded row of {path} matches {where}")


@hook("Services::List Services", requires=("service",))
@hook("Event Role Permission::List Event Role Permissions", requires=("event-role-permissions",))
@hook("Custom System Roles::List All Custom System Roles", requires=("custom-system-role",))
@hook("Panel Permissions::List All Panel Permissions", requires=("panel-permission",))
async def an_admin_reads(scene: Scene) -> Plan:
    return Plan(token=(await scene.admin()).token)


@hook("Custom System Roles::Create Custom System Role", requires=("custom-system-role",))
@hook("Panel Permissions::Create Panel Permission", requires=("panel-permission",))
async def the_super_admin_creates(scene: Scene) -> Plan:
    return Plan(token=(await _super_admin(scene)).token)


async def _service(scene: Scene, account: Account) -> Plan:
    found = await _first(scene.client, account.token, "/v1/services", name="track")
    return Plan(token=account.token, params={"service_id": found}, ids={"service": found})


@hook("Services::Get Service Details", requires=("service",))
async def a_service(scene: Scene) -> Plan:
    return await _service(scene, await scene.admin())


@hook("Services::Update Service", requires=("service",))
async def the_super_admin_renames_a_service(scene: Scene) -> Plan:
    return await _service(scene, await _super_admin(scene))


async def _matrix_row(scene: Scene, account: Account) -> Plan:
    found = await _first(scene.client, account.token, "/v1/event-role-permissions")
    return Plan(
        token=account.token,
        params={"event_role_permissions_id": found},
        ids={"event-role-permissions": found},
    )


@hook(
    "Event Role Permission::Get Event Role Permission Details", requires=("event-role-permissions",)
)
async def a_matrix_row(scene: Scene) -> Plan:
    return await _matrix_row(scene, await scene.admin())


@hook("Event Role Permission::Update Event Role Permission", requires=("event-role-permissions",))
async def the_super_admin_changes_a_matrix_row(scene: Scene) -> Plan:
    return await _matrix_row(scene, await _super_admin(scene))


async def _role(scene: Scene, account: Account) -> Plan:
    found = await _first(scene.client, account.token, "/v1/custom-system-roles", name="Marketer")
    return Plan(
        token=account.token,
        params={"custom_system_role_id": found},
        ids={"custom-system-role": found},
    )


@hook("Custom System Roles::Get Details", requires=("custom-system-role",))
@hook(
    "Panel Permissions::Get Panel Permission Details for a Custom System Role",
    requires=("panel-permission",),
)
async def a_system_role(scene: Scene) -> Plan:
    return await _role(scene, await scene.admin())


@hook("Custom System Roles::Update Custom System Role", requires=("custom-system-role",))
@hook("Custom System Roles::Delete Custom Systen Role", requires=("custom-system-role",))
async def the_super_admin_changes_a_system_role(scene: Scene) -> Plan:
    return await _role(scene, await _super_admin(scene))


async def _panel(scene: Scene, account: Account) -> Plan:
    found = await _first(
        scene.client, account.token, "/v1/panel-permissions", **{"panel-name": "sales"}
    )
    return Plan(
        token=account.token,
        params={"panel_permission_id": found},
        ids={"panel-permission": found},
    )


@hook("Panel Permissions::Get Details", requires=("panel-permission",))
@hook(
    "Custom System Roles::Get Custom System Role Details for a Panel Permission",
    requires=("custom-system-role",),
)
async def a_panel(scene: Scene) -> Plan:
    return await _panel(scene, await scene.admin())


@hook("Panel Permissions::Update Panel Permission", requires=("panel-permission",))
@hook("Panel Permissions::Delete Panel Permission", requires=("panel-permission",))
async def the_super_admin_changes_a_panel(scene: Scene) -> Plan:
    return await _panel(scene, await _super_admin(scene))
