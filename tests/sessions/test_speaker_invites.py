"""Speaker invites: a session's speaker invites a co-speaker by address (the mail goes through
the outbox); the invitee, signed in with that address, sees the session and accepts or
rejects; nobody else may answer, and only the inviter's side sees or withdraws the invite."""

from __future__ import annotations

import re

import pytest

from tests.appfixtures import Mailbox, settle
from tests.program.helpers import body
from tests.sessions.helpers import ids, program, speaker, submitted


def invite_body(session_id: str, email: str) -> dict:
    return body("speaker-invite", {"email": email}, session=("session", session_id))


async def invited(client, c, mailbox: Mailbox):
    profile = await speaker(client, c, "user")
    talk = await submitted(client, c, "user", state="pending", speakers=[profile["id"]])
    response = await client.post(
        "/v1/speaker-invites",
        json=invite_body(talk["id"], "Other@Example.com"),
        headers=c.headers("user"),
    )
    assert response.status_code == 201, response.text
    return talk, response.json()["data"]


async def test_a_speaker_invites_a_co_speaker_who_accepts(client, app_db, mailbox: Mailbox):
    c = await program(client, app_db)
    talk, invite = await invited(client, c, mailbox)
    await settle()

    (message,) = mailbox.to("other@example.com")
    link = re.search(r"/speaker-invite/(\d+)/session", Mailbox.text(message))
    seen = await client.get(f"/v1/sessions/{talk['id']}", headers=c.headers("other"))
    listed = await client.get(
        f"/v1/sessions/{talk['id']}/speaker-invites", headers=c.headers("user")
    )
    accepted = await client.get(
        f"/v1/speaker-invites/{invite['id']}/accept-invite", headers=c.headers("other")
    )
    again = await client.get(
        f"/v1/speaker-invites/{invite['id']}/reject-invite", headers=c.headers("other")
    )
    speakers = await client.get(f"/v1/sessions/{talk['id']}/speakers", headers=c.headers("owner"))

    assert invite["attributes"]["status"] == "pending"
    assert invite["attributes"]["email"] == "other@example.com"
    assert link and link.group(1) == invite["id"]
    assert seen.status_code == 200
    assert ids(listed) == [invite["id"]]
    assert accepted.json()["status"] == "accepted"
    assert again.status_code == 409
    emails = sorted(s["attributes"]["email"] for s in speakers.json()["data"])
    assert emails == ["other@example.com", "user@example.com"]


async def test_the_invitee_may_reject(client, app_db, mailbox: Mailbox):
    c = await program(client, app_db)
    talk, invite = await invited(client, c, mailbox)

    rejected = await client.post(
        f"/v1/speaker-invites/{invite['id']}/reject-invite", headers=c.headers("other")
    )
    after = await client.get(f"/v1/sessions/{talk['id']}", headers=c.headers("other"))

    assert rejected.json() == {"success": True, "status": "rejected"}
    assert after.status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "user", "stranger", "owner"])
async def test_only_the_invitee_answers(who, client, app_db, mailbox: Mailbox):
    c = await program(client, app_db)
    _, invite = await invited(client, c, mailbox)

    response = await client.get(
        f"/v1/speaker-invites/{invite['id']}/accept-invite", headers=c.headers(who)
    )

    assert response.status_code == (401 if who == "anonymous" else 404), response.text


@pytest.mark.parametrize("who", ["other", "stranger", "track_organizer"])
async def test_who_may_not_invite(who, client, app_db, mailbox: Mailbox):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user", state="pending")

    response = await client.post(
        "/v1/speaker-invites",
        json=invite_body(talk["id"], "x@example.com"),
        headers=c.headers(who),
    )

    assert response.status_code in (403, 404), response.text


async def test_one_pending_invite_per_address_and_session(client, app_db, mailbox: Mailbox):
    c = await program(client, app_db)
    talk, _ = await invited(client, c, mailbox)

    again = await client.post(
        "/v1/speaker-invites",
        json=invite_body(talk["id"], "other@example.com"),
        headers=c.headers("owner"),
    )

    assert again.status_code == 409
    assert again.json()["errors"][0]["source"]["pointer"] == "/data/attributes/email"


async def test_who_sees_and_withdraws_an_invite(client, app_db, mailbox: Mailbox):
    c = await program(client, app_db)
    _, invite = await invited(client, c, mailbox)
    path = f"/v1/speaker-invites/{invite['id']}"

    seen = {
        who: (await client.get(path, headers=c.headers(who))).status_code
        for who in ("anonymous", "stranger", "track_organizer", "user", "other", "owner")
    }
    by_stranger = await client.delete(path, headers=c.headers("stranger"))
    by_inviter = await client.delete(path, headers=c.headers("user"))

    assert seen == {
        "anonymous": 404,
        "stranger": 404,
        "track_organizer": 404,
        "user": 200,
        "other": 200,
        "owner": 200,
    }
    assert by_stranger.status_code == 404
    assert by_inviter.status_code == 200
