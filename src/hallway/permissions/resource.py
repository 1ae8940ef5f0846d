"""`/v1/services` and `/v1/event-role-permissions` (the role-by-service matrix: read and
changed, never created or deleted), `/v1/custom-system-roles` and `/v1/panel-permissions`
(with each other's lists under them). Admins read them; the super admin changes them."""

from __future__ import annotations

from hallway.jsonapi import Resource, ToMany, ToOne
from hallway.permissions.models import (
    CustomSystemRole,
    EventRolePermission,
    PanelPermission,
    Service,
)
from hallway.permissions.policy import edited_by_super_admin
from hallway.permissions.schemas import (
    CustomSystemRoleCreate,
    CustomSystemRoleUpdate,
    EventRolePermissionUpdate,
    PanelPermissionCreate,
    PanelPermissionUpdate,
    ServiceUpdate,
)


def service_resource() -> Resource:
    return Resource(
        type="service",
        model=Service,
        update=ServiceUpdate,
        deletable=False,
        filters=("name",),
        sorts=("name", "id"),
        policy=edited_by_super_admin,
    )


def event_role_permission_resource() -> Resource:
    return Resource(
        type="event-role-permissions",
        path="event-role-permissions",
        also_written_as=("event-role-permission",),
        model=EventRolePermission,
        update=EventRolePermissionUpdate,
        deletable=False,
        relationships={"role": ToOne("role"), "service": ToOne("service")},
        filters=("can_create", "can_read", "can_update", "can_delete", "role", "service"),
        sorts=("id",),
        policy=edited_by_super_admin,
    )


def custom_system_role_resource() -> Resource:
    return Resource(
        type="custom-system-role",
        model=CustomSystemRole,
        create=CustomSystemRoleCreate,
        update=CustomSystemRoleUpdate,
        relationships={"panel_permissions": ToMany("panel-permission", writable=True)},
        filters=("name", "panel_permissions"),
        sorts=("name", "id"),
        policy=edited_by_super_admin,
    )


def panel_permission_resource() -> Resource:
    return Resource(
        type="panel-permission",
        model=PanelPermission,
        create=PanelPermissionCreate,
        update=PanelPermissionUpdate,
        relationships={"custom_system_roles": ToMany("custom-system-role", writable=True)},
        filters=("panel_name", "can_access", "custom_system_roles"),
        sorts=("panel_name", "id"),
        policy=edited_by_super_admin,
    )


def permission_resources() -> list[Resource]:
    return [
        service_resource(),
        event_role_permission_resource(),
        custom_system_role_resource(),
        panel_permission_resource(),
    ]
