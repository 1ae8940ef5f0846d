"""Locked sessions, links within the event, the state mails through the outbox, a session's
notice, and the schedule's helpers (days, languages, the client's includes and filters)."""

from __future__ import annotations

import json

import pytest

from tests.appfixtures import Mailbox, settle
from tests.program.helpers import make
from tests.sessions.helpers import (
    accepted_talk,
    change,
    ids,
    program,
    session_body,
    speaker,
    submit,
    submitted,
)


async def test_a_locked_session_is_the_teams(client, app_db):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user", state="pending")

    self_locked = await change(client, c, "user", talk["id"], **{"is-locked": True})
    locked = await change(client, c, "owner", talk["id"], **{"is-locked": True})
    edited = await change(client, c, "user", talk["id"], title="Changed")
    withdrawn = await change(client, c, "user", talk["id"], state="withdrawn")
    by_team = await change(client, c, "coorganizer", talk["id"], title="Retitled")

    assert self_locked.status_code == 403
    assert locked.json()["data"]["attributes"]["is-locked"] is True
    assert edited.status_code == 403
    assert withdrawn.status_code == 403
    assert by_team.json()["data"]["attributes"]["title"] == "Retitled"


async def test_a_speaker_submits_locked_or_reviewed_sessions_never(client, app_db):
    c = await program(client, app_db)

    accepted = await submit(client, c, "user", state="accepted")
    locked = await submit(client, c, "user", **{"is-locked": True})

    assert accepted.status_code == 403
    assert accepted.json()["errors"][0]["source"]["pointer"] == "/data/attributes/state"
    assert locked.status_code == 403


async def test_a_session_links_only_to_parts_of_its_event(client, app_db):
    c = await program(client, app_db)
    other = await client.get(
        "/v1/events?filter="
        + json.dumps([{"name": "name", "op": "eq", "val": "Another conference"}])
    )
    other_id = other.json()["data"][0]["id"]
    track = await make(
        client,
        "tracks",
        "track",
        {"name": "Elsewhere", "color": "#000000"},
        c.headers("stranger"),
        event=("event", other_id),
    )
    theirs = await speaker(client, c, "other")
    foreign_speaker = await make(
        client,
        "speakers",
        "speaker",
        {"name": "Far", "email": "far@example.com"},
        c.headers("stranger"),
        event=("event", other_id),
    )

    document = session_body(c, "Talk")
    document["data"]["relationships"]["track"] = {"data": {"type": "track", "id": track["id"]}}
    with_track = await client.post("/v1/sessions", json=document, headers=c.headers("owner"))
    with_speaker = await submit(client, c, "owner", speakers=[foreign_speaker["id"]])
    with_someone_elses = await submit(client, c, "user", speakers=[theirs["id"]])
    backwards = await submit(
        client,
        c,
        "owner",
        **{"starts-at": "2031-06-01T10:00:00Z", "ends-at": "2031-06-01T09:00:00Z"},
    )

    assert with_track.status_code == 422
    assert with_track.json()["errors"][0]["source"]["pointer"] == "/data/relationships/track"
    assert with_speaker.status_code in (404, 422), with_speaker.text
    assert with_someone_elses.status_code in (403, 404), with_someone_elses.text
    assert backwards.status_code == 422


async def test_state_mails_go_to_the_speakers_and_the_owner_through_the_outbox(
    client, app_db, mailbox: Mailbox
):
    c = await program(client, app_db)
    profile = await speaker(client, c, "user")
    talk = await submitted(client, c, "user", "Rust", state="pending", speakers=[profile["id"]])

    quiet = await change(client, c, "owner", talk["id"], state="rejected")
    await settle()
    assert mailbox.to("user@example.com") == []
    loud = await change(client, c, "owner", talk["id"], state="accepted", **{"send-email": True})
    await settle()

    assert quiet.status_code == loud.status_code == 200
    assert loud.json()["data"]["attributes"]["is-mail-sent"] is True
    (to_speaker,) = mailbox.to("user@example.com")
    # The owner also heard of the submission itself (the "new session" mail).
    (new, to_owner) = mailbox.to("owner@example.com")
    assert "New session proposal" in str(new["Subject"])
    assert "Accepted" in str(to_speaker["Subject"])
    assert "Accepted" in str(to_owner["Subject"])
    assert "Rust" in Mailbox.text(to_speaker)
    assert "/session/" + talk["id"] in Mailbox.text(to_owner)


