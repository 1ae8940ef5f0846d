"""Favourite events and sessions: a user's own, once per object; the session's count is always
the rows; the caller's own favourite rides with each session."""

from __future__ import annotations

import json

from tests.events.helpers import create_event
from tests.favourites.helpers import favourite, made, stored, user_id
from tests.sessions.helpers import accepted_talk, program, submitted


async def test_a_user_favourites_a_session_once(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)

    first = await favourite(client, c, "other", "session", talk["id"])
    again = await favourite(client, c, "other", "session", talk["id"])
    shown = await client.get(f"/v1/sessions/{talk['id']}")

    assert first.status_code == 201, first.text
    data = first.json()["data"]
    assert data["type"] == "user-favourite-session"
    assert set(data["relationships"]) == {"user", "session"}
    assert again.status_code == 409
    assert again.json()["errors"][0]["detail"] == "Session already favourited"
    assert shown.json()["data"]["attributes"]["favourite-count"] == 1
    assert await stored(app_db, "session") == [(await user_id(app_db, "other"), int(talk["id"]))]


async def test_a_user_favourites_an_event_once(client, app_db):
    c = await program(client, app_db)

    first = await favourite(client, c, "user", "event", c.event_id)
    again = await favourite(client, c, "user", "event", c.event_id)
    mine = await client.get("/v1/user-favourite-events", headers=c.headers("user"))

    assert first.status_code == 201, first.text
    assert set(first.json()["data"]["attributes"]) == {"created-at", "deleted-at"}
    assert again.status_code == 409
    assert [f["id"] for f in mine.json()["data"]] == [first.json()["data"]["id"]]
    assert await stored(app_db, "event") == [(await user_id(app_db, "user"), int(c.event_id))]


