"""Statement-guard seeds of the matrix and the admin-panel roles (the shared clean-up puts
these seeded tables back as migrated after each test)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.permissions.models import (
    CustomSystemRole,
    EventRolePermission,
    PanelPermission,
    Service,
    roles_panels,
)
from hallway.roles.models import Role
from tests.seeding import PREFIX, Factory, _added, _tags


async def services(session: AsyncSession, n: int) -> list[Service]:
    return await _added(session, [Service(name=f"{PREFIX}-service-{t}") for t in _tags(n)])


async def matrix_rows(session: AsyncSession, n: int) -> None:
    """n rows of the owner role, each on a service of its own."""
    owner = await session.scalar(select(Role.id).where(Role.name == "owner"))
    made = await services(session, n)
    await _added(
        session,
        [EventRolePermission(role_id=owner, service_id=s.id, can_read=True) for s in made],
    )


async def panel_roles(session: AsyncSession, n: int) -> None:
    """n custom system roles, each opening a panel of its own; the seeded panels no role
    opens are opened by the first of them (so every listed panel has roles to include)."""
    tags = _tags(n)
    panels = await _added(session, [PanelPermission(panel_name=f"{PREFIX}-{t}") for t in tags])
    made = await _added(
        session,
        [
            CustomSystemRole(name=f"{PREFIX}-role-{t}", panel_permissions=[panel])
            for t, panel in zip(tags, panels, strict=True)
        ],
    )
    unopened = select(PanelPermission.id).where(
        PanelPermission.id.not_in(select(roles_panels.c.panel_permission_id))
    )
    for panel_id in list(await session.scalars(unopened)):
        await session.execute(
            insert(roles_panels).values(
                custom_system_role_id=made[0].id, panel_permission_id=panel_id
            )
        )


FACTORIES: dict[str, Factory] = {
    "service": Factory(services, public=False),
    "event-role-permissions": Factory(matrix_rows, public=False),
    "custom-system-role": Factory(panel_roles, public=False),
    "panel-permission": Factory(panel_roles, public=False),
}