async def test_the_mail_templates_and_tables_are_public(client, app_db):
    mails = await client.get("/v1/sessions/mails")
    states = await client.get("/v1/sessions/states")

    assert set(mails.json()) == {
        "pending",
        "accepted",
        "confirmed",
        "rejected",
        "canceled",
        "withdrawn",
        "recipient",
    }
    assert "{session_name}" in mails.json()["accepted"]["subject"]
    tables = states.json()
    assert tables["speaker"]["draft"] == {"pending": True}
    assert tables["speaker"]["withdrawn"] == {}
    assert tables["organizer"]["draft"] == {}
    assert tables["organizer"]["pending"]["accepted"] is True


async def test_the_team_notifies_a_sessions_speakers(client, app_db, mailbox: Mailbox):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user", "Go")
    await settle()
    mailbox.messages.clear()  # the owner's "new session" mail of the submission
    path = f"/v1/sessions/{talk['id']}/notify"
    notice = {
        "subject": "About {session_name}",
        "message": "Line one<br/>Line <b>two</b>",
        "bcc": ["chair@example.com"],
    }

    refused = {
        who: (await client.post(path, json=notice, headers=c.headers(who))).status_code
        for who in ("anonymous", "user", "stranger", "track_organizer")
    }
    await settle()
    assert mailbox.messages == []
    sent = await client.post(path, json=notice, headers=c.headers("coorganizer"))
    bad = await client.post(path, json={"bcc": ["not an address"]}, headers=c.headers("owner"))
    await settle()

    assert refused == {"anonymous": 401, "user": 403, "stranger": 403, "track_organizer": 403}
    assert sent.json() == {"success": True}
    assert bad.status_code == 422
    (message,) = mailbox.to("user@example.com")
    assert str(message["Subject"]) == "About Go"
    assert "Line one\r\nLine two\r\n" in Mailbox.text(message)
    assert mailbox.to("chair@example.com")
    assert mailbox.to("owner@example.com")


async def test_notifying_an_unknown_session_answers_404(client, app_db):
    c = await program(client, app_db)

    response = await client.post("/v1/sessions/999999/notify", json={}, headers=c.headers("owner"))

    assert response.status_code == 404


