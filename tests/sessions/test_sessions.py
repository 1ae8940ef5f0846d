"""Submitting sessions, who sees them, and the state machine with its tables enforced on
every change (also for sessions without an end)."""

from __future__ import annotations

import pytest

from tests.sessions.helpers import (
    accepted_talk,
    change,
    ids,
    program,
    speaker,
    submit,
    submitted,
)


async def test_a_speaker_submits_a_session_with_their_profile(client, app_db):
    c = await program(client, app_db)
    profile = await speaker(client, c, "user")

    talk = await submitted(client, c, "user", state="pending", speakers=[profile["id"]])
    shown = await client.get(
        f"/v1/sessions/{talk['id']}?include=speakers,creator", headers=c.headers("user")
    )

    assert talk["attributes"]["state"] == "pending"
    assert talk["attributes"]["submitted-at"] is not None
    assert talk["attributes"]["average-rating"] is None
    assert talk["attributes"]["rating-count"] == 0
    assert talk["attributes"]["favourite-count"] == 0
    data = shown.json()["data"]
    assert data["relationships"]["speakers"]["data"] == [{"type": "speaker", "id": profile["id"]}]
    assert data["relationships"]["creator"]["data"]["type"] == "user"


async def test_everyone_sees_accepted_sessions_a_speaker_their_own_the_team_all(client, app_db):
    c = await program(client, app_db)
    _, accepted = await accepted_talk(client, c, "user", "Accepted")
    pending = await submitted(client, c, "other", "Pending", state="pending")
    draft = await submitted(client, c, "other", "Draft")
    path = f"/v1/events/{c.event_id}/sessions?sort=id"

    seen = {who: ids(await client.get(path, headers=c.headers(who))) for who in c.tokens}

    public = [accepted["id"]]
    everything = [accepted["id"], pending["id"], draft["id"]]
    assert seen["anonymous"] == seen["user"] == seen["stranger"] == public
    assert seen["track_organizer"] == seen["moderator"] == public
    assert seen["other"] == everything
    assert seen["owner"] == seen["coorganizer"] == seen["admin"] == everything
    hidden = await client.get(f"/v1/sessions/{pending['id']}", headers=c.headers("user"))
    assert hidden.status_code == 404


async def test_sessions_of_a_draft_event_are_hidden_from_the_public(client, app_db):
    c = await program(client, app_db, published=False)
    _, accepted = await accepted_talk(client, c, "owner")

    anonymous = await client.get(f"/v1/sessions/{accepted['id']}")
    stranger = await client.get(f"/v1/sessions/{accepted['id']}", headers=c.headers("stranger"))
    listed = await client.get("/v1/sessions", headers=c.headers("stranger"))

    assert anonymous.status_code == 404
    assert stranger.status_code == 404
    assert ids(listed) == []


@pytest.mark.parametrize("target", ["accepted", "confirmed", "rejected", "canceled"])
async def test_a_speaker_cannot_review_their_own_session(target, client, app_db):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user", state="pending")

    response = await change(client, c, "user", talk["id"], state=target)
    after = await client.get(f"/v1/sessions/{talk['id']}", headers=c.headers("user"))

    assert response.status_code == 403, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/state"
    assert after.json()["data"]["attributes"]["state"] == "pending"


async def test_a_speaker_submits_a_draft_and_withdraws_which_is_final(client, app_db):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user")

    submitted_ = await change(client, c, "user", talk["id"], state="pending")
    withdrawn = await change(client, c, "user", talk["id"], state="withdrawn")
    back = await change(client, c, "user", talk["id"], state="pending")

    assert talk["attributes"]["state"] == "draft"
    assert submitted_.json()["data"]["attributes"]["state"] == "pending"
    assert withdrawn.json()["data"]["attributes"]["state"] == "withdrawn"
    assert back.status_code == 403


async def test_the_team_reviews_but_does_not_touch_drafts(client, app_db):
    c = await program(client, app_db)
    draft = await submitted(client, c, "user")
    pending = await submitted(client, c, "user", "Second", state="pending")

    on_draft = await change(client, c, "owner", draft["id"], state="accepted")
    accepted = await change(client, c, "coorganizer", pending["id"], state="accepted")
    confirmed = await change(client, c, "owner", pending["id"], state="confirmed")
    to_draft = await change(client, c, "owner", pending["id"], state="draft")
    by_admin = await change(client, c, "admin", pending["id"], state="rejected")

    assert on_draft.status_code == 403
    assert accepted.status_code == 200
    assert confirmed.json()["data"]["attributes"]["state"] == "confirmed"
    assert to_draft.status_code == 403
    assert by_admin.json()["data"]["attributes"]["state"] == "rejected"


@pytest.mark.parametrize("who", ["stranger", "track_organizer", "moderator", "other"])
async def test_who_may_not_review_a_session(who, client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user")

    response = await change(client, c, who, talk["id"], state="rejected")

    assert response.status_code == 403, response.text


async def test_anonymous_callers_may_not_submit_or_change(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user")

    created = await submit(client, c, "anonymous")
    changed = await change(client, c, "anonymous", talk["id"], title="Mine")
    deleted = await client.delete(f"/v1/sessions/{talk['id']}")

    assert created.status_code in (401, 403), created.text
    assert changed.status_code in (401, 403), changed.text
    assert deleted.status_code in (401, 403), deleted.text


async def test_only_the_team_deletes_sessions(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user")

    by_speaker = await client.delete(f"/v1/sessions/{talk['id']}", headers=c.headers("user"))
    by_owner = await client.delete(f"/v1/sessions/{talk['id']}", headers=c.headers("owner"))

    assert by_speaker.status_code == 403
    assert by_owner.status_code == 200
    gone = await client.get(f"/v1/sessions/{talk['id']}")
    assert gone.status_code == 404


async def test_a_new_session_with_a_null_state_is_a_submission(client, app_db):
    """The web frontend's call-for-speakers form posts `state: null`: the session is submitted
    (pending, with its submission time), as a session without a state is a draft. A change
    to a null state is refused."""
    c = await program(client, app_db)
    talk = await submitted(client, c, "user", "From the form", state=None)
    refused = await change(client, c, "user", talk["id"], title="Renamed", state=None)

    assert talk["attributes"]["state"] == "pending"
    assert talk["attributes"]["submitted-at"] is not None
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["source"]["pointer"] == "/data/attributes/state"
