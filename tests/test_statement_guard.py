"""Queries are planned, for every list the app serves (ARCHITECTURE.md, habit 7).

The cases are collected from the resources registered on a real `create_app()`, so a resource
added later is covered without touching this file: every resource with a `list` action, without
an include and with each relationship it declares. With 20 seeded rows (each with its related
rows), `page[size]=1` and `page[size]=20` must cost the same number of SQL statements, as an
admin and, for public lists, anonymously. An include costs at most one statement over the plain
list, and a planned relationship (answered empty) none at all.

How this fails: reading an include (or anything else) once per row makes the 20-row page cost
19 statements more than the 1-row page, and a failure lists the statements of both. Reading an
include in one statement per related row breaks the equality the same way, and in two
statements where one would do breaks the "at most one" bound. A registered list resource
without a factory in tests/seeding.py fails with a message naming it; a singleton is skipped,
as it is never listed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient

from hallway.auth import tokens
from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from tests import (
    appfixtures,
    conftest,
    seeding,
    seeding_activity,
    seeding_adminstats,
    seeding_badges,
    seeding_mailadmin,
    seeding_nested,
    seeding_permissions,
)
from tests.appfixtures import jwt, make_user
from tests.conftest import StatementCounter
from tests.seeding import Factory, forget_seeded_extras, seed

# The real application's fixtures, as the per-domain conftest files provide them.
app, client, settings = appfixtures.app, appfixtures.client, appfixtures.settings
smtp, mailbox = appfixtures.smtp, appfixtures.mailbox

# Each domain's seed module brings the factories of its list resources.
FACTORIES: dict[str, Factory] = {
    **seeding.FACTORIES,
    **seeding_activity.FACTORIES,
    **seeding_adminstats.FACTORIES,
    **seeding_badges.FACTORIES,
    **seeding_mailadmin.FACTORIES,
    **seeding_permissions.FACTORIES,
}
NESTED = {**seeding_nested.NESTED, **seeding_mailadmin.NESTED, **seeding_activity.NESTED}
# Every event gets an activity, whichever factory seeds it (`event.activities` is included).
FACTORIES, NESTED = seeding_activity.covering(FACTORIES), seeding_activity.covering_seeds(NESTED)

ROWS = 20
ADMIN = "guard-admin@example.com"


def _registered() -> dict[str, Any]:
    """The resources of the application as it is served, by type."""
    url = conftest.test_database_url()
    built = create_app(Settings(database_url=url, secret_key="x" * 32, redis_url=None))
    return dict(built.state.api.resources)


RESOURCES = _registered()
LISTED = {t: r for t, r in RESOURCES.items() if "list" in r.actions}


@dataclass(frozen=True)
class Case:
    type: str
    include: str = ""  # a relationship's wire name; "" for the plain list
    caller: str = "admin"

    def __str__(self) -> str:
        return f"{LISTED[self.type].path}-{self.include or 'no-include'}-{self.caller}"


def _counted_cases() -> list[Case]:
    """Every list resource, plain and with each relationship it reads, per caller."""
    cases = []
    for type_, resource in LISTED.items():
        public = type_ in FACTORIES and FACTORIES[type_].public
        for caller in ("admin", "anonymous") if public else ("admin",):
            cases.append(Case(type_, "", caller))
            cases += [
                Case(type_, w, caller) for w, rel in resource.relations.items() if not rel.planned
            ]
    return cases


COUNTED = _counted_cases()
# Resources with planned relationships: those are checked together, on one seeded database.
WITH_PLANNED = [t for t, r in LISTED.items() if any(rel.planned for rel in r.relations.values())]


def _factory(type_: str) -> Factory:
    if type_ not in FACTORIES:
        pytest.fail(
            f"the list resource {type_!r} (/v1/{LISTED[type_].path}) has no seeding factory: "
            "add one to FACTORIES in tests/seeding.py (n rows, each with the related rows of "
            "every relationship) so that its statement count is guarded",
            pytrace=False,
        )
    return FACTORIES[type_]


@pytest.fixture(autouse=True)
async def seeded_extras(app_db: Database) -> AsyncIterator[None]:
    yield
    await forget_seeded_extras(app_db)


async def _headers(app: Any, db: Database, caller: str) -> dict[str, str]:
    """An admin's access token, issued as login issues it (a password check per test would
    cost more than the rest of the test)."""
    if caller == "anonymous":
        return {}
    admin = await make_user(db, ADMIN, is_admin=True, is_super_admin=True)
    secret = app.state.secret_key
    return jwt(tokens.issue(secret, admin.id, type_="access", fresh=False, seconds=600))


@dataclass
class Measured:
    url: str
    statements: list[str]
    document: dict[str, Any]

    @property
    def count(self) -> int:
        return len(self.statements)

    def listing(self) -> str:
        lines = "\n".join(
            f"    {i}. {' '.join(s.split())[:200]}" for i, s in enumerate(self.statements, 1)
        )
        return f"  GET {self.url}: {self.count} statements\n{lines}"


async def _measure(
    client: AsyncClient, db: Database, base: str, include: str, size: int, headers: dict[str, str]
) -> Measured:
    url = f"{base}?page[size]={size}" + (f"&include={include}" if include else "")
    counter = StatementCounter(db)
    with counter:
        response = await client.get(url, headers=headers)
    assert response.status_code == 200, f"GET {url}: {response.status_code} {response.text[:400]}"
    document = response.json()
    assert len(document["data"]) == size, f"GET {url}: {len(document['data'])} rows, not {size}"
    return Measured(url, list(counter.statements), document)


def _assert_same(one: Measured, twenty: Measured) -> None:
    assert one.count == twenty.count, (
        f"the statement count grows with the rows (read per row?):\n{one.listing()}\n"
        f"{twenty.listing()}"
    )


def _assert_linked(measured: Measured, wire: str) -> None:
    """Every row links to related rows: the factory seeded them, and they were read."""
    unlinked = [
        row["id"] for row in measured.document["data"] if not row["relationships"][wire].get("data")
    ]
    assert not unlinked, f"GET {measured.url}: rows without {wire} (seed them): {unlinked}"
    assert measured.document.get("included"), f"GET {measured.url}: nothing included"


async def _check(
    client: AsyncClient,
    db: Database,
    base: str,
    include: str,
    headers: dict[str, str],
    *,
    callers_own: bool = False,
) -> None:
    one = await _measure(client, db, base, include, 1, headers)
    twenty = await _measure(client, db, base, include, ROWS, headers)
    _assert_same(one, twenty)
    if not include:
        return
    plain = await _measure(client, db, base, "", ROWS, headers)
    assert twenty.count <= plain.count + 1, (
        f"the include {include!r} costs more than one statement:\n{plain.listing()}\n"
        f"{twenty.listing()}"
    )
    # As an admin, who may read every related row; a relationship narrowed to the caller's own
    # rows (a session's `favourite`) links none of the seeded rows, which are the hosts'.
    if headers and not callers_own:
        _assert_linked(twenty, include)


# -- the guard -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "type_",
    [
        pytest.param(t, marks=pytest.mark.skip(reason=f"{t} is a singleton: never listed"))
        if r.singleton is not None
        else t
        for t, r in RESOURCES.items()
    ],
)
def test_every_list_resource_has_a_seeding_factory(type_):
    assert "list" in RESOURCES[type_].actions
    _factory(type_)


def test_every_factory_seeds_a_registered_list_resource():
    assert sorted(set(FACTORIES) - set(LISTED)) == []
    unknown = [(p, w) for p, w in NESTED if p not in LISTED or w not in LISTED[p].relations]
    assert unknown == [], "nested lists in tests/seeding.py that the app does not serve"


@pytest.mark.parametrize("case", COUNTED, ids=str)
async def test_a_list_costs_the_same_for_1_and_20_rows(case, app, client, app_db):
    await seed(app_db, _factory(case.type).seed, ROWS)
    headers = await _headers(app, app_db, case.caller)

    resource = LISTED[case.type]
    own = bool(case.include) and resource.relations[case.include].only is not None
    await _check(client, app_db, f"/v1/{resource.path}", case.include, headers, callers_own=own)


@pytest.mark.parametrize("type_", WITH_PLANNED, ids=lambda t: LISTED[t].path)
async def test_a_planned_include_costs_no_statement(type_, app, client, app_db):
    await seed(app_db, _factory(type_).seed, ROWS)
    headers = await _headers(app, app_db, "admin")
    resource = LISTED[type_]
    base = f"/v1/{resource.path}"
    planned = {wire: rel for wire, rel in resource.relations.items() if rel.planned}

    costly, filled = [], []
    for size in (1, ROWS):
        plain = await _measure(client, app_db, base, "", size, headers)
        for wire, rel in planned.items():
            measured = await _measure(client, app_db, base, wire, size, headers)
            if measured.count != plain.count:
                costly.append(f"{plain.listing()}\n{measured.listing()}")
            empty = [] if rel.many else None
            linkage = [row["relationships"][wire]["data"] for row in measured.document["data"]]
            if linkage != [empty] * size or measured.document.get("included"):
                filled.append(measured.url)

    assert not costly, "planned includes that cost statements:\n" + "\n".join(costly)
    assert not filled, f"planned includes answered with data: {filled}"


def _nested_lists() -> list[Any]:
    lists = []
    for parent, wire in NESTED:
        if parent in LISTED and wire in LISTED[parent].relations:
            lists.append(pytest.param(parent, wire, id=f"{LISTED[parent].path}-{wire}"))
    return lists  # the others are reported by test_every_factory_seeds_a_registered_list_resource


@pytest.mark.parametrize(("parent", "wire"), _nested_lists())
async def test_a_nested_list_costs_the_same_for_1_and_20_rows(parent, wire, app, client, app_db):
    parent_id = await seed(app_db, NESTED[(parent, wire)], ROWS)
    headers = await _headers(app, app_db, "admin")
    target = RESOURCES[LISTED[parent].relations[wire].type]
    base = f"/v1/{LISTED[parent].path}/{parent_id}/{wire}"

    for include in ["", *(w for w, rel in target.relations.items() if not rel.planned)]:
        await _check(client, app_db, base, include, headers)
