"""Imports every domain once: its models (for Alembic), its resources, what it attaches to
other domains' resources, and its custom routes."""

from __future__ import annotations

from fastapi import FastAPI

from hallway import health, system
from hallway.activity import recorder as activity_recorder
from hallway.activity.resource import activity_attachments, activity_resource
from hallway.adminstats import routes as adminstats_routes
from hallway.adminstats.resource import sales_resources
from hallway.adminstats.resource import statistics_resources as admin_statistics_resources
from hallway.badges import routes as badge_routes
from hallway.badges.resource import badge_attachments, badge_resources
from hallway.codes import routes as code_routes
from hallway.codes.resource import code_attachments, code_resources
from hallway.copies import routes as copy_routes
from hallway.db import Base
from hallway.events import routes as event_routes
from hallway.events.resource import copyright_resource, event_attachments, event_resource
from hallway.exports import importjobs as import_job_routes
from hallway.exports import platformroutes as platform_export_routes
from hallway.exports import routes as export_routes
from hallway.faqs.resource import faq_attachments, faq_resources
from hallway.favourites import routes as favourite_routes
from hallway.favourites.resource import favourite_attachments, favourite_resources
from hallway.forms.resource import (
    custom_form_attachments,
    custom_form_option_resource,
    custom_form_resource,
    custom_form_translate_resource,
)
from hallway.groups.resource import follow_resource, group_attachments, group_resource
from hallway.invites import routes as invite_routes
from hallway.invites.resource import invite_attachments, role_invite_resource
from hallway.invoices import routes as invoice_routes
from hallway.invoices.resource import event_invoice_resource, invoice_attachments
from hallway.jsonapi import JsonApi
from hallway.links.resource import social_link_attachments, social_link_resource
from hallway.mailadmin.resource import mailadmin_attachments, mailadmin_resources
from hallway.notifications.resource import notification_attachments, notification_resource
from hallway.orders import actions as order_actions
from hallway.orders import downloads as order_downloads
from hallway.orders import routes as order_routes
from hallway.orders.resource import order_attachments, order_resources
from hallway.pages.resource import page_resource
from hallway.payments import routes as payment_routes
from hallway.payments.resource import payment_attachments, payment_resources
from hallway.permissions.resource import permission_resources
from hallway.planned import planned_relationships
from hallway.program import routes as program_routes
from hallway.program.resource import program_attachments, program_resources
from hallway.roles.resource import (
    role_attachments,
    role_resource,
    user_permission_resource,
    users_events_roles_resource,
)
from hallway.schedules import routes as schedule_routes
from hallway.schedules.resource import schedule_attachments
from hallway.sessions import routes as session_routes
from hallway.sessions.resource import session_attachments, session_resources
from hallway.settings.resource import setting_resource
from hallway.sponsors import routes as sponsor_routes
from hallway.sponsors.resource import sponsor_attachments, sponsor_resources
from hallway.stations import routes as station_routes
from hallway.stations.resource import station_attachments, station_resources
from hallway.statistics.resource import statistics_attachments, statistics_resources
from hallway.taxonomy.resource import taxonomy_resources
from hallway.tickets import routes as ticket_routes
from hallway.tickets.resource import ticket_attachments, ticket_resources
from hallway.uploads import router as upload_router
from hallway.uploads.options import public_origin
from hallway.uploads.sizes_resource import image_size_resources
from hallway.users import alternate_routes
from hallway.users import routes as user_routes
from hallway.users.alternate_emails import user_email_attachments, user_email_resource
from hallway.users.authentication import authenticate
from hallway.users.resource import user_resource

metadata = Base.metadata


def register_all(app: FastAPI, api: JsonApi) -> None:
    """Custom routes first (they win over the engine's catch-all), then resources."""
    api.authenticate = authenticate
    for router in (
        system.router,
        health.router,
        user_routes.router,
        alternate_routes.router,
        export_routes.router,
        platform_export_routes.router,
        import_job_routes.router,
        event_routes.router,
        copy_routes.router,
        schedule_routes.router,
        program_routes.router,
        sponsor_routes.router,
        ticket_routes.router,
        code_routes.router,
        order_routes.router,
        order_actions.router,
        order_actions.attendee_router,
        station_routes.router,
        station_routes.station_router,
        order_downloads.router,
        invoice_routes.router,
        payment_routes.router,
        invite_routes.router,
        session_routes.router,
        session_routes.speaker_router,
        session_routes.invite_router,
        favourite_routes.router,
        upload_router,
        adminstats_routes.router,
        badge_routes.router,
    ):
        app.include_router(router)
    for resource in (
        user_resource(),
        notification_resource(),
        role_resource(),
        user_permission_resource(),
        event_resource(),
        copyright_resource(),
        users_events_roles_resource(),
        *permission_resources(),
        *taxonomy_resources(),
        setting_resource(),
        group_resource(),
        follow_resource(),
        page_resource(),
        *statistics_resources(),
        *program_resources(),
        *faq_resources(),
        custom_form_resource(),
        custom_form_option_resource(),
        custom_form_translate_resource(),
        *sponsor_resources(),
        social_link_resource(),
        *ticket_resources(),
        *code_resources(),
        *order_resources(),
        *station_resources(),
        event_invoice_resource(),
        *payment_resources(),
        role_invite_resource(),
        *session_resources(),
        *favourite_resources(),
        *admin_statistics_resources(),
        *sales_resources(),
        user_email_resource(),
        *mailadmin_resources(),
        *badge_resources(),
        *image_size_resources(),
        activity_resource(),
    ):
        api.register(resource)
    api.attach(
        *notification_attachments(),
        *role_attachments(),
        *event_attachments(),
        *group_attachments(),
        *statistics_attachments(),
        *program_attachments(),
        *faq_attachments(),
        *custom_form_attachments(),
        *sponsor_attachments(),
        *social_link_attachments(),
        *ticket_attachments(),
        *code_attachments(),
        *order_attachments(),
        *station_attachments(),
        *invoice_attachments(),
        *payment_attachments(),
        *invite_attachments(),
        *session_attachments(),
        *favourite_attachments(),
        *schedule_attachments(public_origin(app.state.settings)),
        *user_email_attachments(),
        *mailadmin_attachments(),
        *badge_attachments(),
        *activity_attachments(),
    )
    api.plan(*planned_relationships())
    activity_recorder.name_types({r.model: r.type for r in api.resources.values()})
