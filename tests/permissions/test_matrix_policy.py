"""The policies of rooms, tracks, sessions, speakers and sponsors read the role-by-service
matrix on every request: a change the super admin makes through the API holds from the
caller's next request on, without a restart."""

from __future__ import annotations

from itertools import count
from typing import Any

from sqlalchemy import func, select

from hallway.program.models import Track
from tests.appfixtures import jwt, login, make_user
from tests.conftest import StatementCounter
from tests.permissions.helpers import flags_body, matrix_id
from tests.program.helpers import Cast, body, grant, make, post
from tests.sessions.helpers import program, speaker, submitted

_supers = count()


async def set_flags(client, db, role: str, service: str, **flags: bool) -> None:
    """The super admin changes the matrix through the API (a new account each time)."""
    email = f"super-{next(_supers)}@example.com"
    await make_user(db, email, is_admin=True, is_super_admin=True)
    headers = jwt(await login(client, email))
    row = await matrix_id(db, role, service)
    response = await client.patch(
        f"/v1/event-role-permissions/{row}", json=flags_body(row, **flags), headers=headers
    )
    assert response.status_code == 200, response.text


async def track_count(db) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Track)) or 0)


async def new_track(client, c: Cast, who: str, name: str = "Data"):
    return await post(
        client,
        "tracks",
        "track",
        {"name": name, "color": "#112233"},
        c.headers(who),
        event=("event", c.event_id),
    )


async def test_a_coorganizer_stops_creating_tracks_when_the_matrix_says_so(client, app_db):
    c = await program(client, app_db)
    assert (await new_track(client, c, "coorganizer", "Before")).status_code == 201
    await set_flags(client, app_db, "coorganizer", "track", can_create=False)
    refused = await new_track(client, c, "coorganizer", "Refused")
    assert refused.status_code == 403, refused.text
    assert await track_count(app_db) == 1
    assert (await new_track(client, c, "owner", "Owner's")).status_code == 201
    await set_flags(client, app_db, "coorganizer", "track", can_create=True)
    assert (await new_track(client, c, "coorganizer", "Again")).status_code == 201
    assert await track_count(app_db) == 3


async def test_a_track_organizer_creates_tracks_once_allowed(client, app_db):
    c = await program(client, app_db)
    refused = await new_track(client, c, "track_organizer")
    assert refused.status_code == 403, refused.text
    await set_flags(client, app_db, "track_organizer", "track", can_create=True)
    allowed = await new_track(client, c, "track_organizer")
    assert allowed.status_code == 201, allowed.text
    # Another event's track organizer rights do not reach this one: the stranger holds none.
    assert (await new_track(client, c, "stranger")).status_code == 403


async def sponsor(client, c: Cast) -> dict[str, Any]:
    return await make(
        client,
        "sponsors",
        "sponsor",
        {"name": "Acme"},
        c.headers("owner"),
        event=("event", c.event_id),
    )


async def test_a_moderator_changes_sponsors_only_as_far_as_the_matrix_allows(client, app_db):
    c = await program(client, app_db)
    acme = await sponsor(client, c)
    rename = body("sponsor", {"name": "Acme Ltd"}, id_=acme["id"])
    refused = await client.patch(
        f"/v1/sponsors/{acme['id']}", json=rename, headers=c.headers("moderator")
    )
    assert refused.status_code == 403, refused.text
    await set_flags(client, app_db, "moderator", "sponsor", can_update=True)
    allowed = await client.patch(
        f"/v1/sponsors/{acme['id']}", json=rename, headers=c.headers("moderator")
    )
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["data"]["attributes"]["name"] == "Acme Ltd"
    deleted = await client.delete(f"/v1/sponsors/{acme['id']}", headers=c.headers("moderator"))
    assert deleted.status_code == 403, deleted.text
    # A plain user and an anonymous caller hold no role: the matrix gives them nothing.
    for who in ("user", "anonymous"):
        response = await client.patch(
            f"/v1/sponsors/{acme['id']}", json=rename, headers=c.headers(who)
        )
        assert response.status_code == 403, response.text


