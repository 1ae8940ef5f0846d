"""The caller's roles on events are read with the caller's row, in the statement that
authenticates them: a request whose rules look at them sends no statement of its own for
them. When a request first looks at roles after it has written something, they are read
then, so it sees the roles it gave or took."""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from hallway.auth.actor import Actor
from hallway.auth.tokens import Claims
from hallway.jsonapi import RequestContext
from hallway.roles.held import HELD, MANY_HELD
from hallway.roles.models import Role, UsersEventsRoles
from hallway.roles.policy import grants
from hallway.users.authentication import actor_for
from tests import seeding
from tests.appfixtures import jwt
from tests.orders.helpers import shop
from tests.orders.test_statements import counted_attendee_patch

GRANTS_READ = "SELECT users_events_roles.event_id, roles.name"


async def test_the_callers_roles_come_with_their_row(client, app_db):
    s = await shop(client, app_db)
    seen = await counted_attendee_patch(client, app_db, s, "organizer")

    assert not [s for s in seen if s.startswith(GRANTS_READ)], seen
    # The organizer's own order on their event: the roles were read, and they count.
    staff = await client.get(
        f"/v1/events/{s.c.event['id']}/attendees", headers=jwt(s.c.tokens["organizer"])
    )
    assert staff.status_code == 200 and len(staff.json()["data"]) == 1, staff.text


async def _caller(db, user_id: int) -> Actor:
    async with db.sessions() as session:
        claims = Claims(user_id, "access", True, 2.0**40, "", "", "")
        return await actor_for(session, claims)


async def test_roles_read_with_the_caller_are_exact_until_the_request_writes(client, app_db):
    s = await shop(client, app_db)
    stranger = s.c.ids["stranger"]
    event_id = int(s.c.event["id"])
    actor = await _caller(app_db, stranger)
    organizer = await _caller(app_db, s.c.ids["organizer"])
    async with app_db.sessions() as session:
        ctx = RequestContext(None, session, organizer)
        assert (await grants(ctx)).get(event_id) == frozenset({"organizer"})

    # Read with the stranger's row: no role on this event.
    held = (actor.extras[HELD] or "").split(",")
    assert not [pair for pair in held if pair.startswith(f"{event_id}:")], held
    async with app_db.sessions() as session:
        role_id = await session.scalar(select(Role.id).where(Role.name == "registrar"))
        session.add(UsersEventsRoles(event_id=event_id, user_id=stranger, role_id=role_id))
        await session.flush()
        ctx = RequestContext(None, session, actor)
        # The request gave the stranger a role: it counts in the rest of the request.
        assert (await grants(ctx)).get(event_id) == frozenset({"registrar"})


async def test_a_caller_with_many_roles_has_them_read_when_needed(app_db):
    async with app_db.sessions() as session, session.begin():
        [host] = await seeding.accounts(session, 1)
        made = await seeding.events(session, 20, hosts=[host])
        host_id, event_ids = host.id, {event.id for event in made}
    actor = await _caller(app_db, host_id)

    async with app_db.sessions() as session:
        held = await grants(RequestContext(None, session, actor))

    assert actor.extras[HELD] == MANY_HELD  # more than HELD_IN_ROW: not read with the row
    assert set(held) == event_ids
    assert all("owner" in roles and "registrar" in roles for roles in held.values())


async def test_roles_taken_by_a_statement_of_the_request_are_read_again(client, app_db):
    s = await shop(client, app_db)
    event_id = int(s.c.event["id"])
    organizer = await _caller(app_db, s.c.ids["organizer"])
    async with app_db.sessions() as session:
        await session.execute(
            delete(UsersEventsRoles).where(UsersEventsRoles.user_id == s.c.ids["organizer"])
        )
        # Read with the organizer's row, they held the event; the request took it away.
        assert f"{event_id}:organizer" in organizer.extras[HELD].split(",")
        assert event_id not in await grants(RequestContext(None, session, organizer))


async def test_a_role_name_the_row_cannot_carry_is_read_apart(client, app_db):
    s = await shop(client, app_db)
    event_id = int(s.c.event["id"])
    async with app_db.sessions() as session, session.begin():
        role_id = (
            await session.execute(
                insert(Role).values(name=f"x,{event_id + 1000}:owner").returning(Role.id)
            )
        ).scalar_one()
        session.add(
            UsersEventsRoles(event_id=event_id, user_id=s.c.ids["stranger"], role_id=role_id)
        )
    stranger = await _caller(app_db, s.c.ids["stranger"])

    async with app_db.sessions() as session:
        held = await grants(RequestContext(None, session, stranger))

    assert stranger.extras[HELD] == MANY_HELD
    assert held[event_id] == frozenset({f"x,{event_id + 1000}:owner"})
    assert event_id + 1000 not in held
