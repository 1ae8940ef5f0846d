"""A private call for speakers takes submissions only through its secret link (`?hash=`),
and no list shows it."""

from __future__ import annotations

from hallway.sessions.models import Session, Speaker
from tests.program.helpers import post
from tests.sessions.helpers import open_call, program, session_body
from tests.tickets.helpers import count

SECRET = "s3cret-link"


async def private_program(client, app_db):
    c = await program(client, app_db)
    call = await call_id(client, c)
    made = await client.patch(
        f"/v1/speakers-calls/{call}",
        json={
            "data": {
                "type": "speakers-call",
                "id": call,
                "attributes": {"privacy": "private", "hash": SECRET},
            }
        },
        headers=c.headers("owner"),
    )
    assert made.status_code == 200, made.text
    return c


async def call_id(client, c) -> str:
    found = await client.get(f"/v1/events/{c.event_id}/speakers-call")
    return str(found.json()["data"]["id"])


async def profile(client, c, who, query=""):
    return await post(
        client,
        f"speakers{query}",
        "speaker",
        {"name": who.title()},
        c.headers(who),
        event=("event", c.event_id),
    )


async def test_a_private_call_takes_submissions_only_with_its_hash(client, app_db):
    c = await private_program(client, app_db)

    without = await profile(client, c, "user")
    wrong = await profile(client, c, "user", "?hash=guess")
    right = await profile(client, c, "user", f"?hash={SECRET}")
    # Who already speaks at the event goes on without the link.
    talk = await client.post(
        "/v1/sessions", json=session_body(c, "Talk", state="pending"), headers=c.headers("user")
    )
    stranger_talk = await client.post(
        "/v1/sessions", json=session_body(c, "Talk"), headers=c.headers("other")
    )

    assert without.status_code == 403, without.text
    assert without.json()["errors"][0]["source"] == {"parameter": "hash"}
    assert wrong.status_code == 403
    assert right.status_code == 201, right.text
    assert talk.status_code == 201, talk.text
    assert stranger_talk.status_code == 403
    assert await count(app_db, Speaker) == 1
    assert await count(app_db, Session) == 1


async def test_the_team_submits_to_a_private_call_without_its_hash(client, app_db):
    c = await private_program(client, app_db)

    speaker = await profile(client, c, "coorganizer")
    talk = await client.post(
        "/v1/sessions", json=session_body(c, "Keynote"), headers=c.headers("owner")
    )

    assert speaker.status_code == 201, speaker.text
    assert talk.status_code == 201, talk.text


async def test_a_private_call_is_not_listed_publicly(client, app_db):
    c = await private_program(client, app_db)
    call = await call_id(client, c)

    lists = {
        who: [
            item["id"]
            for item in (await client.get("/v1/speakers-calls", headers=c.headers(who))).json()[
                "data"
            ]
        ]
        for who in ("anonymous", "user", "stranger", "coorganizer", "admin")
    }
    found = await client.get(f"/v1/events/{c.event_id}/speakers-call")

    assert call not in lists["anonymous"]
    assert call not in lists["user"]
    assert call not in lists["stranger"]
    assert call in lists["coorganizer"]
    assert call in lists["admin"]
    assert found.json()["data"]["attributes"]["privacy"] == "private"
    assert "hash" not in found.json()["data"]["attributes"]


async def test_a_public_call_is_listed_and_needs_no_hash(client, app_db):
    c = await program(client, app_db)

    listed = await client.get("/v1/speakers-calls")
    speaker = await profile(client, c, "user")

    assert await call_id(client, c) in [item["id"] for item in listed.json()["data"]]
    assert speaker.status_code == 201, speaker.text


__all__ = ["open_call"]
