"""Replay the Open Event API Blueprint's documented requests against the real app and compare
each answer with the documented one by shape (see compare.py). One test per action; the
per-group tally is printed at the end of the run (conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from hallway.db import Database
from tests.contract import (
    hooks_accounts,
    hooks_activity,
    hooks_admin,
    hooks_badges,
    hooks_events,
    hooks_exports,
    hooks_favourites,
    hooks_forms,
    hooks_groups,
    hooks_invites,
    hooks_invoices,
    hooks_mails,
    hooks_orders,
    hooks_pages,
    hooks_payments,
    hooks_permissions,
    hooks_program,
    hooks_sessions,
    hooks_settings,
    hooks_stations,
    hooks_tickets,
)
from tests.contract.blueprint import BLUEPRINT_DIR, BLUEPRINT_FILE, Transaction, load
from tests.contract.compare import compare
from tests.contract.scene import HOOKS, Plan, Scene, request_body

GROUPS = (
    "Authentication",
    "Users",
    "Events",
    "Event Types",
    "Event Topics",
    "Event Sub Topics",
    "Copyright",
    "Settings",
    "Upload",
    "Group",
    "Pages",
    "Microlocations",
    "Session Type",
    "Social Links",
    "Sponsors",
    "Exhibitors",
    "Tracks",
    "FAQ",
    "FAQ Types",
    "Video Streams",
    "Tickets",
    "Ticket Tags",
    "Tax",
    "Ticket Fees",
    "Discount Codes",
    "Access Codes",
    "Role Invites",
    "Users Events Roles",
    "Sessions",
    "Speakers",
    "Speakers Calls",
    "Feedback",
    "Orders",
    "Attendees",
    "Order Statistics",
    "Custom Forms",
    "Stations",
    "Station Store Paxs",
    "Users Check In",
    "Invoices",
    "Favourite Events",
    "Favourite Sessions",
    "Event Copy",
    "Stripe Authorization",
    "Admin Statistics",
    "Admin Sales",
    "Event Export",
    "Event Import",
    "Import Jobs",
    "Celery Tasks",
    "Mails",
    "Message Settings",
    "Email Notifications",
    "User Emails",
    "Badge Forms",
    "Image Size",
    "Services",
    "Event Role Permission",
    "Custom System Roles",
    "Panel Permissions",
    "Activity",
)
# Importing them registers their hooks.
HOOK_MODULES = (
    hooks_accounts,
    hooks_admin,
    hooks_badges,
    hooks_activity,
    hooks_events,
    hooks_exports,
    hooks_favourites,
    hooks_forms,
    hooks_groups,
    hooks_invites,
    hooks_invoices,
    hooks_mails,
    hooks_orders,
    hooks_pages,
    hooks_payments,
    hooks_permissions,
    hooks_program,
    hooks_sessions,
    hooks_settings,
    hooks_stations,
    hooks_tickets,
)

if not BLUEPRINT_FILE.is_file():
    pytest.skip(
        f"the Open Event API Blueprint is not at {BLUEPRINT_DIR} (a sibling checkout, "
        "../shared/openevent-api); set HALLWAY_BLUEPRINT_DIR to run the contract check",
        allow_module_level=True,
    )
TRANSACTIONS = load(GROUPS)


def _path(transaction: Transaction, plan: Plan) -> str:
    if plan.url is not None:
        return plan.url
    path = transaction.path_template
    for name in transaction.path_params:
        if name not in plan.params:
            pytest.fail(f"the setup hook gives no value for {{{name}}}", pytrace=False)
        path = path.replace(f"{{{name}}}", plan.params[name])
    return path


def _request(transaction: Transaction, plan: Plan) -> dict[str, Any]:
    """Method, URL, headers and body as documented, with the plan's real values put in."""
    documented = transaction.request
    headers = {k: v for k, v in documented.headers.items() if k.lower() != "authorization"}
    if "authorization" in {k.lower() for k in documented.headers} and plan.token is None:
        pytest.fail("the setup hook gives no token for a documented Authorization", pytrace=False)
    if plan.token is not None:
        headers["Authorization"] = f"JWT {plan.token}"
    headers.update(plan.headers)
    request: dict[str, Any] = {
        "method": transaction.method,
        "url": _path(transaction, plan),
        "headers": headers,
    }
    if plan.files is not None:
        headers.pop("Content-Type", None)
        request["files"] = plan.files
        return request
    body = request_body(transaction, plan)
    if body is not None:
        if not any(k.lower() == "content-type" for k in headers) and documented.media_type:
            headers["Content-Type"] = documented.media_type
        request["json"] = body
    return request


@pytest.mark.parametrize("transaction", TRANSACTIONS, ids=[t.id for t in TRANSACTIONS])
async def test_documented_action(
    transaction: Transaction, client: AsyncClient, app: FastAPI, app_db: Database
) -> None:
    hook = HOOKS.get(transaction.id)
    if hook is None:
        pytest.fail("no setup hook is written for this action", pytrace=False)
    if hook.skip:
        pytest.skip(hook.skip)
    registered = app.state.api.resources
    missing = [type_ for type_ in hook.requires if type_ not in registered]
    if missing:
        # Counted in the tally as not built; runs as soon as the resource is registered.
        pytest.skip(f"not built yet: Hallway registers no {', '.join(map(repr, missing))} resource")
    if hook.setup is None:
        pytest.fail(f"no setup hook yet for {', '.join(hook.requires)}", pytrace=False)
    plan = await hook.setup(Scene(client, app_db, app))

    response = await client.request(**_request(transaction, plan))

    documented = plan.body if plan.body is not None else transaction.response.json()
    if plan.corrected_type:
        documented = {**documented, "data": {**documented["data"], "type": plan.corrected_type}}
    problems = compare(
        response,
        status=plan.status or transaction.response.status or 200,
        documented_media=transaction.response.media_type,
        documented=documented,
    )
    if problems:
        note = f" [{plan.note}]" if plan.note else ""
        pytest.fail("; ".join(problems) + note, pytrace=False)


def test_every_documented_action_has_a_hook() -> None:
    documented = {t.id for t in TRANSACTIONS}
    assert sorted(documented - HOOKS.keys()) == []
    assert sorted(HOOKS.keys() - documented) == []
