"""Feedback: any signed-in user rates an event or a session they can see, 0 to 5 rounded to
the nearest half; one per user and session; a session's average rating and rating count are
always what its feedback rows say."""

from __future__ import annotations

import pytest

from tests.program.helpers import body
from tests.sessions.helpers import accepted_talk, program, submitted


def feedback(rating, **target: str) -> dict:
    return body(
        "feedback",
        {"rating": rating, "comment": "Nice"},
        **{name: (name, id_) for name, id_ in target.items()},
    )


@pytest.mark.parametrize(("given", "stored"), [(2.3, 2.5), (4.1, 4.0), (2.25, 2.5), (0, 0), (5, 5)])
async def test_a_rating_is_stored_by_halves(given, stored, client, app_db):
    c = await program(client, app_db)

    response = await client.post(
        "/v1/feedbacks", json=feedback(given, event=c.event_id), headers=c.headers("user")
    )

    assert response.status_code == 201, response.text
    assert response.json()["data"]["attributes"]["rating"] == stored


@pytest.mark.parametrize("rating", [-0.5, 5.5, "good", None])
async def test_a_rating_lies_between_0_and_5(rating, client, app_db):
    c = await program(client, app_db)

    response = await client.post(
        "/v1/feedbacks", json=feedback(rating, event=c.event_id), headers=c.headers("user")
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/rating"


async def test_a_sessions_ratings_are_its_feedbacks(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user")

    for who, rating in (("other", 4), ("stranger", 3)):
        response = await client.post(
            "/v1/feedbacks", json=feedback(rating, session=talk["id"]), headers=c.headers(who)
        )
        assert response.status_code == 201, response.text
    again = await client.post(
        "/v1/feedbacks", json=feedback(1, session=talk["id"]), headers=c.headers("other")
    )
    shown = await client.get(f"/v1/sessions/{talk['id']}")
    mine = await client.get(f"/v1/sessions/{talk['id']}/feedbacks", headers=c.headers("other"))
    everything = await client.get(
        f"/v1/sessions/{talk['id']}/feedbacks", headers=c.headers("owner")
    )

    assert again.status_code == 409
    assert shown.json()["data"]["attributes"]["average-rating"] == 3.5
    assert shown.json()["data"]["attributes"]["rating-count"] == 2
    assert len(mine.json()["data"]) == 1
    assert len(everything.json()["data"]) == 2
    event_link = mine.json()["data"][0]["relationships"]["event"]["links"]["related"]
    home = await client.get(event_link, headers=c.headers("owner"))
    assert home.json()["data"]["id"] == c.event_id


async def test_a_feedback_is_on_an_event_or_a_session(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user")

    both = await client.post(
        "/v1/feedbacks",
        json=feedback(3, event=c.event_id, session=talk["id"]),
        headers=c.headers("other"),
    )
    neither = await client.post("/v1/feedbacks", json=feedback(3), headers=c.headers("other"))

    assert both.status_code == 422
    assert neither.status_code == 422


async def test_who_may_not_give_read_or_change_feedback(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c, "user")
    pending = await submitted(client, c, "user", "Hidden", state="pending")
    made = await client.post(
        "/v1/feedbacks", json=feedback(4, session=talk["id"]), headers=c.headers("other")
    )
    path = f"/v1/feedbacks/{made.json()['data']['id']}"

    anonymous = await client.post(
        "/v1/feedbacks", json=feedback(3, session=talk["id"]), headers=c.headers("anonymous")
    )
    unseen = await client.post(
        "/v1/feedbacks", json=feedback(3, session=pending["id"]), headers=c.headers("stranger")
    )
    read = {
        who: (await client.get(path, headers=c.headers(who))).status_code
        for who in ("anonymous", "stranger", "user", "other", "owner")
    }
    by_owner = await client.patch(
        path,
        json=body("feedback", {"rating": 1}, id_=made.json()["data"]["id"]),
        headers=c.headers("owner"),
    )
    by_author = await client.patch(
        path,
        json=body("feedback", {"rating": 2}, id_=made.json()["data"]["id"]),
        headers=c.headers("other"),
    )
    by_stranger = await client.delete(path, headers=c.headers("stranger"))

    assert anonymous.status_code in (401, 403)
    assert unseen.status_code == 404
    assert read == {"anonymous": 404, "stranger": 404, "user": 404, "other": 200, "owner": 200}
    assert by_owner.status_code == 403
    assert by_author.json()["data"]["attributes"]["rating"] == 2
    assert by_stranger.status_code == 404