async def test_nobody_favourites_for_someone_else_or_anonymously(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    victim = await user_id(app_db, "user")

    by_admin = await favourite(client, c, "admin", "session", talk["id"], victim)
    by_owner = await favourite(client, c, "owner", "event", c.event_id, victim)
    anonymous = await favourite(client, c, "anonymous", "session", talk["id"])

    assert by_admin.status_code == 403
    assert by_owner.status_code in (403, 404)
    assert anonymous.status_code in (401, 403)
    assert await stored(app_db, "session") == []
    assert await stored(app_db, "event") == []


async def test_only_visible_objects_are_favourited(client, app_db):
    c = await program(client, app_db)
    pending = await submitted(client, c, "user", "Hidden", state="pending")
    draft = await program_draft_event(client, app_db, c)

    hidden_session = await favourite(client, c, "other", "session", pending["id"])
    hidden_event = await favourite(client, c, "other", "event", draft)
    unknown = await favourite(client, c, "other", "session", 999_999)

    assert hidden_session.status_code == 404
    assert hidden_event.status_code == 404
    assert unknown.status_code == 404
    assert await stored(app_db, "session") == []
    assert await stored(app_db, "event") == []


async def program_draft_event(client, app_db, c) -> str:
    event = await create_event(client, c.tokens["stranger"], "Draft conference", state="draft")
    return str(event["id"])


async def test_a_user_sees_only_their_own_favourites_admins_all(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    mine = await made(client, c, "user", "session", talk["id"])
    theirs = await made(client, c, "other", "session", talk["id"])
    other_id = await user_id(app_db, "other")

    def listed(response):
        assert response.status_code == 200, response.text
        return sorted(f["id"] for f in response.json()["data"])

    own = await client.get("/v1/user-favourite-sessions", headers=c.headers("user"))
    admin = await client.get("/v1/user-favourite-sessions", headers=c.headers("admin"))
    anonymous = await client.get("/v1/user-favourite-sessions")
    organizer = await client.get(
        f"/v1/events/{c.event_id}/user-favourite-sessions", headers=c.headers("owner")
    )
    under_session = await client.get(
        f"/v1/sessions/{talk['id']}/user-favourite-sessions", headers=c.headers("user")
    )
    under_other = await client.get(
        f"/v1/users/{other_id}/user-favourite-sessions", headers=c.headers("user")
    )
    other_detail = await client.get(
        f"/v1/user-favourite-sessions/{theirs}", headers=c.headers("user")
    )

    assert listed(own) == [mine]
    assert listed(admin) == sorted([mine, theirs])
    assert listed(anonymous) == []
    assert listed(organizer) == []
    assert listed(under_session) == [mine]
    assert under_other.status_code == 404 or listed(under_other) == []
    assert other_detail.status_code == 404


async def test_only_the_user_or_an_admin_removes_a_favourite(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    fav = await made(client, c, "user", "session", talk["id"])
    url = f"/v1/user-favourite-sessions/{fav}"

    by_owner = await client.delete(url, headers=c.headers("owner"))
    by_other = await client.delete(url, headers=c.headers("other"))
    anonymous = await client.delete(url)
    kept = await stored(app_db, "session")
    by_user = await client.delete(url, headers=c.headers("user"))
    counted = await client.get(f"/v1/sessions/{talk['id']}")

    assert (by_owner.status_code, by_other.status_code, anonymous.status_code) == (404, 404, 404)
    assert kept == [(await user_id(app_db, "user"), int(talk["id"]))]
    assert by_user.status_code == 200
    assert await stored(app_db, "session") == []
    assert counted.json()["data"]["attributes"]["favourite-count"] == 0

    again = await made(client, c, "user", "session", talk["id"])
    by_admin = await client.delete(
        f"/v1/user-favourite-sessions/{again}", headers=c.headers("admin")
    )
    assert by_admin.status_code == 200
    assert await stored(app_db, "session") == []


async def test_a_favourite_is_never_moved(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    _, second = await accepted_talk(client, c, "other", "Second")
    fav = await made(client, c, "user", "session", talk["id"])

    moved = await client.patch(
        f"/v1/user-favourite-sessions/{fav}/relationships/session",
        json={"data": {"type": "session", "id": second["id"]}},
        headers=c.headers("user"),
    )
    patched = await client.patch(
        f"/v1/user-favourite-sessions/{fav}",
        json={"data": {"type": "user-favourite-session", "id": fav}},
        headers=c.headers("user"),
    )

    assert moved.status_code == 403
    assert patched.status_code == 405
    assert await stored(app_db, "session") == [(await user_id(app_db, "user"), int(talk["id"]))]


async def test_the_session_shows_the_callers_own_favourite_and_the_count(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    _, quiet = await accepted_talk(client, c, "other", "Quiet")
    mine = await made(client, c, "user", "session", talk["id"])
    await made(client, c, "other", "session", talk["id"])
    await made(client, c, "admin", "session", talk["id"])

    def favourite_of(response, session_id):
        assert response.status_code == 200, response.text
        [row] = [s for s in response.json()["data"] if s["id"] == session_id]
        return row["relationships"]["favourite"]["data"], row["attributes"]["favourite-count"]

    params = {"include": "favourite", "sort": "-favourite-count,id"}
    as_user = await client.get(
        f"/v1/events/{c.event_id}/sessions", params=params, headers=c.headers("user")
    )
    as_owner = await client.get(
        f"/v1/events/{c.event_id}/sessions", params=params, headers=c.headers("owner")
    )
    as_admin = await client.get(f"/v1/sessions/{talk['id']}/favourite", headers=c.headers("admin"))
    anonymous = await client.get(f"/v1/events/{c.event_id}/sessions", params=params)

    assert [s["id"] for s in as_user.json()["data"]] == [talk["id"], quiet["id"]]
    assert favourite_of(as_user, talk["id"]) == ({"type": "user-favourite-session", "id": mine}, 3)
    assert favourite_of(as_owner, talk["id"]) == (None, 3)
    assert favourite_of(anonymous, talk["id"]) == (None, 3)
    assert favourite_of(as_user, quiet["id"]) == (None, 0)
    assert as_admin.status_code == 200
    assert as_admin.json()["data"]["id"] != mine


async def test_my_schedule_filter_lists_the_callers_favourites(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    _, other_talk = await accepted_talk(client, c, "other", "Other")
    await made(client, c, "user", "session", talk["id"])
    await made(client, c, "other", "session", other_talk["id"])
    me = await user_id(app_db, "user")
    mine = [
        {
            "name": "favourites",
            "op": "any",
            "val": {"name": "user", "op": "has", "val": {"name": "id", "op": "eq", "val": me}},
        }
    ]

    response = await client.get(
        f"/v1/events/{c.event_id}/sessions",
        params={"filter": json.dumps(mine)},
        headers=c.headers("user"),
    )

    assert [s["id"] for s in response.json()["data"]] == [talk["id"]]


async def test_deleting_the_session_drops_it_from_the_event_favourites(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    await made(client, c, "user", "session", talk["id"])

    before = await client.get(
        f"/v1/events/{c.event_id}/session-favourites", headers=c.headers("user")
    )
    deleted = await client.delete(f"/v1/sessions/{talk['id']}", headers=c.headers("owner"))
    after = await client.get(
        f"/v1/events/{c.event_id}/session-favourites", headers=c.headers("user")
    )

    assert len(before.json()["data"]) == 1
    assert deleted.status_code == 200
    assert after.json()["data"] == []


async def test_a_users_favourites_under_their_account_and_event(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    event_favourite = await made(client, c, "user", "event", c.event_id)
    session_favourite = await made(client, c, "user", "session", talk["id"])
    me = await user_id(app_db, "user")
    mine = [{"name": "user", "op": "has", "val": {"name": "id", "op": "eq", "val": me}}]

    events = await client.get(
        f"/v1/users/{me}/user-favourite-events",
        params={"include": "event"},
        headers=c.headers("user"),
    )
    relationship = await client.get(
        f"/v1/users/{me}/relationships/favourite-sessions", headers=c.headers("user")
    )
    schedule = await client.get(
        f"/v1/events/{c.event_id}/session-favourites",
        params={
            "filter": json.dumps(mine),
            "include": "session.track,session.microlocation,session.speakers,"
            "session.favourite,user",
            "page[size]": "0",
        },
        headers=c.headers("user"),
    )
    by_stranger = await client.get(
        f"/v1/users/{me}/user-favourite-events", headers=c.headers("stranger")
    )

    assert [f["id"] for f in events.json()["data"]] == [event_favourite]
    assert [i["id"] for i in events.json()["included"]] == [c.event_id]
    assert relationship.json()["data"] == [
        {"type": "user-favourite-session", "id": session_favourite}
    ]
    assert schedule.status_code == 200, schedule.text
    assert [f["id"] for f in schedule.json()["data"]] == [session_favourite]
    included = {(i["type"], i["id"]) for i in schedule.json()["included"]}
    assert ("session", talk["id"]) in included and ("user", str(me)) in included
    assert by_stranger.status_code == 404 or by_stranger.json()["data"] == []


async def test_the_short_paths_name_the_favourites_user_to_those_who_see_it(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    event_fav = await made(client, c, "user", "event", c.event_id)
    session_fav = await made(client, c, "user", "session", talk["id"])
    user = str(await user_id(app_db, "user"))

    for path in (f"favourite-events/{event_fav}", f"favourite-sessions/{session_fav}"):
        own = await client.get(f"/v1/{path}/user", headers=c.headers("user"))
        assert own.status_code == 200, own.text
        assert own.json()["data"]["id"] == user
        for who in ("other", "anonymous"):
            response = await client.get(f"/v1/{path}/user", headers=c.headers(who))
            assert response.status_code in (401, 403, 404), (path, who, response.text)
            assert user not in json.dumps(response.json().get("data"))
    missing = await client.get("/v1/favourite-events/999999/user", headers=c.headers("user"))
    assert missing.status_code == 404
