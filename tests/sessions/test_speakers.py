"""Speakers: the public sees the speakers of accepted sessions without their contact
details; a speaker's address is their own unless the event's team sets it; one address per
event; the team orders the speakers."""

from __future__ import annotations

import json

import pytest

from tests.program.helpers import body
from tests.sessions.helpers import accepted_talk, ids, program, speaker, submitted

PRIVATE = ("email", "mobile", "address", "gender", "heard-from", "sponsorship-required")


async def test_the_public_sees_speakers_without_contact_details(client, app_db):
    c = await program(client, app_db)
    profile, _ = await accepted_talk(client, c, "user")
    await client.patch(
        f"/v1/speakers/{profile['id']}",
        json=body("speaker", {"mobile": "+49 123", "city": "Berlin"}, id_=profile["id"]),
        headers=c.headers("user"),
    )

    seen = {}
    for who in ("anonymous", "stranger", "other", "user", "owner", "coorganizer", "admin"):
        response = await client.get(f"/v1/speakers/{profile['id']}", headers=c.headers(who))
        assert response.status_code == 200, response.text
        seen[who] = response.json()["data"]["attributes"]

    for who in ("anonymous", "stranger", "other"):
        assert not set(PRIVATE) & set(seen[who]), who
        assert seen[who]["city"] == "Berlin"
    for who in ("user", "owner", "coorganizer", "admin"):
        assert seen[who]["email"] == "user@example.com", who
        assert seen[who]["mobile"] == "+49 123"


async def test_speakers_without_a_public_session_are_not_public(client, app_db):
    c = await program(client, app_db)
    profile = await speaker(client, c, "user")
    await submitted(client, c, "user", state="pending", speakers=[profile["id"]])
    path = f"/v1/events/{c.event_id}/speakers"

    assert ids(await client.get(path)) == []
    assert ids(await client.get(path, headers=c.headers("stranger"))) == []
    assert ids(await client.get(path, headers=c.headers("user"))) == [profile["id"]]
    assert ids(await client.get(path, headers=c.headers("owner"))) == [profile["id"]]


async def test_a_speakers_address_is_the_callers_own_unless_the_team_sets_it(client, app_db):
    c = await program(client, app_db)

    mine = await speaker(client, c, "user", email="someone.else@example.com")
    by_team = await speaker(client, c, "owner", "Grace", email="Grace@Example.com")
    no_address = await speaker(client, c, "owner", "Linus", **{"is-email-overridden": True})
    shown = await client.get(f"/v1/speakers/{mine['id']}", headers=c.headers("owner"))

    assert mine["attributes"]["email"] == "user@example.com"
    assert shown.json()["data"]["relationships"]["user"]["data"]["type"] == "user"
    assert by_team["attributes"]["email"] == "grace@example.com"
    assert no_address["attributes"]["email"] is None


async def test_one_speaker_per_address_and_event(client, app_db):
    c = await program(client, app_db)
    await speaker(client, c, "user")
    other = await speaker(client, c, "owner", "Other", email="x@example.com")

    again = await client.post(
        "/v1/speakers",
        json=body("speaker", {"name": "Again"}, event=("event", c.event_id)),
        headers=c.headers("user"),
    )
    renamed = await client.patch(
        f"/v1/speakers/{other['id']}",
        json=body("speaker", {"email": "user@example.com"}, id_=other["id"]),
        headers=c.headers("owner"),
    )

    for response in (again, renamed):
        assert response.status_code == 409, response.text
        assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/email"


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("email", "new@example.com"), ("is-featured", True), ("order", 3)],
)
async def test_a_speaker_does_not_change_what_the_team_decides(attribute, value, client, app_db):
    c = await program(client, app_db)
    mine = await speaker(client, c, "user")

    response = await client.patch(
        f"/v1/speakers/{mine['id']}",
        json=body("speaker", {attribute: value}, id_=mine["id"]),
        headers=c.headers("user"),
    )

    assert response.status_code == 403, response.text


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other", "track_organizer"])
async def test_who_may_not_change_or_delete_a_speaker(who, client, app_db):
    c = await program(client, app_db)
    profile, _ = await accepted_talk(client, c, "user")

    patched = await client.patch(
        f"/v1/speakers/{profile['id']}",
        json=body("speaker", {"name": "Mallory"}, id_=profile["id"]),
        headers=c.headers(who),
    )
    deleted = await client.delete(f"/v1/speakers/{profile['id']}", headers=c.headers(who))

    assert patched.status_code in (401, 403), patched.text
    assert deleted.status_code in (401, 403), deleted.text


async def test_the_team_orders_the_speakers(client, app_db):
    c = await program(client, app_db)
    first = await speaker(client, c, "owner", "First", email="a@example.com")
    second = await speaker(client, c, "owner", "Second", email="b@example.com")
    path = f"/v1/events/{c.event_id}/reorder-speakers"
    order = [{"speaker": int(first["id"]), "order": 2}, {"speaker": int(second["id"]), "order": 1}]

    refused = {
        who: (await client.post(path, json=order, headers=c.headers(who))).status_code
        for who in ("anonymous", "user", "stranger", "track_organizer")
    }
    done = await client.post(path, json=order, headers=c.headers("coorganizer"))
    listed = await client.get(
        f"/v1/events/{c.event_id}/speakers?sort=order", headers=c.headers("owner")
    )
    reset = await client.post(f"{path}?reset", headers=c.headers("owner"))
    foreign = await client.post(
        path, json=[{"speaker": 999999, "order": 1}], headers=c.headers("owner")
    )
    malformed = await client.post(path, json={"speaker": 1}, headers=c.headers("owner"))

    assert refused == {"anonymous": 401, "user": 403, "stranger": 403, "track_organizer": 403}
    assert done.json() == {"success": True}
    assert ids(listed) == [second["id"], first["id"]]
    assert reset.json() == {"success": True}
    assert foreign.status_code == 422
    assert malformed.status_code == 400


async def test_a_speaker_finds_their_own_profile_by_address(client, app_db):
    """As the call for speakers page does; nobody probes other speakers' addresses."""
    c = await program(client, app_db)
    mine, _ = await accepted_talk(client, c, "user")
    theirs, _ = await accepted_talk(client, c, "other", "Other talk")
    path = f"/v1/events/{c.event_id}/speakers"

    def by_email(email: str) -> dict[str, str]:
        return {"filter": json.dumps([{"name": "email", "op": "eq", "val": email}])}

    own = await client.get(path, params=by_email("user@example.com"), headers=c.headers("user"))
    probe = await client.get(path, params=by_email("other@example.com"), headers=c.headers("user"))
    anonymous = await client.get(path, params=by_email("other@example.com"))
    team = await client.get(path, params=by_email("other@example.com"), headers=c.headers("owner"))

    assert ids(own) == [mine["id"]]
    assert ids(probe) == []
    assert anonymous.status_code == 400
    assert ids(team) == [theirs["id"]]


async def test_a_new_speaker_may_come_with_a_null_order(client, app_db):
    """The web frontend's CFP form sends `order: null` for a new speaker: stored as 0."""
    c = await program(client, app_db)
    created = await speaker(client, c, "user", order=None)
    assert created["attributes"]["order"] == 0
    changed = await client.patch(
        f"/v1/speakers/{created['id']}",
        json=body("speaker", {"order": "first"}, id_=created["id"]),
        headers=c.headers("owner"),
    )
    assert changed.status_code == 422
