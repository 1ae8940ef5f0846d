"""`/v1/admin/statistics/{events,sessions,users,mails,groups}` (one object each, id 1) and
`/v1/admin/sales/{by-events,by-organizers,by-location,by-marketer,discounted,invoices,fees}`
(lists): read-only resources over the SELECTs of counts.py and sales.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hallway.adminstats.counts import COUNTED, SINGLETON_ID
from hallway.adminstats.figures import COLUMNS, sales_block
from hallway.adminstats.policy import sales_policy, statistics_policy
from hallway.adminstats.sales import (
    SalesByEvents,
    SalesByLocation,
    SalesByMarketer,
    SalesByOrganizers,
    SalesDiscounted,
    SalesFees,
    SalesInvoices,
)
from hallway.jsonapi import Resource

# Where each set of counts is served: /v1/admin/statistics/<plural>
PLURAL = {kind: f"{kind}s" for kind in ("event", "session", "user", "mail", "group")}
SALES = {"sales": sales_block}
PERSON = ("first_name", "last_name", "email")


def _fullname(row: Mapping[str, Any]) -> str | None:
    return " ".join(part for part in (row["first_name"], row["last_name"]) if part) or None


def _sent_to(row: Mapping[str, Any]) -> str | None:
    if row["email"] is None:
        return None
    name = _fullname(row)
    return f"{name} <{row['email']}>" if name else row["email"]


def statistics_resources() -> list[Resource]:
    return [
        Resource(
            type=f"admin-statistics-{kind}",
            path=f"admin/statistics/{PLURAL[kind]}",
            model=model,
            attributes=names,
            singleton=str(SINGLETON_ID),
            deletable=False,
            policy=statistics_policy,
        )
        for kind, (model, names) in COUNTED.items()
    ]


def _sales(path: str, model: type[Any], **declared: Any) -> Resource:
    return Resource(
        type=f"admin-sales-{path}",
        path=f"admin/sales/{path}",
        model=model,
        deletable=False,
        policy=sales_policy,
        **declared,
    )


def _by_events() -> Resource:
    return _sales(
        "by-events",
        SalesByEvents,
        attributes=(
            "identifier",
            "name",
            "created_at",
            "starts_at",
            "ends_at",
            "payment_currency",
            "payment_country",
            "type",
            "owner",
            "owner_id",
            *COLUMNS,
        ),
        computed=SALES,
        filters=("name", "starts_at", "ends_at", "payment_currency", "owner", "type"),
        sorts=("id", "name", "starts_at", "ends_at", "owner", "owner_id", "type", *COLUMNS),
    )


def sales_resources() -> list[Resource]:
    figures = {"write_only": COLUMNS, "computed": SALES}
    return [
        _by_events(),
        _sales(
            "by-organizers",
            SalesByOrganizers,
            attributes=PERSON,
            filters=PERSON,
            sorts=("id", *PERSON),
            **figures,
        ),
        _sales(
            "by-location",
            SalesByLocation,
            attributes=("location_name",),
            filters=("location_name",),
            sorts=("id", "location_name"),
            **figures,
        ),
        _sales(
            "by-marketer",
            SalesByMarketer,
            attributes=("email",),
            write_only=("first_name", "last_name", *COLUMNS),
            computed={"fullname": _fullname, **SALES},
            filters=("email",),
            sorts=("id", "email"),
        ),
        _sales(
            "discounted",
            SalesDiscounted,
            attributes=("code", "email", "event_name", "payment_currency"),
            filters=("code", "email", "event_name"),
            sorts=("id", "code", "email", "event_name"),
            **figures,
        ),
        _sales(
            "invoices",
            SalesInvoices,
            attributes=(
                "identifier",
                "status",
                "amount",
                "created_at",
                "completed_at",
                "event_name",
            ),
            write_only=PERSON,
            computed={"sent_to": _sent_to},
            filters=("identifier", "status", "event_name"),
            sorts=("id", "identifier", "status", "amount", "created_at", "completed_at"),
        ),
        _sales(
            "fees",
            SalesFees,
            attributes=(
                "name",
                "payment_currency",
                "event_date",
                "fee_percentage",
                "maximum_fee",
                "revenue",
                "ticket_count",
            ),
            filters=("name", "payment_currency"),
            sorts=("id", "name", "event_date", "revenue", "ticket_count"),
        ),
    ]
