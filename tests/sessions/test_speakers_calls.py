"""The call for speakers: one per event, written by the event's team, its secret link shown to
the team only; submissions are refused outside its window except from the team."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.program.helpers import body, cast, make, post
from tests.sessions.helpers import iso, open_call, program, speaker, submit


async def test_one_call_per_event_read_with_its_event(client, app_db):
    c = await cast(client, app_db)
    call = await open_call(client, c, privacy="private")

    again = await post(
        client,
        "speakers-calls",
        "speakers-call",
        {"starts-at": iso(timedelta(days=1)), "ends-at": iso(timedelta(days=2))},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    public = await client.get(f"/v1/events/{c.identifier}/speakers-call")
    team = await client.get(f"/v1/speakers-calls/{call['id']}", headers=c.headers("coorganizer"))

    assert again.status_code == 409
    assert public.status_code == 200
    assert public.json()["data"]["attributes"]["privacy"] == "private"
    assert "hash" not in public.json()["data"]["attributes"]
    assert team.json()["data"]["attributes"]["hash"]


async def test_an_event_without_a_call_answers_404(client, app_db):
    c = await cast(client, app_db)

    response = await client.get(f"/v1/events/{c.event_id}/speakers-call")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("attributes", "pointer"),
    [
        ({"starts-at": iso(timedelta(days=2)), "ends-at": iso(timedelta(days=1))}, "ends-at"),
        (
            {
                "starts-at": iso(timedelta(days=1)),
                "soft-ends-at": iso(timedelta(days=5)),
                "ends-at": iso(timedelta(days=2)),
            },
            "soft-ends-at",
        ),
        ({"ends-at": iso(timedelta(days=2))}, "starts-at"),
        (
            {
                "starts-at": iso(timedelta(days=1)),
                "ends-at": iso(timedelta(days=2)),
                "privacy": "x",
            },
            "privacy",
        ),
    ],
)
async def test_a_call_has_a_sensible_window(attributes, pointer, client, app_db):
    c = await cast(client, app_db)

    response = await post(
        client,
        "speakers-calls",
        "speakers-call",
        attributes,
        c.headers("owner"),
        event=("event", c.event_id),
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{pointer}"


@pytest.mark.parametrize("who", ["anonymous", "user", "stranger", "track_organizer"])
async def test_who_may_not_write_a_call(who, client, app_db):
    c = await cast(client, app_db)
    call = await open_call(client, c)
    window = {"starts-at": iso(timedelta(days=1)), "ends-at": iso(timedelta(days=2))}

    created = await post(
        client,
        "speakers-calls",
        "speakers-call",
        window,
        c.headers(who),
        event=("event", c.event_id),
    )
    patched = await client.patch(
        f"/v1/speakers-calls/{call['id']}",
        json=body("speakers-call", {"announcement": "x"}, id_=call["id"]),
        headers=c.headers(who),
    )
    deleted = await client.delete(f"/v1/speakers-calls/{call['id']}", headers=c.headers(who))

    assert created.status_code in (401, 403), created.text
    assert patched.status_code in (401, 403), patched.text
    assert deleted.status_code in (401, 403), deleted.text


@pytest.mark.parametrize(
    ("starts", "ends"),
    [(timedelta(days=1), timedelta(days=5)), (timedelta(days=-5), timedelta(days=-1))],
)
async def test_submissions_are_refused_outside_the_window_except_from_the_team(
    starts, ends, client, app_db
):
    c = await program(client, app_db)
    call = (await client.get(f"/v1/events/{c.event_id}/speakers-call")).json()["data"]
    moved = await client.patch(
        f"/v1/speakers-calls/{call['id']}",
        json=body(
            "speakers-call", {"starts-at": iso(starts), "ends-at": iso(ends)}, id_=call["id"]
        ),
        headers=c.headers("owner"),
    )
    assert moved.status_code == 200, moved.text

    talk = await submit(client, c, "user", state="pending")
    profile = await post(
        client,
        "speakers",
        "speaker",
        {"name": "Ada"},
        c.headers("user"),
        event=("event", c.event_id),
    )
    by_team = await submit(client, c, "owner", state="pending")
    team_speaker = await speaker(client, c, "owner", email="guest@example.com")

    assert talk.status_code == 403, talk.text
    assert profile.status_code == 403, profile.text
    assert by_team.status_code == 201
    assert team_speaker["attributes"]["email"] == "guest@example.com"


async def test_an_event_without_a_call_takes_no_submissions(client, app_db):
    c = await cast(client, app_db)

    response = await submit(client, c, "user", state="pending")
    team = await make(
        client,
        "sessions",
        "session",
        {"title": "Planned"},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    assert response.status_code == 403
    assert team["attributes"]["state"] == "draft"


async def test_a_public_calls_link_is_no_secret(client, app_db):
    c = await cast(client, app_db)
    await open_call(client, c, hash="public-link")

    response = await client.get(f"/v1/events/{c.identifier}/speakers-call")

    assert response.json()["data"]["attributes"]["hash"] == "public-link"
