"""Imports every domain once: its models (for Alembic), its resources and its custom routes."""

from __future__ import annotations

from fastapi import FastAPI

from hallway.db import Base
from hallway.events import models as _event_models  # noqa: F401
from hallway.jsonapi import JsonApi
from hallway.mail import models as _mail_models  # noqa: F401
from hallway.notifications import models as _notification_models  # noqa: F401
from hallway.roles import models as _role_models  # noqa: F401
from hallway.settings import models as _setting_models  # noqa: F401
from hallway.taxonomy import models as _taxonomy_models  # noqa: F401
from hallway.users import models as _user_models  # noqa: F401

metadata = Base.metadata


def register_all(app: FastAPI, api: JsonApi) -> None:
    """Custom routes first (they win over the engine's catch-all), then resources."""
    from hallway import health, system
    from hallway.auth import actor
    from hallway.auth import routes as auth_routes
    from hallway.events import routes as event_routes
    from hallway.events.copyright import copyright_resource
    from hallway.events.resource import event_attachments, event_resource
    from hallway.jobs import routes as job_routes
    from hallway.notifications.resource import notification_attachments, notification_resource
    from hallway.planned import planned_relationships
    from hallway.roles.resource import (
        role_attachments,
        role_resource,
        user_permission_resource,
        users_events_roles_resource,
    )
    from hallway.settings.resource import setting_resource
    from hallway.taxonomy.resource import taxonomy_resources
    from hallway.uploads import router as upload_router
    from hallway.users import routes as user_routes
    from hallway.users.resource import user_resource

    api.authenticate = actor.authenticate
    app.include_router(system.router)
    app.include_router(health.router)
    app.include_router(auth_routes.router)
    app.include_router(user_routes.router)
    app.include_router(job_routes.router)
    app.include_router(event_routes.router)
    app.include_router(upload_router)
    for resource in (
        user_resource(),
        notification_resource(),
        role_resource(),
        user_permission_resource(),
        event_resource(),
        copyright_resource(),
        users_events_roles_resource(),
        *taxonomy_resources(),
        setting_resource(),
    ):
        api.register(resource)
    api.attach(*notification_attachments(), *role_attachments(), *event_attachments())
    api.plan(*planned_relationships())
