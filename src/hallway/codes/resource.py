"""The `discount-code` and `access-code` resources, and what they attach: the codes of an
event, of a ticket and of a marketer (user)."""

from __future__ import annotations

from hallway.codes import service
from hallway.codes.models import (
    AccessCode,
    DiscountCode,
    access_codes_of_event,
    access_codes_of_ticket,
    access_codes_of_user,
    discount_codes_of_event,
    discount_codes_of_ticket,
    discount_codes_of_user,
)
from hallway.codes.policy import access_code_policy, discount_code_policy
from hallway.codes.schemas import (
    AccessCodeCreate,
    AccessCodeUpdate,
    DiscountCodeCreate,
    DiscountCodeUpdate,
)
from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate

FILTERS = ("code", "is_active", "valid_from", "valid_till", "deleted_at", "event", "tickets")
SORTS = ("code", "valid_from", "valid_till", "created_at")


def discount_code_resource() -> Resource:
    return Resource(
        type="discount-code",
        model=DiscountCode,
        soft_delete=True,
        create=DiscountCodeCreate,
        update=DiscountCodeUpdate,
        relationships={
            "event": ToOne("event", writable=True),
            "tickets": ToMany("ticket", writable=True),
            "marketer": ToOne("user"),
            # The events a platform code applies to (a discount on their invoices): it waits
            # for platform codes to be applied to invoices.
            "events": ToMany("event", planned="platform-discount-code"),
        },
        write_only=("used",),
        filters=(*FILTERS, "type", "used_for", "value"),
        sorts=(*SORTS, "value"),
        policy=discount_code_policy,
        hooks=Hooks(
            build=service.build_discount_code,
            apply=service.apply_discount_code,
            before_create=service.check_discount_code,
            before_update=service.check_discount_code,
        ),
    )


def access_code_resource() -> Resource:
    return Resource(
        type="access-code",
        model=AccessCode,
        soft_delete=True,
        create=AccessCodeCreate,
        update=AccessCodeUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "tickets": ToMany("ticket", writable=True),
            "marketer": ToOne("user"),
        },
        write_only=("used",),
        filters=FILTERS,
        sorts=SORTS,
        policy=access_code_policy,
        hooks=Hooks(
            build=service.build_access_code,
            apply=service.apply_access_code,
            before_create=service.check_access_code,
            before_update=service.check_access_code,
        ),
    )


def code_resources() -> list[Resource]:
    return [discount_code_resource(), access_code_resource()]


def code_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            discount_codes=ToMany("discount-code", orm=discount_codes_of_event),
            access_codes=ToMany("access-code", orm=access_codes_of_event),
        ),
        relate(
            "ticket",
            discount_codes=ToMany("discount-code", orm=discount_codes_of_ticket),
            access_codes=ToMany("access-code", orm=access_codes_of_ticket),
        ),
        relate(
            "user",
            discount_codes=ToMany("discount-code", orm=discount_codes_of_user),
            access_codes=ToMany("access-code", orm=access_codes_of_user),
        ),
    ]
