"""Copying an event: a new draft with its set-up (tax, tickets, links, sponsors, rooms, tracks,
session types, call for speakers, custom forms, role grants), never its sessions; only the
owner, organizers and admins copy, and a refused copy leaves nothing behind."""

from __future__ import annotations

from sqlalchemy import func, select

from hallway.events.models import Event
from hallway.forms.models import CustomForm
from hallway.links.models import SocialLink
from hallway.program.models import Microlocation, SessionType, Track
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.models import Session, SpeakersCall
from hallway.sponsors.models import Sponsor
from hallway.tickets.models import Tax, Ticket
from tests.appfixtures import jwt, login, make_user
from tests.program.helpers import grant, make
from tests.sessions.helpers import accepted_talk, program
from tests.tickets.helpers import create_ticket
from tests.tickets.test_tags_taxes_fees import tax_body

PARTS = (Tax, Ticket, SocialLink, Sponsor, Microlocation, Track, SessionType, SpeakersCall)


async def count(db, model, event_id) -> int:
    async with db.sessions() as session:
        stmt = select(func.count()).select_from(model).where(model.event_id == int(event_id))
        return int(await session.scalar(stmt) or 0)


async def event_count(db) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Event)) or 0)


async def roles_on(db, event_id) -> list[tuple[int, str]]:
    async with db.sessions() as session:
        rows = await session.execute(
            select(UsersEventsRoles.user_id, Role.name)
            .join(Role, Role.id == UsersEventsRoles.role_id)
            .where(UsersEventsRoles.event_id == int(event_id))
            .order_by(UsersEventsRoles.user_id, Role.name)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def set_up(client, c) -> None:
    owner = c.headers("owner")
    on = {"event": ("event", c.event_id)}
    await make(client, "tracks", "track", {"name": "Main", "color": "#a04b4b"}, owner, **on)
    await make(client, "microlocations", "microlocation", {"name": "Hall A"}, owner, **on)
    await make(client, "session-types", "session-type", {"name": "Talk"}, owner, **on)
    await make(client, "sponsors", "sponsor", {"name": "ACME"}, owner, **on)
    await make(
        client,
        "social-links",
        "social-link",
        {"name": "Site", "link": "https://a.example"},
        owner,
        **on,
    )
    await create_ticket(client, c.tokens["owner"], c.event_id, "Free", type="free", price="0")
    response = await client.post("/v1/taxes", json=tax_body(c.event_id), headers=owner)
    assert response.status_code == 201, response.text


async def test_the_owner_copies_an_event_as_a_draft(client, app_db):
    c = await program(client, app_db)
    await set_up(client, c)
    await accepted_talk(client, c)

    response = await client.post(f"/v1/events/{c.identifier}/copy", headers=c.headers("owner"))

    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["copied"] is True
    assert answer["identifier"] != c.identifier and str(answer["id"]) != c.event_id
    assert answer["data"]["type"] == "event" and answer["data"]["id"] == str(answer["id"])
    assert answer["data"]["attributes"]["identifier"] == answer["identifier"]
    assert answer["data"]["attributes"]["state"] == "draft"
    shown = await client.get(f"/v1/events/{answer['identifier']}", headers=c.headers("owner"))
    assert shown.status_code == 200, shown.text
    attributes = shown.json()["data"]["attributes"]
    assert attributes["state"] == "draft"
    assert attributes["name"] == c.event["attributes"]["name"]
    assert attributes["schedule-published-on"] is None
    for model in PARTS:
        assert await count(app_db, model, answer["id"]) == 1, model.__name__
    forms = await count(app_db, CustomForm, c.event_id)
    assert forms > 0 and await count(app_db, CustomForm, answer["id"]) == forms
    assert await count(app_db, Session, answer["id"]) == 0
    assert await roles_on(app_db, answer["id"]) == await roles_on(app_db, c.event_id)
    # The copy is the original's team's draft: hidden from everyone else.
    anonymous = await client.get(f"/v1/events/{answer['identifier']}")
    assert anonymous.status_code == 404


async def test_an_organizer_and_an_admin_copy_by_id(client, app_db):
    c = await program(client, app_db)
    organizer = await make_user(app_db, "organizer@example.com")
    await grant(app_db, int(c.event_id), organizer.id, "organizer")
    token = await login(client, "organizer@example.com")
    by_organizer = await client.post(f"/v1/events/{c.event_id}/copy", headers=jwt(token))
    by_admin = await client.post(f"/v1/events/{c.event_id}/copy", headers=c.headers("admin"))

    assert by_organizer.status_code == 200, by_organizer.text
    assert by_admin.status_code == 200, by_admin.text
    assert by_organizer.json()["identifier"] != by_admin.json()["identifier"]


async def test_a_private_call_gets_a_new_secret(client, app_db):
    c = await program(client, app_db)
    call_id = await _call_id(app_db, c.event_id)
    await client.patch(
        f"/v1/speakers-calls/{call_id}",
        json={
            "data": {
                "type": "speakers-call",
                "id": str(call_id),
                "attributes": {"privacy": "private"},
            }
        },
        headers=c.headers("owner"),
    )

    response = await client.post(f"/v1/events/{c.event_id}/copy", headers=c.headers("owner"))

    old, new = await _hash(app_db, c.event_id), await _hash(app_db, response.json()["id"])
    assert old and new and old != new


async def _call_id(db, event_id):
    async with db.sessions() as session:
        return await session.scalar(
            select(SpeakersCall.id).where(SpeakersCall.event_id == int(event_id))
        )


async def _hash(db, event_id):
    async with db.sessions() as session:
        return await session.scalar(
            select(SpeakersCall.hash).where(SpeakersCall.event_id == int(event_id))
        )


async def test_who_may_not_copy(client, app_db):
    c = await program(client, app_db)
    before = await event_count(app_db)
    url = f"/v1/events/{c.identifier}/copy"

    anonymous = await client.post(url)
    refused = {
        who: (await client.post(url, headers=c.headers(who))).status_code
        for who in ("user", "stranger", "coorganizer", "track_organizer", "moderator")
    }
    unknown = await client.post("/v1/events/nosuchev/copy", headers=c.headers("owner"))

    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["status"] == 401
    assert refused == {who: 403 for who in refused}
    assert unknown.status_code == 404
    assert await event_count(app_db) == before


async def test_a_draft_is_not_found_by_those_who_cannot_see_it(client, app_db):
    c = await program(client, app_db, published=False)
    before = await event_count(app_db)

    response = await client.post(f"/v1/events/{c.event_id}/copy", headers=c.headers("user"))

    assert response.status_code == 404
    assert await event_count(app_db) == before
