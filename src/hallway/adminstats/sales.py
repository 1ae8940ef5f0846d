"""Sales across the platform, one read-only class per view, each mapped onto one SELECT that
aggregates orders (figures.py), so a page of any of them costs one statement plus its count.

Only live events count, and the orders of live events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.sql import Subquery

from hallway.adminstats.figures import COLUMNS, sums_by_status
from hallway.codes.models import DiscountCode
from hallway.db import Base
from hallway.events.models import Event
from hallway.invoices.models import EventInvoice
from hallway.orders.models import Order
from hallway.roles.models import Role, UsersEventsRoles
from hallway.tickets.fees import may_apply, preference
from hallway.tickets.models import TicketFee
from hallway.users.models import User

HOSTS = ("owner", "organizer")
_live_event = Event.deleted_at.is_(None)


def _per_event() -> Subquery:
    return (
        select(Order.event_id.label("event_id"), *sums_by_status())
        .group_by(Order.event_id)
        .subquery("sales_per_event")
    )


_event_sales = _per_event()


def _zeroed(figures: Subquery) -> list[Any]:
    return [func.coalesce(figures.c[name], 0).label(name) for name in COLUMNS]


def _summed(figures: Subquery) -> list[Any]:
    return [func.coalesce(func.sum(figures.c[name]), 0).label(name) for name in COLUMNS]


def event_kind() -> ColumnElement[str]:
    """`Hybrid`, `Online`, `Venue` or `To be announced`, from where the event takes place."""
    placed = and_(Event.location_name.is_not(None), Event.location_name != "")
    return case(
        (and_(Event.online.is_(True), placed), literal("Hybrid")),
        (Event.online.is_(True), literal("Online")),
        (placed, literal("Venue")),
        else_=literal("To be announced"),
    )


def _owner_of_event() -> Any:
    return (
        select(UsersEventsRoles.user_id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .where(Role.name == "owner", UsersEventsRoles.event_id == Event.id)
        .order_by(UsersEventsRoles.id)
        .limit(1)
        .correlate(Event)
        .scalar_subquery()
    )


def _by_events() -> Subquery:
    owner = _owner_of_event()
    owner_email = select(User.email).where(User.id == owner).correlate(Event).scalar_subquery()
    return (
        select(
            Event.id,
            Event.identifier,
            Event.name,
            Event.created_at,
            Event.starts_at,
            Event.ends_at,
            Event.payment_currency,
            Event.payment_country,
            event_kind().label("type"),
            owner_email.label("owner"),
            owner.label("owner_id"),
            *_zeroed(_event_sales),
        )
        .select_from(Event)
        .outerjoin(_event_sales, _event_sales.c.event_id == Event.id)
        .where(_live_event)
        .subquery("admin_sales_by_events")
    )


def _by_organizers() -> Subquery:
    """Each owner or organizer, with the sales of the events they host (each event once)."""
    hosting = (
        select(UsersEventsRoles.user_id, UsersEventsRoles.event_id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .join(Event, Event.id == UsersEventsRoles.event_id)
        .where(Role.name.in_(HOSTS), _live_event)
        .distinct()
        .subquery("hosting")
    )
    return (
        select(User.id, User.first_name, User.last_name, User.email, *_summed(_event_sales))
        .join(hosting, hosting.c.user_id == User.id)
        .outerjoin(_event_sales, _event_sales.c.event_id == hosting.c.event_id)
        .where(User.deleted_at.is_(None))
        .group_by(User.id, User.first_name, User.last_name, User.email)
        .subquery("admin_sales_by_organizers")
    )


def _by_location() -> Subquery:
    """Per place named by live events (its id: the first such event's)."""
    return (
        select(func.min(Event.id).label("id"), Event.location_name, *_summed(_event_sales))
        .outerjoin(_event_sales, _event_sales.c.event_id == Event.id)
        .where(_live_event, Event.location_name.is_not(None), Event.location_name != "")
        .group_by(Event.location_name)
        .subquery("admin_sales_by_location")
    )


def _by_marketer() -> Subquery:
    """Each user credited as the marketer of orders, with those orders."""
    return (
        select(User.id, User.first_name, User.last_name, User.email, *sums_by_status())
        .join(Order, Order.marketer_id == User.id)
        .join(Event, and_(Event.id == Order.event_id, _live_event))
        .group_by(User.id, User.first_name, User.last_name, User.email)
        .subquery("admin_sales_by_marketer")
    )


def _discounted() -> Subquery:
    """Per event, discount code and marketer (or none), the orders made with that code; the
    id is the first such order's."""
    return (
        select(
            func.min(Order.id).label("id"),
            DiscountCode.code,
            User.email,
            Event.name.label("event_name"),
            Event.payment_currency,
            *sums_by_status(),
        )
        .select_from(Order)
        .join(DiscountCode, DiscountCode.id == Order.discount_code_id)
        .join(Event, and_(Event.id == Order.event_id, _live_event))
        .outerjoin(User, User.id == Order.marketer_id)
        .group_by(
            Order.event_id,
            Order.discount_code_id,
            Order.marketer_id,
            DiscountCode.code,
            User.email,
            Event.name,
            Event.payment_currency,
        )
        .subquery("admin_sales_discounted")
    )


def _invoices() -> Subquery:
    return (
        select(
            EventInvoice.id,
            EventInvoice.identifier,
            EventInvoice.status,
            EventInvoice.amount,
            EventInvoice.created_at,
            EventInvoice.completed_at,
            Event.name.label("event_name"),
            User.first_name,
            User.last_name,
            User.email,
        )
        .select_from(EventInvoice)
        .join(Event, Event.id == EventInvoice.event_id)
        .outerjoin(User, User.id == EventInvoice.user_id)
        .subquery("admin_sales_invoices")
    )


def _fee_of_event(column: Any) -> Any:
    """The ticket fee the event pays (tickets/fees.py)."""
    return (
        select(column)
        .where(may_apply(Event.payment_currency, Event.payment_country))
        .order_by(*preference())
        .limit(1)
        .correlate(Event)
        .scalar_subquery()
    )


def _fees() -> Subquery:
    """Per live event, its fee and what its completed orders bring in after the fee, which
    is a percentage of each order's amount, capped at the maximum when one is set."""
    events = (
        select(
            Event.id,
            Event.name,
            Event.payment_currency,
            Event.starts_at.label("event_date"),
            func.coalesce(_fee_of_event(TicketFee.service_fee), 0).label("fee_percentage"),
            func.coalesce(_fee_of_event(TicketFee.maximum_fee), 0).label("maximum_fee"),
        )
        .where(_live_event)
        .subquery("fee_events")
    )
    cut = Order.amount * events.c.fee_percentage / 100
    fee = case(
        (and_(events.c.maximum_fee > 0, cut > events.c.maximum_fee), events.c.maximum_fee),
        else_=cut,
    )
    return (
        select(
            *events.c,
            func.coalesce(func.sum(Order.quantity), 0).label("ticket_count"),
            func.coalesce(func.sum(Order.amount - fee), 0).label("revenue"),
        )
        .outerjoin(Order, and_(Order.event_id == events.c.id, Order.status == "completed"))
        .group_by(*events.c)
        .subquery("admin_sales_fees")
    )


def _mapped(name: str, rows: Subquery) -> type[Any]:
    return type(name, (Base,), {"__table__": rows, "__mapper_args__": {"primary_key": [rows.c.id]}})


SalesByEvents = _mapped("SalesByEvents", _by_events())
SalesByOrganizers = _mapped("SalesByOrganizers", _by_organizers())
SalesByLocation = _mapped("SalesByLocation", _by_location())
SalesByMarketer = _mapped("SalesByMarketer", _by_marketer())
SalesDiscounted = _mapped("SalesDiscounted", _discounted())
SalesInvoices = _mapped("SalesInvoices", _invoices())
SalesFees = _mapped("SalesFees", _fees())