async def test_the_schedules_days_and_languages_follow_what_the_caller_sees(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user")
    await change(
        client,
        c,
        "owner",
        talk["id"],
        language="English",
        **{"starts-at": "2031-06-01T23:30:00Z", "ends-at": "2031-06-02T00:15:00Z"},
    )
    await submitted(
        client,
        c,
        "other",
        state="pending",
        language="German",
        **{"starts-at": "2031-06-03T10:00:00Z", "ends-at": "2031-06-03T11:00:00Z"},
    )
    dates = f"/v1/events/{c.identifier}/sessions/dates"
    languages = f"/v1/events/{c.event_id}/sessions/languages"

    # Berlin is two hours ahead of UTC in June.
    assert (await client.get(dates)).json() == ["2031-06-02"]
    assert (await client.get(dates, headers=c.headers("owner"))).json() == [
        "2031-06-02",
        "2031-06-03",
    ]
    assert (await client.get(languages)).json() == ["English"]
    assert (await client.get(languages, headers=c.headers("other"))).json() == ["English", "German"]


@pytest.mark.parametrize("suffix", ["sessions/dates", "sessions/languages"])
async def test_the_days_of_a_draft_event_are_not_public(suffix, client, app_db):
    c = await program(client, app_db, published=False)

    response = await client.get(f"/v1/events/{c.event_id}/{suffix}")

    assert response.status_code == 404


async def test_featured_speakers_with_their_sessions_tracks_as_the_event_page_asks(client, app_db):
    c = await program(client, app_db)
    track = await make(
        client,
        "tracks",
        "track",
        {"name": "Web", "color": "#a04b4b"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    profile, talk = await accepted_talk(client, c, "user")
    await change(client, c, "owner", talk["id"])
    await client.patch(
        f"/v1/sessions/{talk['id']}/relationships/track",
        json={"data": {"type": "track", "id": track["id"]}},
        headers=c.headers("owner"),
    )
    await client.patch(
        f"/v1/speakers/{profile['id']}",
        json={
            "data": {"type": "speaker", "id": profile["id"], "attributes": {"is-featured": True}}
        },
        headers=c.headers("owner"),
    )
    pending_speaker = await speaker(
        client, c, "owner", "Pending", email="p@example.com", **{"is-featured": True}
    )
    await submitted(client, c, "owner", state="pending", speakers=[pending_speaker["id"]])
    speakers_filter = [
        {"name": "is-featured", "op": "eq", "val": "true"},
        {
            "name": "sessions",
            "op": "any",
            "val": {
                "and": [
                    {"name": "deleted-at", "op": "eq", "val": None},
                    {
                        "or": [
                            {"name": "state", "op": "eq", "val": "accepted"},
                            {"name": "state", "op": "eq", "val": "confirmed"},
                        ]
                    },
                ]
            },
        },
    ]

    response = await client.get(
        f"/v1/events/{c.identifier}/speakers",
        params={
            "filter": json.dumps(speakers_filter),
            "sort": "order",
            "include": "sessions.track",
            "page[size]": "0",
        },
        headers=c.headers("owner"),
    )

    assert ids(response) == [profile["id"]]
    included = {(item["type"], item["id"]) for item in response.json()["included"]}
    assert ("session", talk["id"]) in included
    assert ("track", track["id"]) in included


@pytest.mark.parametrize("who", ["user", "owner"])
async def test_a_session_and_a_speaker_stay_in_their_event(who, client, app_db):
    c = await program(client, app_db)
    profile, talk = await accepted_talk(client, c, "user")
    listed = await client.get(
        "/v1/events",
        params={"filter": json.dumps([{"name": "name", "op": "eq", "val": "Another conference"}])},
    )
    elsewhere = {"event": {"data": {"type": "event", "id": listed.json()["data"][0]["id"]}}}

    moved = []
    for type_, item in (("session", talk), ("speaker", profile)):
        document = {"data": {"type": type_, "id": item["id"], "relationships": elsewhere}}
        moved.append(
            await client.patch(f"/v1/{type_}s/{item['id']}", json=document, headers=c.headers(who))
        )

    for response in moved:
        assert response.status_code in (403, 422), response.text
    assert (await client.get(f"/v1/sessions/{talk['id']}/event")).json()["data"]["id"] == c.event_id


async def test_the_dashboard_counts_sessions_by_state_and_speakers(client, app_db):
    c = await program(client, app_db)
    await accepted_talk(client, c, "user")
    await submitted(client, c, "other", "Pending", state="pending")
    await submitted(client, c, "other", "Draft")
    await speaker(client, c, "owner", "Idle", email="idle@example.com")

    response = await client.get(
        f"/v1/events/{c.event_id}/general-statistics", headers=c.headers("owner")
    )

    counts = response.json()["data"]["attributes"]
    assert counts["sessions"] == 3
    assert counts["sessions-draft"] == 1
    assert counts["sessions-pending"] == 1
    assert counts["sessions-accepted"] == 1
    assert counts["sessions-submitted"] == 2
    assert counts["sessions-rejected"] == 0
    assert counts["speakers"] == 2
    assert counts["speaker-without-session"] == 1