async def test_a_coorganizer_stops_changing_rooms_when_the_matrix_says_so(client, app_db):
    c = await program(client, app_db)
    room = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Hall A"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    rename = body("microlocation", {"name": "Hall B"}, id_=room["id"])
    await set_flags(client, app_db, "coorganizer", "microlocation", can_update=False)
    refused = await client.patch(
        f"/v1/microlocations/{room['id']}", json=rename, headers=c.headers("coorganizer")
    )
    assert refused.status_code == 403, refused.text
    shown = await client.get(f"/v1/microlocations/{room['id']}")
    assert shown.json()["data"]["attributes"]["name"] == "Hall A"
    by_admin = await client.patch(
        f"/v1/microlocations/{room['id']}", json=rename, headers=c.headers("admin")
    )
    assert by_admin.status_code == 200, by_admin.text


async def test_a_coorganizer_stops_seeing_pending_sessions_when_the_matrix_says_so(client, app_db):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user", "Pending talk", state="pending")
    path = f"/v1/events/{c.event_id}/sessions"
    seen = await client.get(path, headers=c.headers("coorganizer"))
    assert [item["id"] for item in seen.json()["data"]] == [talk["id"]]
    await set_flags(client, app_db, "coorganizer", "session", can_read=False)
    hidden = await client.get(path, headers=c.headers("coorganizer"))
    assert hidden.status_code == 200, hidden.text
    assert hidden.json()["data"] == []
    detail = await client.get(f"/v1/sessions/{talk['id']}", headers=c.headers("coorganizer"))
    assert detail.status_code == 404, detail.text
    # The proposer still sees their own session.
    own = await client.get(f"/v1/sessions/{talk['id']}", headers=c.headers("user"))
    assert own.status_code == 200, own.text


async def test_a_registrar_deletes_speakers_once_allowed(client, app_db):
    c = await program(client, app_db)
    registrar = await make_user(app_db, "registrar@example.com")
    c.tokens["registrar"] = await login(client, "registrar@example.com")
    await grant(app_db, int(c.event_id), registrar.id, "registrar")
    profile = await speaker(client, c, "user", "Grace")
    refused = await client.delete(f"/v1/speakers/{profile['id']}", headers=c.headers("registrar"))
    assert refused.status_code in (403, 404), refused.text
    await set_flags(client, app_db, "registrar", "speaker", can_read=True, can_delete=True)
    allowed = await client.delete(f"/v1/speakers/{profile['id']}", headers=c.headers("registrar"))
    assert allowed.status_code == 200, allowed.text


def matrix_loads(statements: list[str]) -> int:
    """Statements that read the caller's matrix on its own (not as a list's subquery)."""
    return sum(
        1
        for s in statements
        if s.lstrip().upper().startswith("SELECT") and "services.name, event_role_permissions" in s
    )


async def test_the_matrix_is_read_once_per_request_and_lists_use_a_subquery(client, app_db):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user", "Pending talk", state="pending")
    track = await make(
        client,
        "tracks",
        "track",
        {"name": "Data", "color": "#112233"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    change = body("session", {"title": "Renamed"}, id_=talk["id"], track=("track", track["id"]))
    with StatementCounter(app_db) as counter:
        response = await client.patch(
            f"/v1/sessions/{talk['id']}", json=change, headers=c.headers("coorganizer")
        )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["attributes"]["title"] == "Renamed"
    assert matrix_loads(counter.statements) == 1
    with StatementCounter(app_db) as counter:
        listed = await client.get(
            f"/v1/events/{c.event_id}/sessions", headers=c.headers("coorganizer")
        )
    assert [item["id"] for item in listed.json()["data"]] == [talk["id"]]
    assert matrix_loads(counter.statements) == 0
    assert any("event_role_permissions" in s for s in counter.statements)
